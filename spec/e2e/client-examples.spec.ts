// Runs the client examples: with no kubeconfig reachable, so that they start an embedded server,
// or against the real control plane under KUBE_RX_TEST_CLUSTER=real.
import { expect } from 'chai';
import { testClusterKind } from '../../lib/testing/index.js';
import { useExampleRunner } from '../helpers/run-example.js';
import { useTestCluster } from '../helpers/test-cluster.js';

const real = testClusterKind() === 'real';

describe('client examples', function () {
  this.timeout(60_000);
  const example = useExampleRunner(real ? useTestCluster() : undefined);
  const target = real ? /^using kubeconfig/ : /^using an embedded API server at https:\/\/127\.0\.0\.1:\d+/;

  it('should run pod-api against an embedded server', async () => {
    const out = await example('pod-api.ts');
    expect(out).to.match(target);
    expect(out).to.contain('created blog (uid ');
    expect(out).to.contain('got blog with container blog');
    expect(out).to.contain('replaced: labels {"app":"blog"}');
    expect(out).to.contain('409 Conflict, as it should');
    expect(out).to.contain('patched: annotations {"example.com/owner":"pod-api"}');
    expect(out).to.contain('listed 1 pod(s) with app=blog: blog');
    expect(out).to.match(/blog is (gone|still terminating)/);
  });

  it('should run dynamic-api against an embedded server', async () => {
    const out = await example('dynamic-api.ts');
    expect(out).to.match(target);
    expect(out).to.match(/discovery: (aggregated|legacy), \d+ groups/);
    expect(out).to.match(/ConfigMap \(v1, namespaced\): \d+ .*default\/dynamic-api-example/);
    expect(out).to.match(/Namespace \(v1, cluster\): \d+ .*default/);
    expect(out).to.contain('Deployment (apps/v1, namespaced): 0');
  });
});
