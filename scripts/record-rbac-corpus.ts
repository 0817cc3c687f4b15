// Records a real kube-apiserver 1.32.13's answers to the RBAC corpus into spec/fixtures/rbac-corpus-answers.json.
//
// spec/conformance/rbac-corpus.spec.ts asks the cluster under test the same questions (access reviews,
// 403 bodies, impersonation and escalation attempts; see spec/fixtures/rbac-corpus.ts) and compares the
// answers with this recording. It starts the real control plane with startTestCluster({ kind: 'real' })
// (etcd, kube-apiserver with --authorization-mode=Node,RBAC, and kube-controller-manager, whose
// clusterrole-aggregation controller fills admin/edit/view) from ~/.cache/kube-rx/k8s-1.32.13 or
// KUBEBUILDER_ASSETS. Run: `npm run record:rbac-corpus`.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startTestCluster } from '../lib/testing/index.js';
import { CORPUS_USERS, runCorpus } from '../spec/fixtures/rbac-corpus.js';

/** Where the recording goes. */
export const RBAC_CORPUS_ANSWERS_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../spec/fixtures/rbac-corpus-answers.json');

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const cluster = await startTestCluster({ kind: 'real', users: CORPUS_USERS });
  try {
    const answers = await runCorpus({ url: cluster.url, caPem: cluster.caPem, token: cluster.token });
    const recording = { recordedFrom: `kube-apiserver ${cluster.version}`, answers };
    writeFileSync(RBAC_CORPUS_ANSWERS_FILE, `${JSON.stringify(recording, null, 2)}\n`);
    console.log(`recorded ${Object.keys(answers).length} answers from ${cluster.version} into ${RBAC_CORPUS_ANSWERS_FILE}`);
  } finally {
    await cluster.close();
  }
}
