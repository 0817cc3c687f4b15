// Captures golden protobuf answers from a REAL kube-apiserver into spec/fixtures/protobuf/.
//
// For every object below it creates the object (JSON), then reads it back twice: as JSON and with
// `Accept: application/vnd.kubernetes.protobuf`. The pair is what spec/server/protobuf/golden.spec.ts
// checks our codec against: encoding the JSON must give the server's bytes exactly, decoding the
// bytes must give its JSON. It also records a list, a Status error, PartialObjectMetadata and a
// watch stream. Run against a throwaway 1.32 control plane (the fixtures hold its uids and times):
//
//   npx tsx scripts/capture-protobuf-golden.ts https://127.0.0.1:6443 <admin token>
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type Json = Record<string, unknown>;

/** Where the fixtures go. */
export const GOLDEN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../spec/fixtures/protobuf');

const NS = 'golden';
const CSR_PEM = `-----BEGIN CERTIFICATE REQUEST-----
MIHeMIGFAgEAMCMxDzANBgNVBAMMBmdvbGRlbjEQMA4GA1UECgwHZ29sZGVuczBZ
MBMGByqGSM49AgEGCCqGSM49AwEHA0IABGpNQOu018HcKBfF6Z9T3/Ee4k7pDAbx
+wgPa8hnnuBcXTmWEWM2YDiR4yx+v6ZVXmi8gffkauBInqul54Ltg8CgADAKBggq
hkjOPQQDAgNIADBFAiB7ndI7Y5xpR52vsl/ZVIhC2sR0EVGQsnJdxxQfuhX5uAIh
AKzwQix4WZTrZnzWpjCTsQZGQOG8Z78IJ65PLPxdRJsM
-----END CERTIFICATE REQUEST-----
`;

const podSpec: Json = {
  containers: [
    {
      name: 'web',
      image: 'nginx:1.27',
      command: ['nginx', '-g', 'daemon off;'],
      ports: [{ name: 'http', containerPort: 80, protocol: 'TCP' }],
      env: [
        { name: 'A', value: 'b' },
        { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
        { name: 'LIMIT', valueFrom: { resourceFieldRef: { containerName: 'web', resource: 'limits.memory', divisor: '1Mi' } } },
      ],
      resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m', memory: '64Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 'http', scheme: 'HTTP' }, periodSeconds: 5 },
      livenessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 3 },
      volumeMounts: [{ name: 'cache', mountPath: '/cache' }, { name: 'config', mountPath: '/etc/app', readOnly: true }],
      securityContext: { runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    },
  ],
  volumes: [
    { name: 'cache', emptyDir: { sizeLimit: '1Gi' } },
    { name: 'config', configMap: { name: 'settings', defaultMode: 420, items: [{ key: 'a', path: 'a.txt' }] } },
  ],
  tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } },
  nodeSelector: { 'kubernetes.io/os': 'linux' },
  terminationGracePeriodSeconds: 10,
  serviceAccountName: 'robot',
};
const template: Json = { metadata: { labels: { app: 'web' } }, spec: podSpec };

/** `[fixture name, collection path, object]`, created in this order. */
const OBJECTS: [string, string, Json][] = [
  ['namespace', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { team: 'golden' } } }],
  ['configmap', `/api/v1/namespaces/${NS}/configmaps`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', annotations: { note: 'ünïcode ✓' } }, data: { a: '1', z: 'last', 'b.txt': 'line\n' }, binaryData: { bin: 'AAEC/w==' } }],
  ['secret', `/api/v1/namespaces/${NS}/secrets`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds' }, type: 'Opaque', immutable: true, data: { password: 'aHVudGVyMg==', empty: '' } }],
  ['serviceaccount', `/api/v1/namespaces/${NS}/serviceaccounts`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'robot' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'pull' }] }],
  ['service', `/api/v1/namespaces/${NS}/services`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }, { name: 'alt', port: 8080, targetPort: 9090, protocol: 'TCP' }] } }],
  ['pod', `/api/v1/namespaces/${NS}/pods`, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-0', labels: { app: 'web' } }, spec: podSpec }],
  ['deployment', `/apis/apps/v1/namespaces/${NS}/deployments`, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '50%', maxUnavailable: 0 } }, template } }],
  ['statefulset', `/apis/apps/v1/namespaces/${NS}/statefulsets`, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'web' } }, template, volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } }],
  ['daemonset', `/apis/apps/v1/namespaces/${NS}/daemonsets`, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { selector: { matchLabels: { app: 'web' } }, template } }],
  ['replicaset', `/apis/apps/v1/namespaces/${NS}/replicasets`, { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-rs' }, spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template } }],
  ['controllerrevision', `/apis/apps/v1/namespaces/${NS}/controllerrevisions`, { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'db-1' }, revision: 1, data: { spec: { template: { metadata: { labels: { app: 'web' } } } } } }],
  ['replicationcontroller', `/api/v1/namespaces/${NS}/replicationcontrollers`, { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'legacy' }, spec: { replicas: 1, selector: { app: 'web' }, template } }],
  ['job', `/apis/batch/v1/namespaces/${NS}/jobs`, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once' }, spec: { backoffLimit: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] } } } }],
  ['cronjob', `/apis/batch/v1/namespaces/${NS}/cronjobs`, { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } } }],
  ['endpoints', `/api/v1/namespaces/${NS}/endpoints`, { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'ext' }, subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }] }],
  ['endpointslice', `/apis/discovery.k8s.io/v1/namespaces/${NS}/endpointslices`, { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'ext-1' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.1.2.3'], conditions: { ready: true } }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }],
  ['event', `/api/v1/namespaces/${NS}/events`, { apiVersion: 'v1', kind: 'Event', metadata: { name: 'web-0.1' }, involvedObject: { kind: 'Pod', namespace: NS, name: 'web-0' }, reason: 'Started', message: 'started', type: 'Normal', count: 2, firstTimestamp: '2024-05-01T10:00:00Z', lastTimestamp: '2024-05-01T10:05:00Z', source: { component: 'kubelet' } }],
  ['events-event', `/apis/events.k8s.io/v1/namespaces/${NS}/events`, { apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'web-0.2' }, eventTime: '2024-05-01T10:00:00.123456Z', reportingController: 'example.com/ctl', reportingInstance: 'ctl-1', action: 'Scale', reason: 'Scaled', type: 'Normal', regarding: { kind: 'Deployment', namespace: NS, name: 'web', apiVersion: 'apps/v1' }, note: 'scaled up' }],
  ['lease', `/apis/coordination.k8s.io/v1/namespaces/${NS}/leases`, { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'leader' }, spec: { holderIdentity: 'me', leaseDurationSeconds: 15, acquireTime: '2024-05-01T10:00:00.000001Z', renewTime: '2024-05-01T10:00:10.500000Z', leaseTransitions: 1 } }],
  ['limitrange', `/api/v1/namespaces/${NS}/limitranges`, { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'limits' }, spec: { limits: [{ type: 'Container', default: { cpu: '1', memory: '1Gi' }, defaultRequest: { cpu: '100m' } }] } }],
  ['resourcequota', `/api/v1/namespaces/${NS}/resourcequotas`, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota' }, spec: { hard: { cpu: '4', memory: '8Gi', pods: '10' } } }],
  ['persistentvolumeclaim', `/api/v1/namespaces/${NS}/persistentvolumeclaims`, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'fast' } }],
  ['ingress', `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`, { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' }, spec: { ingressClassName: 'nginx', rules: [{ host: 'example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }] } }],
  ['networkpolicy', `/apis/networking.k8s.io/v1/namespaces/${NS}/networkpolicies`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 'http' }, { port: 443, endPort: 445 }] }] } }],
  ['poddisruptionbudget', `/apis/policy/v1/namespaces/${NS}/poddisruptionbudgets`, { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec: { minAvailable: '50%', selector: { matchLabels: { app: 'web' } } } }],
  ['horizontalpodautoscaler', `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`, { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] } }],
  ['role', `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'reader' }, rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] }] }],
  ['rolebinding', `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: NS }] }],
  ['node', '/api/v1/nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'golden-node', labels: { 'kubernetes.io/os': 'linux' } }, spec: { podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'], taints: [{ key: 'dedicated', value: 'golden', effect: 'NoSchedule' }] } }],
  ['persistentvolume', '/api/v1/persistentvolumes', { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv-1' }, spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', hostPath: { path: '/data', type: 'DirectoryOrCreate' } } }],
  ['clusterrole', '/apis/rbac.authorization.k8s.io/v1/clusterroles', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'golden-reader' }, rules: [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }, { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get'] }] }],
  ['clusterrolebinding', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'golden-reader' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'golden-reader' }, subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' }, { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'devs' }] }],
  ['storageclass', '/apis/storage.k8s.io/v1/storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'example.com/fast', parameters: { type: 'ssd' }, reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true }],
  ['ingressclass', '/apis/networking.k8s.io/v1/ingressclasses', { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec: { controller: 'example.com/ingress' } }],
  ['priorityclass', '/apis/scheduling.k8s.io/v1/priorityclasses', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000000, globalDefault: false, description: 'important' }],
  ['certificatesigningrequest', '/apis/certificates.k8s.io/v1/certificatesigningrequests', { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'golden-csr' }, spec: { request: Buffer.from(CSR_PEM).toString('base64'), signerName: 'example.com/signer', usages: ['client auth'], expirationSeconds: 3600 } }],
  ['mutatingwebhookconfiguration', '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations', { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'golden' }, webhooks: [{ name: 'm.example.com', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { service: { namespace: NS, name: 'web', path: '/mutate', port: 443 }, caBundle: 'Y2EtYnVuZGxl' }, rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: 'Namespaced' }], timeoutSeconds: 5 }] }],
  ['validatingwebhookconfiguration', '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations', { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: { name: 'golden' }, webhooks: [{ name: 'v.example.com', admissionReviewVersions: ['v1'], sideEffects: 'None', clientConfig: { url: 'https://example.com/validate' }, matchConditions: [{ name: 'not-system', expression: "!request.userInfo.username.startsWith('system:')" }] }] }],
  [
    'customresourcedefinition',
    '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
    {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'gadgets.golden.example.com' },
      spec: {
        group: 'golden.example.com',
        names: { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', shortNames: ['gd'] },
        scope: 'Namespaced',
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
            additionalPrinterColumns: [{ name: 'Size', type: 'string', jsonPath: '.spec.size' }],
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: {
                  spec: {
                    type: 'object',
                    required: ['size'],
                    properties: {
                      size: { type: 'string', enum: ['small', 'large'], default: 'small' },
                      replicas: { type: 'integer', minimum: 0, maximum: 10 },
                      port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
                      labels: { type: 'object', additionalProperties: { type: 'string' } },
                      extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                      ratio: { type: 'number', multipleOf: 0.5 },
                      items: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
                    },
                    'x-kubernetes-validations': [{ rule: 'self.size != "large" || self.replicas <= 5', message: 'large gadgets scale to 5' }],
                  },
                  status: { type: 'object', properties: { replicas: { type: 'integer' } } },
                },
              },
            },
          },
        ],
      },
    },
  ],
];

interface Answer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

function call(server: string, token: string, method: string, path: string, accept: string, body?: Json): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request(
      new URL(path, server),
      { method, rejectUnauthorized: false, headers: { Authorization: `Bearer ${token}`, Accept: accept, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', fail);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const PROTOBUF = 'application/vnd.kubernetes.protobuf';

function save(name: string, fixture: Json): void {
  writeFileSync(join(GOLDEN_DIR, `${name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
}

async function capture(server: string, token: string, name: string, path: string, accept = PROTOBUF): Promise<void> {
  // Controllers (the CRD's Established condition) may change the object between the reads: retry until it holds still.
  let json = await call(server, token, 'GET', path, 'application/json');
  let protobuf = await call(server, token, 'GET', path, accept);
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((done) => setTimeout(done, 250));
    const again = await call(server, token, 'GET', path, 'application/json');
    if (again.body.equals(json.body)) break;
    json = again;
    protobuf = await call(server, token, 'GET', path, accept);
  }
  save(name, {
    source: 'kube-apiserver v1.32.13',
    path,
    accept,
    status: protobuf.status,
    contentType: protobuf.contentType,
    json: JSON.parse(json.body.toString('utf8')) as unknown,
    protobuf: protobuf.body.toString('base64'),
  });
}

async function main(server: string, token: string): Promise<void> {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const [name, collection, object] of OBJECTS) {
    const created = await call(server, token, 'POST', collection, 'application/json', object);
    if (created.status !== 201) throw new Error(`${name}: ${created.status} ${created.body.toString('utf8')}`);
    const meta = object['metadata'] as Json;
    await capture(server, token, name, `${collection}/${String(meta['name'])}`);
  }
  await capture(server, token, 'configmap-list', `/api/v1/namespaces/${NS}/configmaps`);
  await capture(server, token, 'status-not-found', `/api/v1/namespaces/${NS}/configmaps/missing`);
  await capture(server, token, 'partial-object-metadata', `/api/v1/namespaces/${NS}/configmaps/settings`, `${PROTOBUF};as=PartialObjectMetadata;g=meta.k8s.io;v=v1`);
  const watch = await call(server, token, 'GET', `/api/v1/namespaces/${NS}/configmaps?watch=true&timeoutSeconds=1`, PROTOBUF);
  const list = await call(server, token, 'GET', `/api/v1/namespaces/${NS}/configmaps`, 'application/json');
  save('watch-configmaps', {
    source: 'kube-apiserver v1.32.13',
    path: `/api/v1/namespaces/${NS}/configmaps?watch=true&timeoutSeconds=1`,
    contentType: watch.contentType,
    json: (JSON.parse(list.body.toString('utf8')) as { items: Json[] }).items.map((item) => ({ type: 'ADDED', object: { kind: 'ConfigMap', apiVersion: 'v1', ...item } })),
    protobuf: watch.body.toString('base64'),
  });
  console.log(`wrote ${OBJECTS.length + 4} fixtures to ${GOLDEN_DIR}`);
}

const [server, token] = process.argv.slice(2);
if (server === undefined || token === undefined) {
  console.error('usage: npx tsx scripts/capture-protobuf-golden.ts <server url> <admin token>');
  process.exit(2);
}
await main(server, token);
