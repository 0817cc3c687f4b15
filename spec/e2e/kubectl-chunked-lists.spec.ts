// kubectl reads lists in chunks (`--chunk-size`, 500 by default): every page must arrive, cluster-scoped or not.
import { expect } from 'chai';
import { Kubectl } from '../helpers/kubectl.js';
import { useTestCluster } from '../helpers/test-cluster.js';

describe('kubectl --chunk-size', function () {
  this.timeout(60_000);
  const env = useTestCluster();
  let kubectl: Kubectl;

  before(async () => {
    kubectl = await Kubectl.forKubeconfig(env.kubeconfig);
    const objects = ['chunk-a', 'chunk-b', 'chunk-c'].flatMap((ns) => [
      `apiVersion: v1\nkind: Namespace\nmetadata: {name: ${ns}}\n`,
      ...['one', 'two'].map((cm) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${cm}, namespace: ${ns}}\n`),
    ]);
    const created = await kubectl.run(['apply', '-f', '-'], objects.join('---\n'));
    expect(created.code, created.stderr).to.equal(0);
  });
  after(async () => {
    await kubectl?.dispose();
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
