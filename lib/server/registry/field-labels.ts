// The field selectors each kind supports (kube-apiserver's field label conversion functions).
import type { KubeObject } from '../../core/index.js';
import { ownProperty } from '../../core/json/own-property.js';

/** Which field labels a kind can be selected by, and how to read them from an object. */
export interface FieldLabels {
  /** The supported labels; `undefined` means only the default `metadata.name`/`metadata.namespace`. */
  readonly labels: readonly string[];
  /** True when the kind registers its own conversion (its error is `field label not supported`). */
  readonly custom: boolean;
  /** Reads one supported field as the string the selector compares. */
  readonly read: (object: KubeObject, label: string) => string;
}

function path(object: KubeObject, dotted: string): string {
  let value: unknown = object;
  for (const part of dotted.split('.')) {
    if (typeof value !== 'object' || value === null) return '';
    value = ownProperty(value, part);
  }
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) {
    return value.map((v) => (typeof v === 'object' && v !== null ? String((v as { ip?: unknown }).ip ?? '') : String(v))).join(',');
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function readMeta(object: KubeObject, label: string): string {
  return path(object, label);
}

const DEFAULT: FieldLabels = { labels: ['metadata.name', 'metadata.namespace'], custom: false, read: readMeta };

function custom(labels: readonly string[], read: (object: KubeObject, label: string) => string = readMeta): FieldLabels {
  return { labels, custom: true, read };
}

const EVENT_LABELS = [
  'involvedObject.kind',
  'involvedObject.namespace',
  'involvedObject.name',
  'involvedObject.uid',
  'involvedObject.apiVersion',
  'involvedObject.resourceVersion',
  'involvedObject.fieldPath',
  'reason',
  'reportingComponent',
  'source',
  'type',
  'metadata.namespace',
  'metadata.name',
];

const BY_KIND: Readonly<Record<string, FieldLabels>> = {
  '/Pod': custom([
    'metadata.name',
    'metadata.namespace',
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.podIPs',
    'status.nominatedNodeName',
  ], (object, label) => (label === 'spec.hostNetwork' ? String(path(object, label) === 'true') : path(object, label))),
  '/Node': custom(['metadata.name', 'spec.unschedulable'], (object, label) =>
    label === 'spec.unschedulable' ? String(path(object, label) === 'true') : path(object, label),
  ),
  '/ReplicationController': custom(['metadata.name', 'metadata.namespace', 'status.replicas'], (object, label) =>
    label === 'status.replicas' ? path(object, label) || '0' : path(object, label),
  ),
  '/Event': custom(EVENT_LABELS, (object, label) => (label === 'source' ? path(object, 'source.component') : path(object, label))),
  '/Namespace': custom(['status.phase', 'metadata.name']),
  '/Secret': custom(['type', 'metadata.namespace', 'metadata.name']),
  '/Service': custom(['metadata.namespace', 'metadata.name', 'spec.clusterIP', 'spec.type']),
  'apps/ReplicaSet': custom(['metadata.name', 'metadata.namespace', 'status.replicas'], (object, label) =>
    label === 'status.replicas' ? path(object, label) || '0' : path(object, label),
  ),
  'batch/Job': custom(['metadata.name', 'metadata.namespace', 'status.successful'], (object, label) =>
    label === 'status.successful' ? path(object, 'status.succeeded') || '0' : path(object, label),
  ),
  'certificates.k8s.io/CertificateSigningRequest': custom(['metadata.name', 'spec.signerName']),
};

/** The field labels of a built-in kind, keyed by group and kind. */
export function builtinFieldLabels(group: string, kind: string): FieldLabels {
  return BY_KIND[`${group}/${kind}`] ?? DEFAULT;
}

/** The field labels of a custom resource: metadata plus the version's `selectableFields`. */
export function customFieldLabels(selectable: readonly string[]): FieldLabels {
  if (selectable.length === 0) return DEFAULT;
  return { labels: ['metadata.name', 'metadata.namespace', ...selectable], custom: false, read: readMeta };
}
