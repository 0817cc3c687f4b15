// The differential conformance suite: the embedded server's answers against kube-apiserver 1.32's.
//
// `npm test` (embedded): each case runs on the embedded server and is compared with the real
// server's answers recorded under spec/conformance/recordings (npm run conformance:record).
// `npm run test:real` (KUBE_RX_TEST_CLUSTER=real): each case runs live on both servers and is
// compared, and the recording must still match the live real server.
import { expect } from 'chai';
import { testClusterKind } from '../../lib/testing/index.js';
import { ALLOWED_DIFFERENCES } from './allowed-differences.js';
import { CORPUS } from './corpus.js';
import { applyAllowList, type AllowedDifference } from './harness/allowed.js';
import { startConformanceCluster, type ConformanceCluster } from './harness/clusters.js';
import { describeDifference, diffTranscripts, sameSteps } from './harness/diff.js';
import { normalizeTranscript } from './harness/normalize.js';
import { readRecording, RERECORD } from './harness/recordings.js';
import { probeTraits, runCase, type TargetTraits } from './harness/run-case.js';

describe('conformance: the embedded server answers as kube-apiserver 1.32', function () {
  this.timeout(120_000);
  const live = testClusterKind() === 'real';
  let embedded: ConformanceCluster | undefined;
  let real: ConformanceCluster | undefined;
  let embeddedTraits: TargetTraits;
  let realTraits: TargetTraits;
  const used = new Set<AllowedDifference>();
  let cases = 0;
  let compared = 0;
  let allowed = 0;

  before(async function () {
    embedded = await startConformanceCluster('embedded');
    embeddedTraits = await probeTraits(embedded.target);
    if (live) {
      real = await startConformanceCluster('real');
      realTraits = await probeTraits(real.target);
    }
  });

  after(async function () {
    console.log(`      conformance: ${cases} cases, ${compared} requests compared ${live ? 'live against kube-apiserver' : 'against recorded kube-apiserver answers'}, ${allowed} allowed differences (${used.size} allow-list entries used)`);
    await embedded?.close();
    await real?.close();
  });

  for (const conformanceCase of CORPUS) {
    it(conformanceCase.name, async function () {
      const recorded = readRecording(conformanceCase.name);
      if (!live && recorded === undefined) expect.fail(`no recording of ${conformanceCase.name}: run ${RERECORD}`);
      const ours = normalizeTranscript(await runCase(embedded!.target, embeddedTraits, conformanceCase));
      let expected = recorded;
      if (live) {
        const theirs = normalizeTranscript(await runCase(real!.target, realTraits, conformanceCase));
        const stale = recorded === undefined ? ['(no recording)'] : diffTranscripts(recorded, theirs).map(describeDifference);
        if (stale.length > 0) expect.fail(`the recording of ${conformanceCase.name} no longer matches the real server: run ${RERECORD}\n${stale.join('\n')}`);
        expected = theirs;
      }
      if (expected === undefined) return;
      if (!sameSteps(expected, ours) && expected.error === undefined && ours.error === undefined) {
        expect.fail(`the steps of ${conformanceCase.name} differ from its recording: run ${RERECORD}`);
      }
      cases++;
      compared += ours.exchanges.length;
      const result = applyAllowList(diffTranscripts(expected, ours), ALLOWED_DIFFERENCES);
      allowed += result.allowed.length;
      for (const entry of result.used) used.add(entry);
      if (result.unexpected.length > 0) {
        expect.fail(`${result.unexpected.length} differences from kube-apiserver (fix the embedded server, or list them with a reason in spec/conformance/allowed-differences.ts):\n${result.unexpected.map(describeDifference).join('\n')}`);
      }
    });
  }

  it('lists only differences that still occur in its allow-list', function () {
    if (cases < CORPUS.length) this.skip();
    const unused = ALLOWED_DIFFERENCES.filter((entry) => !used.has(entry)).map((e) => `${e.case} › ${e.step} › ${e.path}`);
    expect(unused, 'allow-list entries that no difference needs any more: remove them').to.deep.equal([]);
  });
});
