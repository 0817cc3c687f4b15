// Builds the `meta.k8s.io/v1 Table` that `kubectl get` asks the API server for.
import type { KubeObject, ListMeta } from '../../core/index.js';
import { formatTime } from '../server-context.js';
import { ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './networking-printers.js';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac-printers.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, priorityClassPrinter, storageClassPrinter } from './storage-printers.js';
import { apiServicePrinter, componentStatusPrinter, endpointSlicePrinter, configMapPrinter, endpointsPrinter, eventPrinter, leasePrinter, namespacePrinter, nodePrinter, secretPrinter, serviceAccountPrinter, servicePrinter } from './core-printers.js';
import { ageOf } from './human-duration.js';
import { evaluateJsonPath } from './json-path.js';
import { column, doc, nameColumn, nameOf, type Printer, type TableColumnDefinition, type TableRowCondition } from './printer.js';
import {
  controllerRevisionPrinter,
  cronJobPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  horizontalPodAutoscalerPrinter,
  jobPrinter,
  podPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workload-printers.js';

/** A CRD `additionalPrinterColumns` entry (`apiextensions.k8s.io/v1 CustomResourceColumnDefinition`). */
export interface PrinterColumn {
  name: string;
  type: string;
  format?: string;
  description?: string;
  priority?: number;
  jsonPath: string;
}

/** Options of {@link toTable}. */
export interface ToTableOptions {
  /** The objects' kind, e.g. `Pod`; with `group` it selects the built-in printer. */
  kind: string;
  /** The objects' API group (`''` for core). */
  group: string;
  /**
   * For custom resources: the served version's `additionalPrinterColumns`, or `[]` when the CRD
   * declares none (the table is then `Name`, `Age`). Leave undefined for built-in kinds.
   */
  printerColumns?: readonly PrinterColumn[];
  /** What each row's `object` carries: nothing, a `PartialObjectMetadata` (the server's default), or the object. */
  includeObject: 'None' | 'Metadata' | 'Object';
  /** The clock reading ages are computed against. */
  now: Date;
  /** The list's metadata (`resourceVersion`, `continue`, `remainingItemCount`); a single object's RV is used otherwise. */
  listMeta?: ListMeta;
  /** Omit the column definitions (`columnDefinitions: null`), as for every watch event after the first. */
  noHeaders?: boolean;
}

/** One `meta.k8s.io/v1 TableRow`. */
export interface TableRow {
  cells: unknown[];
  conditions?: TableRowCondition[];
  object?: unknown;
}

/** A `meta.k8s.io/v1 Table`. */
export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[] | null;
  rows: TableRow[];
}

const PRINTERS: ReadonlyMap<string, Printer> = new Map([
  ['/Pod', podPrinter],
  ['/ConfigMap', configMapPrinter],
  ['/Secret', secretPrinter],
  ['/Service', servicePrinter],
  ['/Namespace', namespacePrinter],
  ['/Node', nodePrinter],
  ['/Event', eventPrinter],
  ['/ServiceAccount', serviceAccountPrinter],
  ['/Endpoints', endpointsPrinter],
  ['/ComponentStatus', componentStatusPrinter],
  ['apiregistration.k8s.io/APIService', apiServicePrinter],
  ['/ReplicationController', replicationControllerPrinter],
  ['autoscaling/HorizontalPodAutoscaler', horizontalPodAutoscalerPrinter],
  ['apps/ControllerRevision', controllerRevisionPrinter],
  ['discovery.k8s.io/EndpointSlice', endpointSlicePrinter],
  ['events.k8s.io/Event', eventPrinter],
  ['apps/Deployment', deploymentPrinter],
  ['apps/ReplicaSet', replicaSetPrinter],
  ['apps/StatefulSet', statefulSetPrinter],
  ['apps/DaemonSet', daemonSetPrinter],
  ['batch/Job', jobPrinter],
  ['batch/CronJob', cronJobPrinter],
  ['coordination.k8s.io/Lease', leasePrinter],
  ['/PersistentVolumeClaim', persistentVolumeClaimPrinter],
  ['/PersistentVolume', persistentVolumePrinter],
  ['storage.k8s.io/StorageClass', storageClassPrinter],
  ['scheduling.k8s.io/PriorityClass', priorityClassPrinter],
  ['networking.k8s.io/Ingress', ingressPrinter],
  ['networking.k8s.io/IngressClass', ingressClassPrinter],
  ['networking.k8s.io/NetworkPolicy', networkPolicyPrinter],
  ['rbac.authorization.k8s.io/RoleBinding', roleBindingPrinter],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', clusterRoleBindingPrinter],
]);

/**
 * Converts objects to the `meta.k8s.io/v1 Table` that kube-apiserver answers when asked for
 * `application/json;as=Table;v=v1;g=meta.k8s.io` (what `kubectl get` prints).
 *
 * Columns, by kind:
 * - built-ins with a printer, as kube-apiserver's printers (wide columns included with
 *   `priority: 1`; kubectl shows them with `-o wide`): pods (NAME READY STATUS RESTARTS AGE, IP,
 *   NODE, NOMINATED NODE, READINESS GATES), deployments (NAME READY UP-TO-DATE AVAILABLE AGE,
 *   CONTAINERS, IMAGES, SELECTOR), replicasets, statefulsets, daemonsets, jobs (NAME STATUS
 *   COMPLETIONS DURATION AGE), cronjobs, configmaps (NAME DATA AGE), secrets (NAME TYPE DATA AGE),
 *   services (NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, SELECTOR), namespaces (NAME STATUS AGE),
 *   nodes, events (core/v1 and events.k8s.io/v1), leases (NAME HOLDER AGE), serviceaccounts,
 *   endpoints, persistentvolumeclaims, persistentvolumes, storageclasses, priorityclasses,
 *   ingresses, ingressclasses, networkpolicies, rolebindings and clusterrolebindings;
 * - other built-ins (CRDs, RBAC, ...): `Name` and `Created At` (an RFC 3339 cell);
 * - custom resources (`printerColumns` given): `Name` plus the declared columns, each cell read
 *   with {@link evaluateJsonPath} (first match; `null` when nothing matches) and typed as the column
 *   says — `date` cells become ages like `5m`; with no declared columns, `Name` and `Age`.
 *
 * ## Example
 * ```ts
 * const table = toTable(pods, { kind: 'Pod', group: '', includeObject: 'Metadata', now: new Date(), listMeta: { resourceVersion: '42' } });
 * ```
 *
 * ## Guarantees
 * Pure: ages are computed against `now`; the input objects are not modified (row objects are
 * the inputs themselves for `Object`, fresh `PartialObjectMetadata` for `Metadata`).
 */
export function toTable(objects: readonly KubeObject[], options: ToTableOptions): Table {
  const { kind, group, printerColumns, includeObject, now, listMeta, noHeaders = false } = options;
  const printer = printerColumns === undefined ? (PRINTERS.get(`${group}/${kind}`) ?? DEFAULT_PRINTER) : customResourcePrinter(printerColumns);
  const rows = objects.map((object): TableRow => {
    const record = object as Record<string, unknown>;
    const row: TableRow = { cells: printer.cells(record, now) };
    const conditions = printer.conditions?.(record);
    if (conditions !== undefined) row.conditions = conditions;
    if (includeObject === 'Object') row.object = object;
    else if (includeObject === 'Metadata') row.object = { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata ?? {} };
    return row;
  });
  const metadata: { resourceVersion?: string; continue?: string; remainingItemCount?: number } = {};
  const source: ListMeta = listMeta ?? (objects.length === 1 ? { resourceVersion: objects[0]?.metadata?.resourceVersion ?? '' } : {});
  if (source.resourceVersion !== undefined && source.resourceVersion !== '') metadata.resourceVersion = source.resourceVersion;
  if (source.continue !== undefined && source.continue !== '') metadata.continue = source.continue;
  if (source.remainingItemCount !== undefined) metadata.remainingItemCount = source.remainingItemCount;
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: noHeaders ? null : printer.columns.map((c) => ({ ...c })),
    rows,
  };
}

/** kube-apiserver's default table (`registry/rest/table.go`): Name and Created At. */
const DEFAULT_PRINTER: Printer = {
  columns: [nameColumn(), column('Created At', 'date', doc('meta.v1.ObjectMeta', 'creationTimestamp'))],
  cells: (object) => [nameOf(object), createdAt(object)],
};

function createdAt(object: Record<string, unknown>): string {
  const text = (object['metadata'] as { creationTimestamp?: unknown } | undefined)?.creationTimestamp;
  if (typeof text !== 'string') return '0001-01-01T00:00:00Z';
  const time = Date.parse(text);
  return Number.isNaN(time) ? text : formatTime(new Date(time));
}

/** apiextensions-apiserver's table convertor for a CRD version's printer columns. */
function customResourcePrinter(declared: readonly PrinterColumn[]): Printer {
  const columns: readonly PrinterColumn[] =
    declared.length > 0
      ? declared
      : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp', description: doc('meta.v1.ObjectMeta', 'creationTimestamp') }];
  return {
    columns: [
      nameColumn(),
      ...columns.map((c) =>
        column(c.name, c.type, c.description !== undefined && c.description !== '' ? c.description : `Custom resource definition column (in JSONPath format): ${c.jsonPath}`, c.priority ?? 0, c.format ?? ''),
      ),
    ],
    cells: (object, now) => [nameOf(object), ...columns.map((c) => cell(c, object, now))],
  };
}

function cell(columnDefinition: PrinterColumn, object: unknown, now: Date): unknown {
  let results: unknown[];
  try {
    results = evaluateJsonPath(columnDefinition.jsonPath, object);
  } catch {
    return null;
  }
  const value = results[0];
  if (value === undefined || value === null) return null;
  switch (columnDefinition.type) {
    case 'string':
      return goText(value);
    case 'integer':
      return typeof value === 'number' ? Math.trunc(value) : null;
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    case 'date':
      if (typeof value !== 'string') return null;
      return Number.isNaN(Date.parse(value)) ? '<invalid>' : ageOf(value, now);
    default:
      return null;
  }
}

/** A JSONPath result as Go's `fmt.Fprint` prints it (`map[a:1]`, `[x y]`). */
function goText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(goText).join(' ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `map[${entries.map(([k, v]) => `${k}:${goText(v)}`).join(' ')}]`;
  }
  return String(value);
}
