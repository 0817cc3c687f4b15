// How the simulated controllers read and write objects: the server's own write pipeline, in-process.
import { isApiError, matchesLabels, toLabelSelector, type LabelSelector } from '../../core/index.js';
import { createObject } from '../objects/create-object.js';
import { fromStorage } from '../objects/convert-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { deleteObject } from '../objects/delete-object.js';
import { listPrefix, objectKey } from '../objects/object-key.js';
import { updateObject } from '../objects/update-object.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { formatTime, type ServerContext } from '../server-context.js';

/** A JSON object as the controllers handle them. */
export type Json = Record<string, unknown>;

/** The resources the simulation works with, by short name. */
export type SimulatedResource =
  | 'pods'
  | 'nodes'
  | 'leases'
  | 'replicasets'
  | 'replicationcontrollers'
  | 'deployments'
  | 'jobs'
  | 'statefulsets'
  | 'daemonsets'
  | 'controllerrevisions'
  | 'services'
  | 'endpoints'
  | 'endpointslices'
  | 'persistentvolumeclaims'
  | 'events';

const RESOURCES: Readonly<Record<SimulatedResource, readonly [group: string, version: string]>> = {
  pods: ['', 'v1'],
  nodes: ['', 'v1'],
  leases: ['coordination.k8s.io', 'v1'],
  replicasets: ['apps', 'v1'],
  replicationcontrollers: ['', 'v1'],
  deployments: ['apps', 'v1'],
  jobs: ['batch', 'v1'],
  statefulsets: ['apps', 'v1'],
  daemonsets: ['apps', 'v1'],
  controllerrevisions: ['apps', 'v1'],
  services: ['', 'v1'],
  endpoints: ['', 'v1'],
  endpointslices: ['discovery.k8s.io', 'v1'],
  persistentvolumeclaims: ['', 'v1'],
  events: ['', 'v1'],
};

/** A nested member, or `undefined`. */
export function at(object: unknown, ...path: (string | number)[]): unknown {
  let current = object;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = Object.hasOwn(current, key) ? (current as Record<string | number, unknown>)[key] : undefined;
  }
  return current;
}

/** A nested object, or `{}`. */
export function objectAt(object: unknown, ...path: string[]): Json {
  const value = at(object, ...path);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

/** A nested list of objects, or `[]`. */
export function listAt(object: unknown, ...path: string[]): Json[] {
  const value = at(object, ...path);
  return Array.isArray(value) ? value.filter((v): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)) : [];
}

/** A nested number, or `fallback`. */
export function numberAt(object: unknown, fallback: number, ...path: string[]): number {
  const value = at(object, ...path);
  return typeof value === 'number' ? value : fallback;
}

/** A nested string, or `''`. */
export function stringAt(object: unknown, ...path: string[]): string {
  const value = at(object, ...path);
  return typeof value === 'string' ? value : '';
}

/** `metadata.name`, `metadata.namespace`, `metadata.uid`. */
export function nameOf(object: unknown): string {
  return stringAt(object, 'metadata', 'name');
}
export function namespaceOf(object: unknown): string {
  return stringAt(object, 'metadata', 'namespace');
}
export function uidOf(object: unknown): string {
  return stringAt(object, 'metadata', 'uid');
}

/** The labels of an object. */
export function labelsOf(object: unknown): Record<string, string> {
  return objectAt(object, 'metadata', 'labels') as Record<string, string>;
}

/** Whether an object is being deleted. */
export function isTerminating(object: unknown): boolean {
  return at(object, 'metadata', 'deletionTimestamp') != null;
}

/** The uid of the controller owning an object, if any. */
export function controllerUid(object: unknown): string | undefined {
  const ref = listAt(object, 'metadata', 'ownerReferences').find((r) => r['controller'] === true);
  return typeof ref?.['uid'] === 'string' ? ref['uid'] : undefined;
}

/** A controller owner reference to `owner` (an object of `kind` in `apiVersion`). */
export function controllerRef(owner: Json, apiVersion: string, kind: string): Json {
  return { apiVersion, kind, name: nameOf(owner), uid: uidOf(owner), controller: true, blockOwnerDeletion: true };
}

/** A parsed selector (`matchLabels`/`matchExpressions`, or an RC's label map), or `undefined` for none. */
export function selectorOf(selector: unknown): LabelSelector | undefined {
  if (typeof selector !== 'object' || selector === null || Object.keys(selector).length === 0) return undefined;
  try {
    return toLabelSelector(selector as Record<string, string>);
  } catch {
    return undefined;
  }
}

/** Whether `labels` match `selector` (an absent or empty selector matches nothing, as controllers treat it). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  return selector !== undefined && selector.length > 0 && matchesLabels(selector, labels);
}

/**
 * The simulated controllers' access to the store, through the server's own write pipeline
 * (defaults, validation, managedFields, events): reads in the served version, writes that
 * report an API error to the server's error channel instead of throwing (the controllers
 * retry on the next change, as real ones requeue).
 */
export class ClusterWriter {
  readonly #ctx: ServerContext;
  readonly #manager: string;
  readonly #onError: (error: unknown) => void;

  constructor(ctx: ServerContext, fieldManager: string, onError: (error: unknown) => void) {
    this.#ctx = ctx;
    this.#manager = fieldManager;
    this.#onError = onError;
  }

  /** The server's clock, as a `metav1.Time`. */
  now(): string {
    return formatTime(this.#ctx.now());
  }

  /** The server's clock. */
  date(): Date {
    return this.#ctx.now();
  }

  /** The kind a resource is served as. */
  kind(resource: SimulatedResource): ResourceKind {
    const [group, version] = RESOURCES[resource];
    const kind = this.#ctx.registry.find(group, version, resource);
    if (kind === undefined) throw new Error(`kube-rx: ${resource} is not served`);
    return kind;
  }

  /** The storage bucket of a resource. */
  bucket(resource: SimulatedResource): string {
    return this.kind(resource).bucket;
  }

  /** One object, as served. */
  get(resource: SimulatedResource, namespace: string | undefined, name: string): Json | undefined {
    const kind = this.kind(resource);
    const stored = this.#ctx.store.get(kind.bucket, objectKey(kind.namespaced ? namespace : undefined, name));
    return stored === undefined ? undefined : (fromStorage(kind, stored) as Json);
  }

  /** Every object of a resource (in one namespace, or all). */
  list(resource: SimulatedResource, namespace?: string): Json[] {
    const kind = this.kind(resource);
    return this.#ctx.store.entries(kind.bucket, listPrefix(kind.namespaced, namespace)).map((e) => fromStorage(kind, e.object) as Json);
  }

  /** Creates an object; `undefined` when the server refused it. */
  create(resource: SimulatedResource, namespace: string | undefined, object: Json): Json | undefined {
    const kind = this.kind(resource);
    return this.#attempt(() => createObject(this.#ctx, kind, kind.namespaced ? namespace : undefined, decodeObject(kind, object), this.#options()).object);
  }

  /** Replaces an object (its spec and metadata; status is the status writer's). */
  update(resource: SimulatedResource, object: Json): Json | undefined {
    const kind = this.kind(resource);
    return this.#attempt(
      () => updateObject(this.#ctx, { kind, namespace: kind.namespaced ? namespaceOf(object) : undefined, name: nameOf(object), fromPatch: true }, decodeObject(kind, object), this.#options()).object,
    );
  }

  /** Assigns a pod to a node, as the binding subresource does. */
  bind(pod: Json, node: string): Json | undefined {
    const kind = this.kind('pods');
    const bound = { ...pod, spec: { ...objectAt(pod, 'spec'), nodeName: node } };
    return this.#attempt(
      () =>
        updateObject(
          this.#ctx,
          { kind, namespace: namespaceOf(pod), name: nameOf(pod), fromPatch: true, fieldsSubresource: 'binding' },
          decodeObject(kind, bound),
          { ...this.#options(), fieldManager: 'kube-scheduler' },
        ).object,
    );
  }

  /**
   * Replaces an object's status (and, with `annotations`, its annotations, which kube-apiserver's
   * status strategies keep), unless nothing changes.
   */
  updateStatus(resource: SimulatedResource, object: Json, status: Json, annotations?: Record<string, string>): Json | undefined {
    const kind = this.kind(resource);
    const current = this.get(resource, namespaceOf(object), nameOf(object));
    if (current === undefined) return undefined;
    const currentAnnotations = objectAt(current, 'metadata', 'annotations');
    const nextAnnotations = annotations === undefined ? currentAnnotations : { ...currentAnnotations, ...annotations };
    if (JSON.stringify(current['status'] ?? {}) === JSON.stringify(status) && JSON.stringify(currentAnnotations) === JSON.stringify(nextAnnotations)) return current;
    const metadata = { ...objectAt(current, 'metadata'), ...(Object.keys(nextAnnotations).length > 0 ? { annotations: nextAnnotations } : {}) };
    return this.#attempt(
      () =>
        updateObject(
          this.#ctx,
          { kind, namespace: kind.namespaced ? namespaceOf(object) : undefined, name: nameOf(object), subresource: 'status', fromPatch: true },
          decodeObject(kind, { ...current, metadata, status }),
          this.#options(),
        ).object,
    );
  }

  /** Deletes an object (background propagation unless said otherwise). */
  delete(resource: SimulatedResource, namespace: string | undefined, name: string, options: { gracePeriodSeconds?: number; uid?: string } = {}): void {
    const kind = this.kind(resource);
    this.#attempt(() =>
      deleteObject(this.#ctx, {
        kind,
        namespace: kind.namespaced ? namespace : undefined,
        name,
        dryRun: false,
        propagationPolicy: 'Background',
        ...(options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds }),
        ...(options.uid === undefined ? {} : { preconditions: { uid: options.uid } }),
      }),
    );
  }

  #options(): { dryRun: false; fieldManager: string; warnings: string[] } {
    return { dryRun: false, fieldManager: this.#manager, warnings: [] };
  }

  #attempt<T>(write: () => T): T | undefined {
    try {
      return write();
    } catch (error) {
      if (isApiError(error) && (error.status.code === 404 || error.status.code === 409)) return undefined;
      this.#onError(error);
      return undefined;
    }
  }
}
