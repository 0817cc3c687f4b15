// Drives the official Python client (python3-kubernetes from Debian) against the embedded API server.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_RESOURCES } from '../../lib/core/index.js';
import { rawRequest, useApiServer } from '../helpers/api-server.js';
import { BUILTIN_SAMPLES } from '../fixtures/builtin-samples.js';

type Json = Record<string, any>;

/** Debian's interpreter, which python3-kubernetes installs into (.ci/run installs the package). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./python/read_every_kind.py', import.meta.url));
const NAMESPACE = 'python';

/**
 * Kinds python3-kubernetes 22.6 (Kubernetes 1.22's API) has no typed API for: it cannot read
 * them at all, whatever the server does.
 */
const NEWER_THAN_THE_CLIENT = [
  'autoscaling/v2/HorizontalPodAutoscaler',
  'storage.k8s.io/v1/CSIStorageCapacity',
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding',
  'flowcontrol.apiserver.k8s.io/v1/FlowSchema',
  'flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration',
];

function runPython(kubeconfigPath: string, input: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(PYTHON, [SCRIPT], { env: { PATH: '/usr/bin:/bin', KUBECONFIG: kubeconfigPath, HOME: tmpdir() }, timeout: 60_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number((error as { code?: number }).code ?? 1), stdout, stderr });
    });
    child.stdin?.end(input);
  });
}

describe('python3-kubernetes (the official Python client)', function () {
  this.timeout(90_000);
  const env = useApiServer();
  let dir = '';

  before(async function () {
    if (!existsSync(PYTHON)) throw new Error(`${PYTHON} is missing (.ci/run installs python3-kubernetes)`);
    dir = await mkdtemp(join(tmpdir(), 'kube-rx-python-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Note: python3-kubernetes 22.6 refuses an events.k8s.io/v1 Event whose eventTime is null, which is
  // how kube-apiserver 1.32 itself answers for an Event created through core/v1 without one (checked
  // against the real server), so the Event sample carries an eventTime.
  it('should read every built-in kind the server stores without a validation error', async () => {
    expect((await rawRequest(env.server, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: NAMESPACE } } })).status).to.equal(201);
    // Not stored: bindings and componentstatuses are verbs, the authentication/authorization kinds are reviews (create-only).
    const stored = BUILTIN_RESOURCES.filter((r) => !['Binding', 'ComponentStatus'].includes(r.kind) && r.group !== 'authentication.k8s.io' && r.group !== 'authorization.k8s.io');
    for (const row of stored) {
      const key = `${row.group}/${row.version}/${row.kind}`;
      const sample = BUILTIN_SAMPLES[key];
      expect(sample, `a sample ${key} in spec/fixtures/builtin-samples.ts`).to.not.equal(undefined);
      const base = row.group === '' ? `/api/${row.version}` : `/apis/${row.group}/${row.version}`;
      const path = row.namespaced ? `${base}/namespaces/${NAMESPACE}/${row.plural}` : `${base}/${row.plural}`;
      const res = await rawRequest(env.server, path, { method: 'POST', body: sample });
      expect(res.status, `POST ${key}: ${res.text}`).to.equal(201);
    }
    await env.server.hooks.settle();
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    await writeFile(kubeconfig, env.server.kubeconfig, { mode: 0o600 });
    const input = JSON.stringify([...stored, { group: '', version: 'v1', kind: 'ComponentStatus', namespaced: false }].map((r) => ({ group: r.group, version: r.version, kind: r.kind, namespaced: r.namespaced })));
    const result = await runPython(kubeconfig, input);
    expect(result.code, result.stderr).to.equal(0);
    const report = JSON.parse(result.stdout) as Record<string, Json>;
    const errors = Object.entries(report).filter(([, r]) => r['status'] === 'error').map(([k, r]) => `${k}: ${String(r['error'])}`);
    expect(errors, errors.join('\n')).to.deep.equal([]);
    const unsupported = Object.entries(report).filter(([, r]) => r['status'] === 'unsupported').map(([k]) => k).sort();
    expect(unsupported).to.deep.equal([...NEWER_THAN_THE_CLIENT].sort());
    const empty = Object.entries(report).filter(([, r]) => r['status'] === 'ok' && r['count'] === 0).map(([k]) => k);
    expect(empty, 'kinds the client read no object of').to.deep.equal([]);
  });
});
