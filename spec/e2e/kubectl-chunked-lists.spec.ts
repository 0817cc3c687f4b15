// kubectl reads lists in chunks (`--chunk-size`, 500 by default): every page must arrive, cluster-scoped or not.
import { expect } from 'chai';
import { rawRequest, useApiServer } from '../helpers/api-server.js';
import { Kubectl } from '../helpers/kubectl.js';

describe('kubectl --chunk-size', function () {
  this.timeout(60_000);
  const env = useApiServer();
  let kubectl: Kubectl;

  before(async () => {
    kubectl = await Kubectl.forKubeconfig(env.server.kubeconfig);
    for (const ns of ['chunk-a', 'chunk-b', 'chunk-c']) {
      expect((await rawRequest(env.server, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name: ns } } })).status).to.equal(201);
      for (const cm of ['one', 'two']) {
        const res = await rawRequest(env.server, `/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: { metadata: { name: cm } } });
        expect(res.status).to.equal(201);
      }
    }
  });
  after(async () => {
    await kubectl.dispose();
  });

  async function names(args: string[]): Promise<string[]> {
    const result = await kubectl.run(args);
    expect(result.code, result.stderr).to.equal(0);
    return result.stdout.trim().split('\n');
  }

  it('should show every namespace one page at a time', async () => {
    const paged = await names(['get', 'namespaces', '--chunk-size=1', '-o', 'name']);
    expect(paged).to.deep.equal(await names(['get', 'namespaces', '--chunk-size=0', '-o', 'name']));
    expect(paged).to.include.members(['namespace/chunk-a', 'namespace/chunk-b', 'namespace/chunk-c', 'namespace/default', 'namespace/kube-system']);
  });

  it('should show every object of a namespaced kind across namespaces one page at a time', async () => {
    const paged = await names(['get', 'configmaps', '-A', '--chunk-size=1', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}']);
    for (const ns of ['chunk-a', 'chunk-b', 'chunk-c']) expect(paged).to.include.members([`${ns}/one`, `${ns}/two`]);
    expect(paged).to.deep.equal(await names(['get', 'configmaps', '-A', '--chunk-size=0', '-o', 'jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{"\\n"}{end}']));
  });
});
