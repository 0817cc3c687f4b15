import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

describe('pod admission (ServiceAccount, DefaultTolerationSeconds, Priority)', () => {
  const env = useApiServer();
  const create = async (body: Json, namespace = 'default'): Promise<{ status: number; body: Json }> => {
    await env.server.hooks.settle();
    const res = await rawRequest(env.server, `/api/v1/namespaces/${namespace}/pods`, { method: 'POST', body });
    return { status: res.status, body: res.json<Json>() };
  };
  const pod = (name: string, spec: Json = {}): Json => ({ metadata: { name }, spec: { containers: [{ name: 'main', image: 'pause' }], ...spec } });

  it('should give a pod the default ServiceAccount and mount its token volume in every container', async () => {
    const { status, body } = await create(pod('token', { initContainers: [{ name: 'init', image: 'pause' }] }));
    expect(status).to.equal(201);
    const spec = body['spec'];
    expect(spec).to.include({ serviceAccountName: 'default', serviceAccount: 'default', enableServiceLinks: true });
    const volume = spec.volumes[0];
    expect(volume.name).to.match(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected.sources[0]).to.deep.equal({ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } });
    expect(volume.projected.defaultMode).to.equal(420);
    const mount = { name: volume.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    expect(spec.containers[0].volumeMounts).to.deep.equal([mount]);
    expect(spec.initContainers[0].volumeMounts).to.deep.equal([mount]);
  });

  it('should not mount a token when the pod or its ServiceAccount opts out', async () => {
    const optOut = await create(pod('no-mount', { automountServiceAccountToken: false }));
    expect(optOut.body['spec']).to.not.have.property('volumes');
    await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts', { method: 'POST', body: { metadata: { name: 'quiet' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'pull' }] } });
    const quiet = await create(pod('quiet', { serviceAccountName: 'quiet' }));
    expect(quiet.body['spec']).to.not.have.property('volumes');
    expect(quiet.body['spec'].imagePullSecrets).to.deep.equal([{ name: 'pull' }]);
  });

  it('should refuse a pod whose ServiceAccount does not exist, with 403 as kube-apiserver words it', async () => {
    const { status, body } = await create(pod('orphan', { serviceAccountName: 'ghost' }));
    expect(status).to.equal(403);
    expect(body['message']).to.equal('pods "orphan" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found');
  });

  it('should add the not-ready and unreachable tolerations unless the pod tolerates them', async () => {
    const plain = await create(pod('tolerant'));
    expect(plain.body['spec'].tolerations).to.deep.equal([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const everything = await create(pod('tolerates-all', { tolerations: [{ operator: 'Exists' }] }));
    expect(everything.body['spec'].tolerations).to.deep.equal([{ operator: 'Exists' }]);
  });

  it('should set priority 0 and PreemptLowerPriority without a class, and take them from a named class', async () => {
    const plain = await create(pod('plain'));
    expect(plain.body['spec']).to.include({ priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    await rawRequest(env.server, '/apis/scheduling.k8s.io/v1/priorityclasses', { method: 'POST', body: { metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'Never' } });
    const high = await create(pod('high', { priorityClassName: 'high' }));
    expect(high.body['spec']).to.include({ priority: 1000, preemptionPolicy: 'Never' });
    const missing = await create(pod('missing', { priorityClassName: 'nope' }));
    expect(missing.status).to.equal(403);
    expect(missing.body['message']).to.equal('pods "missing" is forbidden: no PriorityClass with name nope was found');
    const wrong = await create(pod('wrong', { priorityClassName: 'high', priority: 5 }));
    expect(wrong.body['message']).to.equal('pods "wrong" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name');
  });
});
