// kubectl validates what OpenAPI v3 does not describe (kind: List files, unknown kinds) against /openapi/v2, in protobuf.
import { expect } from 'chai';
import { Kubectl } from '../helpers/kubectl.js';
import { useTestCluster } from '../helpers/test-cluster.js';

describe('kubectl and /openapi/v2', function () {
  this.timeout(60_000);
  const env = useTestCluster();
  let kubectl: Kubectl | undefined;

  before(async () => {
    kubectl = await Kubectl.forKubeconfig(env.kubeconfig);
  });
  after(async () => {
    await kubectl?.dispose();
  });

  const run = (args: string[], stdin: string) => (kubectl as Kubectl).run(args, stdin);

  it('should apply a kind: List file', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: from-list}\n  data: {a: b}\n';
    const result = await run(['apply', '-n', 'default', '-f', '-'], list);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.equal('configmap/from-list created\n');
  });

  it('should refuse an unknown field of a List item as kubectl\'s client-side validation words it', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: bad}\n  datta: {a: b}\n';
    const result = await run(['apply', '-n', 'default', '-f', '-'], list);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('error validating data: ValidationError(ConfigMap): unknown field "datta" in io.k8s.api.core.v1.ConfigMap');
  });

  it('should answer an unknown kind with no matches for kind', async () => {
    const result = await run(['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Nope\nmetadata: {name: x}\n');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Nope" in version "example.com/v1"');
  });
});
