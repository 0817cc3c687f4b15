// Type-level spec of apply configurations: `tsc` (npm test) fails on an unused @ts-expect-error,
// so each refused body below is proven to not compile, and each accepted one to compile.
import { expect } from 'chai';
import type { ApplyConfiguration } from '../../lib/core/apply-configuration.js';
import { Patch, serializePatch } from '../../lib/core/patch.js';
import type { Deployment } from '../../lib/core/resources/apps-v1.js';
import type { ConfigMap, Pod } from '../../lib/core/resources/core-v1.js';

describe('ApplyConfiguration', () => {
  it('should accept a partial intent: apiVersion, kind, metadata.name and only the fields this manager owns', () => {
    const scale = Patch.apply<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 } });
    const deep = Patch.apply<Deployment>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { tier: 'front' } },
      spec: {
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: { spec: { containers: [{ name: 'app', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
      },
    });
    expect(serializePatch(scale)).to.equal('{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":3}}');
    expect(deep.type).to.equal('apply');
  });

  it('should refuse unknown fields, at any depth, and a missing apiVersion, kind or name (compile time)', () => {
    const refused = [
      // @ts-expect-error a typo in the spec
      () => Patch.apply<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicsa: 3 } }),
      // @ts-expect-error a typo deep inside a list item
      () => Patch.apply<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'w' }, spec: { template: { spec: { containers: [{ name: 'c', imgae: 'x' }] } } } }),
      // @ts-expect-error metadata.name is required
      () => Patch.apply<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: {} }),
      // @ts-expect-error apiVersion is required
      () => Patch.apply<Deployment>({ kind: 'Deployment', metadata: { name: 'w' } }),
      // @ts-expect-error kind is required
      () => Patch.apply<Pod>({ apiVersion: 'v1', metadata: { name: 'p' } }),
      // @ts-expect-error managedFields may not be applied
      () => Patch.apply<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', managedFields: [] } }),
      // @ts-expect-error a value of the wrong type
      () => Patch.apply<ConfigMap>({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 1 } }),
    ];
    expect(refused).to.have.length(7);
  });

  it('should keep untyped apply bodies working (no type argument: any object)', () => {
    const crdLike = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'x.example.com' }, spec: { anything: true } };
    expect(Patch.apply(crdLike).body).to.equal(crdLike);
    expect(Patch.apply({ a: 1 }).body).to.deep.equal({ a: 1 });
  });

  it('should be a plain type for functions that build intents', () => {
    const intent = (replicas: number): ApplyConfiguration<Deployment> => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas } });
    expect(Patch.apply<Deployment>(intent(2)).body.spec?.replicas).to.equal(2);
  });
});
