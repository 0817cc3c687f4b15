// Defaulting of built-in kinds: the zero-config values kube-apiserver fills in on every write.
import { Buffer } from 'node:buffer';
import { ownProperty, setOwnProperty } from '../../core/json/own-property.js';
import { builtinDefinition } from '../openapi/builtin-definitions.js';

type Json = Record<string, unknown>;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function setDefault(target: Json, key: string, value: unknown): void {
  const current = ownProperty(target, key);
  if (current === undefined || current === null) setOwnProperty(target, key, value);
}

function defaultContainers(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const c = obj(item);
    if (c === undefined) continue;
    setDefault(c, 'terminationMessagePath', '/dev/termination-log');
    setDefault(c, 'terminationMessagePolicy', 'File');
    const image = typeof c['image'] === 'string' ? c['image'] : '';
    const tag = image.includes('@') ? 'digest' : /:[^/]+$/.exec(image)?.[0].slice(1);
    setDefault(c, 'imagePullPolicy', tag === undefined || tag === 'latest' ? 'Always' : 'IfNotPresent');
    if (Array.isArray(c['ports'])) for (const p of c['ports']) if (obj(p) !== undefined) setDefault(p as Json, 'protocol', 'TCP');
    setDefault(c, 'resources', {});
    if (Array.isArray(c['env'])) for (const env of c['env']) defaultFieldRef(obj(env)?.['valueFrom']);
  }
}

/** `ObjectFieldSelector.apiVersion` defaults to `v1` (SetDefaults_ObjectFieldSelector). */
function defaultFieldRef(holder: unknown): void {
  const fieldRef = obj(obj(holder)?.['fieldRef']);
  if (fieldRef !== undefined) setDefault(fieldRef, 'apiVersion', 'v1');
}

function defaultDownwardApiItems(items: unknown): void {
  if (Array.isArray(items)) for (const item of items) defaultFieldRef(item);
}

let volumeSources: readonly string[] | undefined;

/** The fields of `VolumeSource` (inlined into `Volume`): one of them names the volume's source. */
function volumeSourceFields(): readonly string[] {
  volumeSources ??= [...(builtinDefinition('io.k8s.api.core.v1.Volume')?.fields?.keys() ?? [])].filter((f) => f !== 'name');
  return volumeSources;
}

/** A volume that names no source is an `emptyDir: {}` (SetDefaults_Volume); fieldRefs get `apiVersion: v1`. */
function defaultVolumes(list: unknown): void {
  if (!Array.isArray(list)) return;
  for (const item of list) {
    const volume = obj(item);
    if (volume === undefined) continue;
    if (!volumeSourceFields().some((f) => ownProperty(volume, f) !== undefined && ownProperty(volume, f) !== null)) volume['emptyDir'] = {};
    defaultDownwardApiItems(obj(volume['downwardAPI'])?.['items']);
    const projected = obj(volume['projected']);
    if (Array.isArray(projected?.['sources'])) for (const source of projected['sources']) defaultDownwardApiItems(obj(obj(source)?.['downwardAPI'])?.['items']);
  }
}

function defaultPodSpec(spec: Json | undefined): void {
  if (spec === undefined) return;
  setDefault(spec, 'restartPolicy', 'Always');
  setDefault(spec, 'dnsPolicy', 'ClusterFirst');
  setDefault(spec, 'schedulerName', 'default-scheduler');
  setDefault(spec, 'terminationGracePeriodSeconds', 30);
  setDefault(spec, 'securityContext', {});
  defaultContainers(spec['containers']);
  defaultContainers(spec['initContainers']);
  defaultContainers(spec['ephemeralContainers']);
  defaultVolumes(spec['volumes']);
}

/**
 * The v1 conversion of a pod spec: `serviceAccountName` takes the deprecated `serviceAccount`
 * when empty, and every answer carries `serviceAccount` equal to `serviceAccountName`.
 */
function syncServiceAccount(spec: Json | undefined): void {
  if (spec === undefined) return;
  const name = typeof spec['serviceAccountName'] === 'string' ? spec['serviceAccountName'] : '';
  const deprecated = typeof spec['serviceAccount'] === 'string' ? spec['serviceAccount'] : '';
  if (name === '' && deprecated !== '') spec['serviceAccountName'] = deprecated;
  if (typeof spec['serviceAccountName'] === 'string' && spec['serviceAccountName'] !== '') spec['serviceAccount'] = spec['serviceAccountName'];
  else delete spec['serviceAccount'];
}

function defaultTemplate(spec: Json | undefined): void {
  const template = obj(spec?.['template']);
  if (template === undefined) return;
  defaultPodSpec(obj(template['spec']));
  syncServiceAccount(obj(template['spec']));
}

function defaultPorts(ports: unknown): void {
  if (!Array.isArray(ports)) return;
  for (const p of ports) {
    const port = obj(p);
    if (port !== undefined) setDefault(port, 'protocol', 'TCP');
  }
}

/** The QoS class of a pod spec (BestEffort, Burstable or Guaranteed). */
export function podQosClass(spec: Json | undefined): string {
  const containers = [...((spec?.['containers'] as unknown[]) ?? []), ...((spec?.['initContainers'] as unknown[]) ?? [])].map(obj);
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const resources = obj(c?.['resources']);
    const requests = obj(resources?.['requests']) ?? {};
    const limits = obj(resources?.['limits']) ?? {};
    if (Object.keys(requests).length > 0 || Object.keys(limits).length > 0) any = true;
    for (const r of ['cpu', 'memory']) {
      if (limits[r] === undefined || (requests[r] !== undefined && requests[r] !== limits[r])) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/**
 * Fills in the defaults kube-apiserver applies to a built-in kind (group/kind), in place
 * on a fresh copy: replicas, strategies, pod spec fields, Service type, Secret
 * `stringData` folded into `data`, a Namespace's phase, ...
 */
export function applyBuiltinDefaults(group: string, kind: string, object: Json): void {
  const spec = obj(object['spec']);
  switch (`${group}/${kind}`) {
    case '/Pod':
      defaultPodSpec(spec);
      syncServiceAccount(spec);
      // SetDefaults_Pod (not the pod spec of templates).
      if (spec !== undefined) setDefault(spec, 'enableServiceLinks', true);
      break;
    case '/PersistentVolumeClaim':
      if (spec !== undefined) setDefault(spec, 'volumeMode', 'Filesystem');
      break;
    case '/PersistentVolume':
      if (spec !== undefined) {
        setDefault(spec, 'persistentVolumeReclaimPolicy', 'Retain');
        setDefault(spec, 'volumeMode', 'Filesystem');
      }
      break;
    case 'networking.k8s.io/NetworkPolicy':
      if (spec !== undefined) {
        if (!Array.isArray(spec['policyTypes']) || spec['policyTypes'].length === 0) {
          spec['policyTypes'] = Array.isArray(spec['egress']) && spec['egress'].length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
        }
        for (const rule of [...(Array.isArray(spec['ingress']) ? spec['ingress'] : []), ...(Array.isArray(spec['egress']) ? spec['egress'] : [])]) defaultPorts(obj(rule)?.['ports']);
      }
      break;
    case 'scheduling.k8s.io/PriorityClass':
      setDefault(object, 'preemptionPolicy', 'PreemptLowerPriority');
      break;
    case '/PodTemplate':
      defaultTemplate(object);
      break;
    case '/ReplicationController':
      if (spec !== undefined) {
        // SetDefaults_ReplicationController: the selector and the object's labels come from the template's labels.
        const templateLabels = obj(obj(obj(spec['template'])?.['metadata'])?.['labels']);
        if (templateLabels !== undefined) {
          if (Object.keys(obj(spec['selector']) ?? {}).length === 0) spec['selector'] = { ...templateLabels };
          const meta = obj(object['metadata']);
          if (meta !== undefined && Object.keys(obj(meta['labels']) ?? {}).length === 0) meta['labels'] = { ...templateLabels };
        }
        setDefault(spec, 'replicas', 1);
      }
      defaultTemplate(spec);
      break;
    case 'apps/Deployment':
      if (spec !== undefined) {
        setDefault(spec, 'replicas', 1);
        setDefault(spec, 'strategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } });
        setDefault(spec, 'revisionHistoryLimit', 10);
        setDefault(spec, 'progressDeadlineSeconds', 600);
      }
      defaultTemplate(spec);
      break;
    case 'apps/ReplicaSet':
      if (spec !== undefined) setDefault(spec, 'replicas', 1);
      defaultTemplate(spec);
      break;
    case 'apps/StatefulSet':
      if (spec !== undefined) {
        setDefault(spec, 'replicas', 1);
        setDefault(spec, 'podManagementPolicy', 'OrderedReady');
        setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
        setDefault(spec, 'revisionHistoryLimit', 10);
        const retention = obj(spec['persistentVolumeClaimRetentionPolicy']) ?? {};
        setDefault(retention, 'whenDeleted', 'Retain');
        setDefault(retention, 'whenScaled', 'Retain');
        spec['persistentVolumeClaimRetentionPolicy'] = retention;
        if (Array.isArray(spec['volumeClaimTemplates'])) {
          for (const claim of spec['volumeClaimTemplates']) {
            const claimSpec = obj(obj(claim)?.['spec']);
            if (claimSpec !== undefined) setDefault(claimSpec, 'volumeMode', 'Filesystem');
          }
        }
      }
      defaultTemplate(spec);
      break;
    case '/Endpoints':
      if (Array.isArray(object['subsets'])) {
        for (const subset of object['subsets']) {
          for (const port of Array.isArray(obj(subset)?.['ports']) ? (obj(subset)?.['ports'] as unknown[]) : []) if (obj(port) !== undefined) setDefault(port as Json, 'protocol', 'TCP');
        }
      }
      break;
    case 'storage.k8s.io/StorageClass':
      setDefault(object, 'reclaimPolicy', 'Delete');
      setDefault(object, 'volumeBindingMode', 'Immediate');
      break;
    case 'apps/DaemonSet':
      if (spec !== undefined) {
        setDefault(spec, 'updateStrategy', { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } });
        setDefault(spec, 'revisionHistoryLimit', 10);
      }
      defaultTemplate(spec);
      break;
    case 'batch/Job':
      if (spec !== undefined) {
        // Both default to 1 only when neither is set (a work queue Job has parallelism but no completions).
        if ((spec['completions'] === undefined || spec['completions'] === null) && (spec['parallelism'] === undefined || spec['parallelism'] === null)) spec['completions'] = 1;
        setDefault(spec, 'parallelism', 1);
        setDefault(spec, 'backoffLimit', 6);
        setDefault(spec, 'completionMode', 'NonIndexed');
        setDefault(spec, 'suspend', false);
        setDefault(spec, 'manualSelector', false);
        setDefault(spec, 'podReplacementPolicy', spec['podFailurePolicy'] === undefined ? 'TerminatingOrFailed' : 'Failed');
      }
      defaultTemplate(spec);
      break;
    case 'batch/CronJob':
      if (spec !== undefined) {
        setDefault(spec, 'concurrencyPolicy', 'Allow');
        setDefault(spec, 'suspend', false);
        setDefault(spec, 'successfulJobsHistoryLimit', 3);
        setDefault(spec, 'failedJobsHistoryLimit', 1);
        defaultTemplate(obj(obj(spec['jobTemplate'])?.['spec']));
      }
      break;
    case 'autoscaling/HorizontalPodAutoscaler':
      if (spec !== undefined) {
        setDefault(spec, 'minReplicas', 1);
        // autoscaling/v2 (and v1, through its conversion) defaults to 80% CPU utilization.
        if (object['apiVersion'] === 'autoscaling/v2' && (!Array.isArray(spec['metrics']) || spec['metrics'].length === 0)) {
          spec['metrics'] = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
        }
      }
      break;
    case '/Service':
      if (spec !== undefined) {
        setDefault(spec, 'type', 'ClusterIP');
        setDefault(spec, 'sessionAffinity', 'None');
        if (spec['sessionAffinity'] === 'None') delete spec['sessionAffinityConfig'];
        if (spec['sessionAffinity'] === 'ClientIP' && typeof obj(obj(spec['sessionAffinityConfig'])?.['clientIP'])?.['timeoutSeconds'] !== 'number') {
          spec['sessionAffinityConfig'] = { clientIP: { timeoutSeconds: 10800 } };
        }
        const type = spec['type'];
        if (type === 'ClusterIP' || type === 'NodePort' || type === 'LoadBalancer') setDefault(spec, 'internalTrafficPolicy', 'Cluster');
        if (type === 'NodePort' || type === 'LoadBalancer') setDefault(spec, 'externalTrafficPolicy', 'Cluster');
        if (type === 'LoadBalancer') setDefault(spec, 'allocateLoadBalancerNodePorts', true);
        if (Array.isArray(spec['ports'])) {
          for (const p of spec['ports']) {
            const port = obj(p);
            if (port === undefined) continue;
            setDefault(port, 'protocol', 'TCP');
            if (port['targetPort'] === 0 || port['targetPort'] === '') port['targetPort'] = port['port'];
            setDefault(port, 'targetPort', port['port']);
          }
        }
      }
      break;
    case '/Secret': {
      setDefault(object, 'type', 'Opaque');
      const stringData = obj(object['stringData']);
      if (stringData !== undefined) {
        const data = { ...(obj(object['data']) ?? {}) };
        for (const [k, v] of Object.entries(stringData)) setOwnProperty(data, k, Buffer.from(String(v), 'utf8').toString('base64'));
        object['data'] = data;
        delete object['stringData'];
      }
      break;
    }
    case '/Namespace': {
      const status = obj(object['status']);
      if (status !== undefined) setDefault(status, 'phase', 'Active');
      break;
    }
    default:
      break;
  }
}
