// Checks object references: identity keys for stores and queues, and the display form.
import { expect } from 'chai';
import { isKubeError } from '../../lib/core/errors/kube-error.js';
import { formatObjectRef, objectRef, objectRefKey, type ObjectRef } from '../../lib/core/object-ref.js';
import { Deployment, Node } from '../../lib/core/resources/index.js';

const web: ObjectRef = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default' };

describe('objectRef', () => {
  it('should take identity and the riders from the object', () => {
    const deployment: Deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '7' } };
    expect(objectRef(deployment)).to.deep.equal({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '7' });
  });

  it('should take apiVersion and kind from the descriptor for list items', () => {
    expect(objectRef({ metadata: { name: 'n1' } }, Node)).to.deep.equal({ apiVersion: 'v1', kind: 'Node', name: 'n1' });
  });

  it('should leave the namespace out for cluster-scoped objects', () => {
    expect(objectRef({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1', namespace: '' } })).to.not.have.property('namespace');
  });

  it('should throw MissingField without a name or a kind', () => {
    for (const build of [
      () => objectRef({ apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'p-' } }),
      () => objectRef({ apiVersion: 'v1', kind: 'Pod', metadata: { name: '' } }),
      () => objectRef({ metadata: { name: 'p' } }),
    ]) {
      try {
        build();
        expect.fail('objectRef should throw');
      } catch (error) {
        expect(isKubeError(error)).to.equal(true);
        expect((error as { reason: string }).reason).to.equal('MissingField');
      }
    }
  });
});

describe('objectRefKey', () => {
  it('should ignore version, uid and resourceVersion', () => {
    const key = objectRefKey(web);
    expect(objectRefKey({ ...web, apiVersion: 'apps/v1beta2' })).to.equal(key);
    expect(objectRefKey({ ...web, uid: 'a', resourceVersion: '1' } as ObjectRef)).to.equal(key);
    expect(objectRefKey(objectRef({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default', uid: 'b', resourceVersion: '2' } }))).to.equal(key);
  });

  it('should tell apart kind, group, namespace and name', () => {
    const keys = [
      web,
      { ...web, kind: 'StatefulSet' },
      { ...web, apiVersion: 'extensions/v1beta1' },
      { ...web, namespace: 'prod' },
      { ...web, name: 'db' },
      { apiVersion: 'v1', kind: 'Event', name: 'e', namespace: 'default' },
      { apiVersion: 'events.k8s.io/v1', kind: 'Event', name: 'e', namespace: 'default' },
    ].map(objectRefKey);
    expect(new Set(keys).size).to.equal(keys.length);
  });

  it('should tell a cluster-scoped object from a namespaced one of the same name', () => {
    expect(objectRefKey({ apiVersion: 'v1', kind: 'X', name: 'a' })).to.not.equal(objectRefKey({ apiVersion: 'v1', kind: 'X', name: 'a', namespace: 'a' }));
  });

  it('should be group/Kind/namespace/name', () => {
    expect(objectRefKey(web)).to.equal('apps/Deployment/default/web');
    expect(objectRefKey({ apiVersion: 'v1', kind: 'Node', name: 'n1' })).to.equal('/Node//n1');
  });
});

describe('formatObjectRef', () => {
  it("should print kube-rs's Kind.version.group/name.namespace", () => {
    expect(formatObjectRef(web)).to.equal('Deployment.v1.apps/web.default');
    expect(formatObjectRef({ apiVersion: 'v1', kind: 'Pod', name: 'p', namespace: 'ns' })).to.equal('Pod.v1./p.ns');
  });

  it('should print a cluster-scoped object without a namespace', () => {
    expect(formatObjectRef({ apiVersion: 'v1', kind: 'Node', name: 'n1' })).to.equal('Node.v1./n1');
    expect(formatObjectRef({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', name: 'admin' })).to.equal('ClusterRole.v1.rbac.authorization.k8s.io/admin');
  });

  it('should not throw on a malformed apiVersion, since it is used in logs', () => {
    expect(formatObjectRef({ apiVersion: 'a/b/c', kind: 'X', name: 'x' })).to.equal('X.b/c.a/x');
    expect(formatObjectRef({ apiVersion: '', kind: 'X', name: 'x' })).to.equal('X../x');
  });
});
