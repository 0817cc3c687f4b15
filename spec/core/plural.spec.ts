// Checks plural derivation against the resource names Kubernetes serves.
import { expect } from 'chai';
import { pluralize } from '../../lib/core/plural.js';

describe('pluralize', () => {
  const cases: [string, string][] = [
    // regular: add -s
    ['Pod', 'pods'],
    ['Deployment', 'deployments'],
    ['ConfigMap', 'configmaps'],
    ['Node', 'nodes'],
    ['IngressClass', 'ingressclasses'],
    ['StorageClass', 'storageclasses'],
    ['PriorityClass', 'priorityclasses'],
    ['Ingress', 'ingresses'],
    ['Status', 'statuses'],
    // -x, -z, -ch, -sh take -es
    ['Box', 'boxes'],
    ['Quiz', 'quizes'],
    ['Batch', 'batches'],
    ['Mesh', 'meshes'],
    // consonant + y → -ies
    ['NetworkPolicy', 'networkpolicies'],
    ['Policy', 'policies'],
    ['Proxy', 'proxies'],
    ['FlowSchemaPolicy', 'flowschemapolicies'],
    // vowel + y → -s
    ['Key', 'keys'],
    ['Gateway', 'gateways'],
    ['Day', 'days'],
    ['Toy', 'toys'],
    // irregular
    ['Endpoints', 'endpoints'],
    ['EndpointSlice', 'endpointslices'],
    ['NodeMetrics', 'nodes'],
    ['PodMetrics', 'pods'],
    ['PodSecurityPolicy', 'podsecuritypolicies'],
  ];

  for (const [kind, plural] of cases) {
    it(`should pluralize ${kind} as ${plural}`, () => {
      expect(pluralize(kind)).to.equal(plural);
    });
  }

  it('should lowercase the whole kind', () => {
    expect(pluralize('CustomResourceDefinition')).to.equal('customresourcedefinitions');
    expect(pluralize('HTTPRoute')).to.equal('httproutes');
  });

  it('should not treat a lone y as consonant + y', () => {
    expect(pluralize('Y')).to.equal('ys');
  });
});
