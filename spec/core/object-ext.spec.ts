// Checks the ResourceExt-style accessors and owner references.
import { expect } from 'chai';
import {
  annotations,
  controllerOf,
  controllerOwnerRef,
  finalizers,
  isDeleting,
  labels,
  managedFields,
  nameAny,
  namespace,
  ownerRef,
  ownerReferences,
  resourceVersion,
  uid,
} from '../../lib/core/object-ext.js';
import { ConfigMap, Deployment, Node } from '../../lib/core/resources/index.js';

const deployment: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'default',
    uid: 'd-1',
    resourceVersion: '42',
    labels: { app: 'web' },
    annotations: { note: 'x' },
    finalizers: ['example.com/cleanup'],
    ownerReferences: [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'c-1' },
      { apiVersion: 'example.com/v1', kind: 'App', name: 'shop', uid: 'a-1', controller: true },
    ],
    managedFields: [{ manager: 'kubectl', operation: 'Apply' }],
  },
};

describe('nameAny', () => {
  it('should prefer metadata.name, then generateName, then ""', () => {
    expect(nameAny({ metadata: { name: 'web', generateName: 'web-' } })).to.equal('web');
    expect(nameAny({ metadata: { generateName: 'web-' } })).to.equal('web-');
    expect(nameAny({ metadata: {} })).to.equal('');
    expect(nameAny({})).to.equal('');
  });
});

describe('namespace', () => {
  it('should read metadata.namespace', () => {
    expect(namespace(deployment)).to.equal('default');
  });

  it('should be undefined for cluster-scoped objects, also when the namespace is ""', () => {
    expect(namespace({ metadata: { name: 'n1' } })).to.equal(undefined);
    expect(namespace({ metadata: { name: 'n1', namespace: '' } })).to.equal(undefined);
    expect(namespace({})).to.equal(undefined);
  });
});

describe('resourceVersion and uid', () => {
  it('should read them, or be undefined', () => {
    expect([resourceVersion(deployment), uid(deployment)]).to.deep.equal(['42', 'd-1']);
    expect([resourceVersion({}), uid({})]).to.deep.equal([undefined, undefined]);
  });
});

describe('labels, annotations, finalizers, ownerReferences, managedFields', () => {
  it('should read what is set', () => {
    expect(labels(deployment)).to.deep.equal({ app: 'web' });
    expect(annotations(deployment)).to.deep.equal({ note: 'x' });
    expect(finalizers(deployment)).to.deep.equal(['example.com/cleanup']);
    expect(ownerReferences(deployment)).to.have.length(2);
    expect(managedFields(deployment)).to.deep.equal([{ manager: 'kubectl', operation: 'Apply' }]);
  });

  it('should default absent maps to {} and lists to []', () => {
    for (const object of [{}, { metadata: {} }]) {
      expect(labels(object)).to.deep.equal({});
      expect(annotations(object)).to.deep.equal({});
      expect(finalizers(object)).to.deep.equal([]);
      expect(ownerReferences(object)).to.deep.equal([]);
      expect(managedFields(object)).to.deep.equal([]);
    }
  });
});

describe('isDeleting', () => {
  it('should hold once deletionTimestamp is set', () => {
    expect(isDeleting({ metadata: { deletionTimestamp: '2024-05-01T10:00:00Z' } })).to.equal(true);
    expect(isDeleting(deployment)).to.equal(false);
    expect(isDeleting({})).to.equal(false);
  });
});

describe('ownerRef', () => {
  it('should point at the object with its apiVersion, kind, name and uid', () => {
    expect(ownerRef(deployment)).to.deep.equal({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd-1' });
  });

  it('should take apiVersion and kind from the descriptor when the object lacks them (list items)', () => {
    const item: ConfigMap = { metadata: { name: 'cfg', uid: 'c-1' } };
    expect(ownerRef(item, ConfigMap)).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'c-1' });
    expect(ownerRef({ metadata: { name: 'n1', uid: 'n-1' } }, Node)).to.deep.equal({ apiVersion: 'v1', kind: 'Node', name: 'n1', uid: 'n-1' });
  });

  it("should prefer the object's own apiVersion and kind", () => {
    expect(ownerRef(deployment, ConfigMap)).to.deep.include({ apiVersion: 'apps/v1', kind: 'Deployment' });
  });

  it('should be undefined without a uid, a name, or a known kind', () => {
    expect(ownerRef({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' } })).to.equal(undefined);
    expect(ownerRef({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-', uid: 'u' } })).to.equal(undefined);
    expect(ownerRef({ metadata: { name: 'cfg', uid: 'u' } })).to.equal(undefined);
  });
});

describe('controllerOwnerRef', () => {
  it('should mark the reference controller and blockOwnerDeletion, as metav1.NewControllerRef does', () => {
    expect(controllerOwnerRef(deployment)).to.deep.equal({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      name: 'web',
      uid: 'd-1',
      controller: true,
      blockOwnerDeletion: true,
    });
  });

  it('should use the descriptor for list items', () => {
    expect(controllerOwnerRef({ metadata: { name: 'web', uid: 'd-1' } }, Deployment)).to.deep.include({ apiVersion: 'apps/v1', kind: 'Deployment', controller: true });
  });

  it('should be undefined without a uid', () => {
    expect(controllerOwnerRef({ metadata: { name: 'web' } }, Deployment)).to.equal(undefined);
  });
});

describe('controllerOf', () => {
  it('should find the owner reference marked controller', () => {
    expect(controllerOf(deployment)).to.deep.include({ kind: 'App', name: 'shop' });
  });

  it('should be undefined when no owner is the controller', () => {
    expect(controllerOf({ metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u', controller: false }] } })).to.equal(undefined);
    expect(controllerOf({})).to.equal(undefined);
  });
});
