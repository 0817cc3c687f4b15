// The APIServices kube-apiserver keeps for the group versions it serves itself (autoregister, crdregistration).
import { isApiError } from '../../core/index.js';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import { createObject } from '../objects/create-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { deleteObject } from '../objects/delete-object.js';
import { objectKey } from '../objects/object-key.js';
import { updateObject } from '../objects/update-object.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { formatTime, type ServerContext } from '../server-context.js';
import { BUILTIN_API_SERVICE_PRIORITIES, CRD_API_SERVICE_PRIORITY, type ApiServicePriority } from './api-service-priorities.js';

type Json = Record<string, unknown>;

/** The bucket APIServices live in. */
export const API_SERVICE_BUCKET = 'apiregistration.k8s.io/apiservices';
const CRD_BUCKET = 'apiextensions.k8s.io/customresourcedefinitions';
/** autoregister's label: `onstart` (built-ins, synced once at start) or `true` (CRD group versions, kept in sync). */
export const AUTOMANAGED_LABEL = 'kube-aggregator.kubernetes.io/automanaged';
const WRITE = { dryRun: false, fieldManager: 'kube-apiserver' } as const;

/** `v1.apps`, `v1.` for core: an APIService's name. */
export function apiServiceName(group: string, version: string): string {
  return `${version}.${group}`;
}

/**
 * Keeps one APIService per group version the server serves itself, as kube-apiserver's
 * autoregister and crdregistration controllers do: at start, one per built-in group version
 * (label `automanaged: onstart`); while running, one per group version an established CRD
 * serves (label `automanaged: "true"`, priority 1000/100), removed when no CRD serves it any
 * more. Each is "Local" (no `spec.service`) and reports `Available` True, reason `Local`.
 */
export class ApiServiceRegistration {
  readonly #ctx: ServerContext;
  readonly #kind: ResourceKind;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext) {
    const kind = ctx.registry.find('apiregistration.k8s.io', 'v1', 'apiservices');
    if (kind === undefined) throw new Error('kube-rx: the built-in table has no apiservices');
    this.#ctx = ctx;
    this.#kind = kind;
    for (const group of ctx.registry.groups()) {
      for (const version of group.versions) {
        const priority = BUILTIN_API_SERVICE_PRIORITIES[`${group.name}/${version}`];
        if (priority !== undefined) this.#ensure(group.name, version, priority, 'onstart');
      }
    }
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === CRD_BUCKET) this.#queue.add('crds');
      },
      sync: () => this.#syncCustom(),
    });
  }

  /** Stops following CRDs. */
  close(): void {
    this.#queue.close();
  }

  #syncCustom(): void {
    const wanted = new Set<string>();
    for (const kind of this.#ctx.registry.all()) {
      if (kind.custom === undefined || !kind.custom.established) continue;
      if (BUILTIN_API_SERVICE_PRIORITIES[`${kind.group}/${kind.version}`] !== undefined) continue;
      wanted.add(apiServiceName(kind.group, kind.version));
      this.#ensure(kind.group, kind.version, CRD_API_SERVICE_PRIORITY, 'true');
    }
    for (const entry of this.#ctx.store.entries(API_SERVICE_BUCKET)) {
      const name = entry.object.metadata.name ?? '';
      if (entry.object.metadata.labels?.[AUTOMANAGED_LABEL] !== 'true' || wanted.has(name)) continue;
      try {
        deleteObject(this.#ctx, { kind: this.#kind, namespace: undefined, name, dryRun: false });
      } catch (error) {
        if (!isApiError(error)) throw error;
      }
    }
  }

  #ensure(group: string, version: string, priority: ApiServicePriority, managed: 'onstart' | 'true'): void {
    const name = apiServiceName(group, version);
    if (this.#ctx.store.get(API_SERVICE_BUCKET, objectKey(undefined, name)) !== undefined) return;
    const object = decodeObject(this.#kind, {
      metadata: { name, labels: { [AUTOMANAGED_LABEL]: managed } },
      spec: { group, version, groupPriorityMinimum: priority.group, versionPriority: priority.version },
    });
    createObject(this.#ctx, this.#kind, undefined, object, { ...WRITE, warnings: [] });
    const created = this.#ctx.store.get(API_SERVICE_BUCKET, objectKey(undefined, name));
    if (created === undefined) return;
    const available = {
      type: 'Available',
      status: 'True',
      lastTransitionTime: formatTime(this.#ctx.now()),
      reason: 'Local',
      message: 'Local APIServices are always available',
    };
    const withStatus = decodeObject(this.#kind, { ...(created as unknown as Json), status: { conditions: [available] } });
    updateObject(this.#ctx, { kind: this.#kind, namespace: undefined, name, subresource: 'status', fromPatch: true }, withStatus, { ...WRITE, fieldManager: 'kube-apiserver', warnings: [] });
  }
}
