// Checks the built-in table against what a real Kubernetes API server publishes (kubectl api-resources of 1.31, discovery of 1.32).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILTIN_RESOURCES, type BuiltinResourceRow } from '../../../lib/core/resources/builtin-table.js';
import { pluralize } from '../../../lib/core/plural.js';

/** One line of `kubectl api-resources` (kind cluster, Kubernetes 1.31; 1.30 and 1.32 print the same rows for these kinds). */
interface KubectlRow {
  name: string;
  shortNames: string[];
  apiVersion: string;
  namespaced: boolean;
  kind: string;
}

const fixture = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/kubectl-api-resources-1.31.txt');
const KUBECTL: KubectlRow[] = readFileSync(fixture, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    // Columns are fixed-width; SHORTNAMES may be blank.
    const name = line.slice(0, 36).trim();
    const shortNames = line.slice(36, 49).trim();
    const [apiVersion = '', namespaced = '', kind = ''] = line.slice(49).trim().split(/\s+/);
    return { name, shortNames: shortNames === '' ? [] : shortNames.split(','), apiVersion, namespaced: namespaced === 'true', kind };
  });

/** Every kind issue 2 requires a descriptor for, as `apiVersion kind`. */
const REQUIRED = [
  'v1 Pod', 'v1 Service', 'v1 ConfigMap', 'v1 Secret', 'v1 Namespace', 'v1 Node', 'v1 Event', 'v1 ServiceAccount',
  'v1 Endpoints', 'v1 PersistentVolume', 'v1 PersistentVolumeClaim', 'v1 ResourceQuota', 'v1 LimitRange',
  'v1 ReplicationController',
  'apps/v1 Deployment', 'apps/v1 StatefulSet', 'apps/v1 DaemonSet', 'apps/v1 ReplicaSet', 'apps/v1 ControllerRevision',
  'batch/v1 Job', 'batch/v1 CronJob',
  'coordination.k8s.io/v1 Lease',
  'events.k8s.io/v1 Event',
  'networking.k8s.io/v1 Ingress', 'networking.k8s.io/v1 IngressClass', 'networking.k8s.io/v1 NetworkPolicy',
  'rbac.authorization.k8s.io/v1 Role', 'rbac.authorization.k8s.io/v1 RoleBinding',
  'rbac.authorization.k8s.io/v1 ClusterRole', 'rbac.authorization.k8s.io/v1 ClusterRoleBinding',
  'apiextensions.k8s.io/v1 CustomResourceDefinition',
  'policy/v1 PodDisruptionBudget',
  'autoscaling/v2 HorizontalPodAutoscaler',
  'storage.k8s.io/v1 StorageClass',
  'discovery.k8s.io/v1 EndpointSlice',
  'admissionregistration.k8s.io/v1 MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/v1 ValidatingWebhookConfiguration',
  'scheduling.k8s.io/v1 PriorityClass',
  'certificates.k8s.io/v1 CertificateSigningRequest',
];

/** The real kube-apiserver 1.32's discovery (scripts/record-real-discovery.ts): subresources and categories of each resource. */
const REAL = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/real-discovery-1.32.json'), 'utf8')) as {
  resources: Record<string, { resources: { name: string; kind: string; namespaced: boolean; shortNames?: string[]; categories?: string[] }[] }>;
};
function realResources(apiVersion: string): { name: string; kind: string; namespaced: boolean; shortNames?: string[]; categories?: string[] }[] {
  return REAL.resources[apiVersion]?.resources ?? [];
}

const apiVersionOf = (row: BuiltinResourceRow): string => (row.group === '' ? row.version : `${row.group}/${row.version}`);
const rows: readonly BuiltinResourceRow[] = BUILTIN_RESOURCES;

describe('BUILTIN_RESOURCES', () => {
  it('should read the kubectl fixture', () => {
    expect(KUBECTL).to.have.length.greaterThan(50);
    expect(KUBECTL.find((r) => r.kind === 'CustomResourceDefinition')?.shortNames).to.deep.equal(['crd', 'crds']);
  });

  it('should have a row for every kind issue 2 lists', () => {
    const present = new Set(rows.map((r) => `${apiVersionOf(r)} ${r.kind}`));
    const missing = REQUIRED.filter((k) => !present.has(k));
    expect(missing).to.deep.equal([]);
  });

  it('should hold each kind once and each plural once per group version', () => {
    const kinds = rows.map((r) => `${apiVersionOf(r)} ${r.kind}`);
    const plurals = rows.map((r) => `${apiVersionOf(r)}/${r.plural}`);
    expect(new Set(kinds).size).to.equal(kinds.length);
    expect(new Set(plurals).size).to.equal(plurals.length);
  });

  for (const row of rows) {
    const id = `${apiVersionOf(row)} ${row.kind}`;

    it(`should describe ${id} as kube-apiserver 1.32's discovery does`, () => {
      const real = realResources(apiVersionOf(row)).find((r) => r.kind === row.kind && !r.name.includes('/'));
      expect(real, `${id} is not served by Kubernetes 1.32`).to.not.equal(undefined);
      expect({ plural: row.plural, shortNames: [...row.shortNames], namespaced: row.namespaced }).to.deep.equal({
        plural: real?.name,
        shortNames: real?.shortNames ?? [],
        namespaced: real?.namespaced,
      });
      const kubectl = KUBECTL.find((r) => r.apiVersion === apiVersionOf(row) && r.kind === row.kind);
      if (kubectl !== undefined) expect(kubectl.shortNames).to.deep.equal([...row.shortNames]);
    });

    it(`should list the subresources the API server serves for ${id}`, () => {
      const subresources = realResources(apiVersionOf(row))
        .filter((r) => r.name.startsWith(`${row.plural}/`))
        .map((r) => r.name.slice(row.plural.length + 1))
        .sort();
      expect([...row.subresources].sort()).to.deep.equal(subresources);
    });

    it(`should keep gated subresources out of what the API server serves by default for ${id}`, () => {
      const gated = 'gatedSubresources' in row ? [...row.gatedSubresources] : [];
      expect(gated.filter((s) => row.subresources.includes(s))).to.deep.equal([]);
    });

    it(`should list the categories of ${id}`, () => {
      expect([...row.categories]).to.deep.equal(realResources(apiVersionOf(row)).find((r) => r.name === row.plural)?.categories ?? []);
    });

    it(`should agree with pluralize for ${id}`, () => {
      expect(pluralize(row.kind)).to.equal(row.plural);
    });
  }
});
