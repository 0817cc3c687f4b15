// npm run conformance:record [-- <case-name-substring>...]: runs the corpus against the real
// control plane and writes the normalised answers under spec/conformance/recordings.
import { CORPUS } from './corpus.js';
import { startConformanceCluster } from './harness/clusters.js';
import { normalizeTranscript } from './harness/normalize.js';
import { pruneRecordings, writeRecording } from './harness/recordings.js';
import { probeTraits, runCase } from './harness/run-case.js';

const filters = process.argv.slice(2);
const selected = CORPUS.filter((c) => filters.length === 0 || filters.some((f) => c.name.includes(f)));
const real = await startConformanceCluster('real');
try {
  console.log(`recording ${selected.length} cases against kube-apiserver ${real.cluster.version}`);
  const traits = await probeTraits(real.target);
  let requests = 0;
  for (const conformanceCase of selected) {
    const transcript = normalizeTranscript(await runCase(real.target, traits, conformanceCase));
    requests += transcript.exchanges.length;
    await writeRecording(transcript);
    console.log(`  ${conformanceCase.name}: ${transcript.exchanges.length} steps${transcript.error === undefined ? '' : ` (ended with: ${transcript.error})`}`);
  }
  if (filters.length === 0) {
    for (const file of await pruneRecordings(CORPUS.map((c) => c.name))) console.log(`  removed ${file}`);
  }
  console.log(`recorded ${selected.length} cases, ${requests} steps`);
} finally {
  await real.close();
}
