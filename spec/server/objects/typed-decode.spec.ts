import { expect } from 'chai';
import { typedDecode } from '../../../lib/server/objects/typed-decode.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

describe('typedDecode', () => {
  it('should drop and report fields the type does not declare, at any depth', () => {
    const result = typedDecode(DEPLOYMENT, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', colour: 'x' },
      spec: { replica: 3, template: { spec: { containers: [{ name: 'c', image: 'i', imagePolicy: 'Always' }] } } },
    });
    expect(result.unknownFields).to.deep.equal(['metadata.colour', 'spec.replica', 'spec.template.spec.containers[0].imagePolicy']);
    expect(result.object).to.deep.equal({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } });
  });

  it('should omit nulls and empty optional maps and lists, as omitempty does', () => {
    const result = typedDecode({ group: '', version: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: {}, finalizers: [] }, data: {}, binaryData: null });
    expect(result.object).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
  });

  it('should keep empty structs (non-pointer fields serialize as {})', () => {
    const result = typedDecode(DEPLOYMENT, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' }, status: {} });
    expect(result.object['status']).to.deep.equal({});
  });

  it('should report a JSON type mismatch like Go\'s decoder', () => {
    const result = typedDecode({ group: '', version: 'v1', kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { n: 1 } });
    expect(result.typeError).to.equal('json: cannot unmarshal number into Go struct field ConfigMap.data of type string');
  });

  it("should turn null list elements and map values into the element type's zero value, as Go's decoder does", () => {
    const result = typedDecode({ group: '', version: 'v1', kind: 'Pod' }, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', finalizers: [null], annotations: { a: null }, ownerReferences: [null] },
      spec: { containers: [null, { name: 'c', image: 'i', env: [null], ports: [{ containerPort: 80 }, null] }] },
    });
    expect(result.typeError).to.equal(undefined);
    expect(result.object['metadata']).to.deep.equal({ name: 'p', finalizers: [''], annotations: { a: '' }, ownerReferences: [{}] });
    const spec = result.object['spec'] as { containers: Record<string, unknown>[] };
    expect(spec.containers[0]).to.deep.equal({});
    expect(spec.containers[1]).to.deep.include({ env: [{}], ports: [{ containerPort: 80 }, {}] });
  });

  it('should write numeric quantities as canonical strings', () => {
    const result = typedDecode({ group: '', version: 'v1', kind: 'Pod' }, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'i', resources: { limits: { cpu: 0.5, memory: 1024 } } }] },
    });
    const container = ((result.object['spec'] as Record<string, unknown[]>)['containers'] as Record<string, any>[])[0];
    expect(container?.['resources']).to.deep.equal({ limits: { cpu: '500m', memory: '1024' } });
  });

  it('should leave kinds without a definition alone', () => {
    const object = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, anything: { goes: [] } };
    expect(typedDecode({ group: 'example.com', version: 'v1', kind: 'Widget' }, object).object).to.equal(object);
  });
});

describe('typedDecode and omitempty', () => {
  it('should keep an empty list in a field Go declares without omitempty, and drop one with it', () => {
    const role = typedDecode({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' }, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [{ verbs: ['get'], apiGroups: [], resources: ['pods'] }],
    });
    // PolicyRule.verbs has no omitempty; apiGroups has it.
    expect(role.object['rules']).to.deep.equal([{ verbs: ['get'], resources: ['pods'] }]);
    const empty = typedDecode({ group: 'rbac.authorization.k8s.io', version: 'v1', kind: 'ClusterRole' }, {
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'r' }, rules: [],
    });
    expect(empty.object['rules']).to.deep.equal([]);
  });
  it('should keep the members of inlined Go structs (a webhook rule inlines Rule into RuleWithOperations)', () => {
    const rule = { operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['configmaps'], scope: '*' };
    const webhook = { name: 'v.example.com', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { url: 'https://127.0.0.1:8443/v' }, rules: [rule] };
    for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']) {
      const result = typedDecode({ group: 'admissionregistration.k8s.io', version: 'v1', kind }, { apiVersion: 'admissionregistration.k8s.io/v1', kind, metadata: { name: 'w' }, webhooks: [webhook] });
      expect(result.unknownFields, kind).to.deep.equal([]);
      expect((result.object['webhooks'] as { rules: unknown[] }[])[0]?.rules).to.deep.equal([rule]);
    }
    const binding = typedDecode(
      { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicyBinding' },
      {
        apiVersion: 'admissionregistration.k8s.io/v1',
        kind: 'ValidatingAdmissionPolicyBinding',
        metadata: { name: 'b' },
        spec: { policyName: 'p', validationActions: ['Deny'], matchResources: { resourceRules: [{ ...rule, resourceNames: ['x'] }] } },
      },
    );
    expect(binding.unknownFields).to.deep.equal([]);
  });
});

describe('typedDecode and zero values', () => {
  it('should drop the zero value of an omitempty scalar but keep a pointer to zero, as Go round-trips them', () => {
    const rs = typedDecode({ group: 'apps', version: 'v1', kind: 'ReplicaSet' }, {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'a', namespace: '' },
      spec: { replicas: 0, minReadySeconds: 0 },
      status: { replicas: 0, readyReplicas: 0, availableReplicas: 2 },
    });
    // spec.replicas is *int32 (kept), minReadySeconds an omitempty int32 (dropped); status.replicas has no omitempty.
    expect(rs.object['spec']).to.deep.equal({ replicas: 0 });
    expect(rs.object['status']).to.deep.equal({ replicas: 0, availableReplicas: 2 });
    expect(rs.object['metadata']).to.deep.equal({ name: 'a' });
  });
});
