// Checks the built-in table against what a real Kubernetes 1.31 API server publishes.
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

/** Subresources the API server registers for each plural (discovery `plural/sub` entries, 1.30-1.32). */
const SUBRESOURCES: Record<string, string[]> = {
  'v1 pods': ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'status'],
  'v1 namespaces': ['finalize', 'status'],
  'v1 nodes': ['proxy', 'status'],
  'v1 services': ['proxy', 'status'],
  'v1 serviceaccounts': ['token'],
  'v1 persistentvolumes': ['status'],
  'v1 persistentvolumeclaims': ['status'],
  'v1 replicationcontrollers': ['scale', 'status'],
  'v1 resourcequotas': ['status'],
  'apps/v1 deployments': ['scale', 'status'],
  'apps/v1 replicasets': ['scale', 'status'],
  'apps/v1 statefulsets': ['scale', 'status'],
  'apps/v1 daemonsets': ['status'],
  'batch/v1 jobs': ['status'],
  'batch/v1 cronjobs': ['status'],
  'autoscaling/v2 horizontalpodautoscalers': ['status'],
  'networking.k8s.io/v1 ingresses': ['status'],
  'policy/v1 poddisruptionbudgets': ['status'],
  'certificates.k8s.io/v1 certificatesigningrequests': ['approval', 'status'],
  'apiextensions.k8s.io/v1 customresourcedefinitions': ['status'],
};

/** `kubectl get all` kinds (category `all`) and the `api-extensions` category. */
const CATEGORIES: Record<string, string[]> = {
  'v1 pods': ['all'],
  'v1 services': ['all'],
  'v1 replicationcontrollers': ['all'],
  'apps/v1 daemonsets': ['all'],
  'apps/v1 deployments': ['all'],
  'apps/v1 replicasets': ['all'],
  'apps/v1 statefulsets': ['all'],
  'autoscaling/v2 horizontalpodautoscalers': ['all'],
  'batch/v1 cronjobs': ['all'],
  'batch/v1 jobs': ['all'],
  'admissionregistration.k8s.io/v1 mutatingwebhookconfigurations': ['api-extensions'],
  'admissionregistration.k8s.io/v1 validatingwebhookconfigurations': ['api-extensions'],
  'apiextensions.k8s.io/v1 customresourcedefinitions': ['api-extensions'],
};

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

  it('should hold each kind once and each plural once per group', () => {
    const kinds = rows.map((r) => `${apiVersionOf(r)} ${r.kind}`);
    const plurals = rows.map((r) => `${r.group}/${r.plural}`);
    expect(new Set(kinds).size).to.equal(kinds.length);
    expect(new Set(plurals).size).to.equal(plurals.length);
  });

  for (const row of rows) {
    const id = `${apiVersionOf(row)} ${row.kind}`;

    it(`should describe ${id} as kubectl api-resources prints it`, () => {
      const real = KUBECTL.find((r) => r.apiVersion === apiVersionOf(row) && r.kind === row.kind);
      expect(real, `${id} is not served by Kubernetes 1.31`).to.not.equal(undefined);
      expect({ plural: row.plural, shortNames: [...row.shortNames], namespaced: row.namespaced }).to.deep.equal({
        plural: real?.name,
        shortNames: real?.shortNames,
        namespaced: real?.namespaced,
      });
    });

    it(`should list the subresources the API server serves for ${id}`, () => {
      expect([...row.subresources].sort()).to.deep.equal(SUBRESOURCES[`${apiVersionOf(row)} ${row.plural}`] ?? []);
    });

    it(`should list the categories of ${id}`, () => {
      expect([...row.categories]).to.deep.equal(CATEGORIES[`${apiVersionOf(row)} ${row.plural}`] ?? []);
    });

    it(`should agree with pluralize for ${id}`, () => {
      expect(pluralize(row.kind)).to.equal(row.plural);
    });
  }
});
