// Runs the custom-resource examples: crd-gen prints a CRD, crd-api drives one on an embedded server
// (or on the real control plane under KUBE_RX_TEST_CLUSTER=real).
import { expect } from 'chai';
import { parse } from 'yaml';
import { testClusterKind } from '../../lib/testing/index.js';
import { useExampleRunner } from '../helpers/run-example.js';
import { useTestCluster } from '../helpers/test-cluster.js';

const real = testClusterKind() === 'real';

describe('custom resource examples', function () {
  this.timeout(60_000);
  const example = useExampleRunner(real ? useTestCluster() : undefined);

  it('should print a CRD as YAML with crd-gen', async () => {
    const crd = parse(await example('crd-gen.ts')) as { kind: string; metadata: { name: string }; spec: { versions: { subresources: unknown }[] } };
    expect(crd.kind).to.equal('CustomResourceDefinition');
    expect(crd.metadata.name).to.equal('foos.clux.dev');
    expect(crd.spec.versions[0]?.subresources).to.deep.equal({ status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } });
  });

  it('should drive a custom resource with crd-api', async () => {
    const out = await example('crd-api.ts');
    expect(out).to.match(real ? /^using kubeconfig/ : /^using an embedded API server/);
    expect(out).to.contain('applied CRD foos.clux.dev');
    expect(out).to.contain('patched: info=patched baz generation=2');
    expect(out).to.contain('status: replicas=1 isBad=false');
    expect(out).to.contain('scaled: spec.replicas=3 status.replicas=1');
    expect(out).to.match(/refused as expected: .*spec\.replicas/);
    expect(out).to.contain('client-side: {"valid":false,"errors":[{"path":"spec.replicas","message":"must be integer","keyword":"type"}]}');
    expect(out).to.contain('listed: baz (3)');
    expect(out).to.contain('cleaned up');
  });
});
