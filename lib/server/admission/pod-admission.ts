// The admission plugins kube-apiserver runs on every pod by default: ServiceAccount,
// DefaultTolerationSeconds and Priority.
import { forbidden } from '../errors/status-errors.js';
import { generateName } from '../objects/generate-name.js';
import { objectKey } from '../objects/object-key.js';
import type { KindHooks, ServerContext } from '../server-context.js';

type Json = Record<string, unknown>;

/** The storage bucket of Pods. */
export const POD_BUCKET = '/pods';

const SERVICE_ACCOUNT_BUCKET = '/serviceaccounts';
const PRIORITY_CLASS_BUCKET = 'scheduling.k8s.io/priorityclasses';
const PODS = { group: '', resource: 'pods' };

/** Where the ServiceAccount plugin mounts the API credentials in every container. */
export const API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const API_ACCESS_VOLUME = 'kube-api-access';
/** The token lifetime of the projected volume: one hour plus 7 s, so kubelets warn before it ends. */
const TOKEN_EXPIRATION_SECONDS = 3607;
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

const NOT_READY = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const UNREACHABLE = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((item): item is Json => obj(item) !== undefined) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The projected volume of the API credentials (`TokenVolumeSource`): a bound token, the cluster CA and the namespace. */
function tokenVolume(name: string): Json {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

/**
 * The ServiceAccount plugin on create: `serviceAccountName` defaults to `default`, the account
 * must exist (403 otherwise; see below for `default`), and unless the pod or the account opts out of automounting, every
 * container and init container without a mount at {@link API_TOKEN_MOUNT_PATH} mounts a
 * `kube-api-access-xxxxx` projected volume; an empty `imagePullSecrets` takes the account's.
 * Mirror pods may reference no account.
 */
function admitServiceAccount(ctx: ServerContext, pod: Json, namespace: string, name: string): void {
  const spec = obj(pod['spec']);
  if (spec === undefined) return;
  const annotations = obj(obj(pod['metadata'])?.['annotations']);
  if (annotations !== undefined && Object.hasOwn(annotations, MIRROR_POD_ANNOTATION)) {
    if (text(spec['serviceAccountName']) !== '') throw forbidden(PODS, name, 'a mirror pod may not reference service accounts');
    return;
  }
  if (text(spec['serviceAccountName']) === '') spec['serviceAccountName'] = 'default';
  const accountName = text(spec['serviceAccountName']);
  // kube-apiserver retries a missing `default` account for a second or two, as the serviceaccounts
  // controller is about to create it; here a missing `default` counts as one with no settings
  // (also on a server started without controllers, whose pods would otherwise never be admitted).
  const stored = ctx.store.get(SERVICE_ACCOUNT_BUCKET, objectKey(namespace, accountName)) as Json | undefined;
  const account = stored ?? (accountName === 'default' ? {} : undefined);
  if (account === undefined) {
    throw forbidden(PODS, name, `error looking up service account ${namespace}/${accountName}: serviceaccount "${accountName}" not found`);
  }
  const automount = typeof spec['automountServiceAccountToken'] === 'boolean' ? spec['automountServiceAccountToken'] : typeof account['automountServiceAccountToken'] === 'boolean' ? account['automountServiceAccountToken'] : true;
  if (automount) mountToken(spec);
  if (list(spec['imagePullSecrets']).length === 0) {
    const secrets = list(account['imagePullSecrets']);
    if (secrets.length > 0) spec['imagePullSecrets'] = secrets.map((s) => ({ name: text(s['name']) }));
  }
}

function mountToken(spec: Json): void {
  const volumes = list(spec['volumes']);
  const existing = volumes.find((v) => text(v['name']).startsWith(`${API_ACCESS_VOLUME}-`));
  const volumeName = existing !== undefined ? text(existing['name']) : generateName(`${API_ACCESS_VOLUME}-`);
  let needsVolume = false;
  for (const field of ['initContainers', 'containers']) {
    for (const container of list(spec[field])) {
      const mounts = list(container['volumeMounts']);
      if (mounts.some((m) => m['mountPath'] === API_TOKEN_MOUNT_PATH)) continue;
      container['volumeMounts'] = [...mounts, { name: volumeName, readOnly: true, mountPath: API_TOKEN_MOUNT_PATH }];
      needsVolume = true;
    }
  }
  if (existing === undefined && needsVolume) spec['volumes'] = [...volumes, tokenVolume(volumeName)];
}

/** DefaultTolerationSeconds: pods tolerate not-ready and unreachable nodes for 300 s unless they say otherwise. */
function admitDefaultTolerations(pod: Json): void {
  const spec = obj(pod['spec']);
  if (spec === undefined) return;
  const tolerations = list(spec['tolerations']);
  const tolerates = (key: string): boolean =>
    tolerations.some((t) => (text(t['key']) === key || text(t['key']) === '') && (text(t['effect']) === 'NoExecute' || text(t['effect']) === ''));
  const added = [...(tolerates(NOT_READY.key) ? [] : [{ ...NOT_READY }]), ...(tolerates(UNREACHABLE.key) ? [] : [{ ...UNREACHABLE }])];
  if (added.length > 0) spec['tolerations'] = [...tolerations, ...added];
}

/**
 * The Priority plugin on create: the priority and preemption policy come from the pod's
 * PriorityClass, or from the global default one, or are 0 and `PreemptLowerPriority`; a
 * missing class, or a priority or policy in the spec that differs, is refused (403).
 */
function admitPriority(ctx: ServerContext, pod: Json, name: string): void {
  const spec = obj(pod['spec']);
  if (spec === undefined) return;
  let priority = 0;
  let policy: string | undefined = 'PreemptLowerPriority';
  const className = text(spec['priorityClassName']);
  if (className === '') {
    let fallback: Json | undefined;
    for (const entry of ctx.store.entries(PRIORITY_CLASS_BUCKET)) {
      const pc = entry.object as Json;
      if (pc['globalDefault'] === true && (fallback === undefined || Number(pc['value']) < Number(fallback['value']))) fallback = pc;
    }
    if (fallback !== undefined) {
      spec['priorityClassName'] = text(obj(fallback['metadata'])?.['name']);
      priority = Number(fallback['value'] ?? 0);
      policy = typeof fallback['preemptionPolicy'] === 'string' ? fallback['preemptionPolicy'] : undefined;
    }
  } else {
    const pc = ctx.store.get(PRIORITY_CLASS_BUCKET, objectKey(undefined, className)) as Json | undefined;
    if (pc === undefined) throw forbidden(PODS, name, `no PriorityClass with name ${className} was found`);
    priority = Number(pc['value'] ?? 0);
    policy = typeof pc['preemptionPolicy'] === 'string' ? pc['preemptionPolicy'] : undefined;
  }
  if (typeof spec['priority'] === 'number' && spec['priority'] !== priority) {
    throw forbidden(PODS, name, `the integer value of priority (${spec['priority']}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec['priority'] = priority;
  if (policy !== undefined) {
    if (typeof spec['preemptionPolicy'] === 'string' && spec['preemptionPolicy'] !== policy) {
      throw forbidden(PODS, name, `the string value of PreemptionPolicy (${spec['preemptionPolicy']}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
    }
    spec['preemptionPolicy'] = policy;
  }
}

/**
 * The pod admission kube-apiserver runs by default, in its order: ServiceAccount (create),
 * DefaultTolerationSeconds (create and update) and Priority (create; an update keeps the
 * stored priority and preemption policy when the new object has none).
 */
export function podAdmissionHooks(ctx: ServerContext): KindHooks {
  return {
    admitCreate(pod) {
      const meta = obj(pod['metadata']) ?? {};
      const name = text(meta['name']);
      admitServiceAccount(ctx, pod, text(meta['namespace']), name);
      admitDefaultTolerations(pod);
      admitPriority(ctx, pod, name);
    },
    prepareUpdate(pod, old, _kind, subresource) {
      if (subresource !== undefined) return;
      admitDefaultTolerations(pod);
      const spec = obj(pod['spec']);
      const oldSpec = obj(old['spec']);
      if (spec === undefined || oldSpec === undefined) return;
      if (spec['priority'] === undefined && oldSpec['priority'] !== undefined) spec['priority'] = oldSpec['priority'];
      if (spec['preemptionPolicy'] === undefined && oldSpec['preemptionPolicy'] !== undefined) spec['preemptionPolicy'] = oldSpec['preemptionPolicy'];
    },
  };
}
