// kube-controller-manager's clusterrole-aggregation controller, in-process.
import type { LabelSelector as LabelSelectorStruct } from 'kubernetes-types/meta/v1.js';
import { isApiError, matchesLabels, toLabelSelector } from '../../core/index.js';
import { serverSideApply } from '../apply/server-side-apply.js';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import { fromStorage } from '../objects/convert-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { mergeSchemaOf } from '../objects/merge-schema-of.js';
import { objectKey } from '../objects/object-key.js';
import { updateObject } from '../objects/update-object.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import { formatTime, type ServerContext } from '../server-context.js';
import type { StoredObject, StoreEvent } from '../store/store-event.js';
import { policyRuleJson, rulesOf } from './policy-rule.js';
import { RBAC_BUCKETS } from './rbac-authorizer.js';

type Json = Record<string, unknown>;

/** The field manager of the rules it writes. */
export const AGGREGATION_MANAGER = 'clusterrole-aggregation-controller';

function selectorsOf(role: StoredObject): unknown[] | undefined {
  const rule = (role as unknown as Json)['aggregationRule'];
  if (typeof rule !== 'object' || rule === null) return undefined;
  const selectors = (rule as Json)['clusterRoleSelectors'];
  return Array.isArray(selectors) ? selectors : [];
}

function labelsOf(role: StoredObject): Record<string, string> {
  return (role.metadata.labels ?? {}) as Record<string, string>;
}

/**
 * Fills the rules of every ClusterRole with an `aggregationRule`, as kube-controller-manager
 * does: for each of its `clusterRoleSelectors` in turn, the ClusterRoles whose labels match
 * (by name, itself excluded) contribute their rules, each rule once; when the result differs
 * from the current rules it is server-side applied (manager
 * `clusterrole-aggregation-controller`, forced). Any ClusterRole change re-syncs all
 * aggregated ClusterRoles, so aggregation chains (`view` into `edit` into `admin`) settle.
 * {@link syncAll} runs it at once (at server start, so `admin`, `edit` and `view` are
 * complete before the first request).
 */
export class ClusterRoleAggregation {
  readonly #ctx: ServerContext;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext) {
    this.#ctx = ctx;
    this.#queue = new KeyedWorkQueue(ctx, { observe: (event) => this.#observe(event), sync: (name) => this.#sync(name) });
  }

  /** Stops reacting to changes. */
  close(): void {
    this.#queue.close();
  }

  /** Syncs every aggregated ClusterRole now, repeating until nothing changes (chains settle). */
  syncAll(): void {
    for (let round = 0; round < 10; round += 1) {
      let changed = false;
      for (const { object } of this.#ctx.store.entries(RBAC_BUCKETS.clusterRoles)) {
        if (selectorsOf(object) !== undefined && this.#sync(object.metadata.name ?? '')) changed = true;
      }
      if (!changed) return;
    }
  }

  #observe(event: StoreEvent): void {
    if (event.bucket !== RBAC_BUCKETS.clusterRoles) return;
    for (const { object } of this.#ctx.store.entries(RBAC_BUCKETS.clusterRoles)) {
      if (selectorsOf(object) !== undefined) this.#queue.add(object.metadata.name ?? '');
    }
  }

  #kind(): ResourceKind {
    const kind = this.#ctx.registry.find('rbac.authorization.k8s.io', 'v1', 'clusterroles');
    if (kind === undefined) throw new Error('kube-rx: the built-in table has no clusterroles');
    return kind;
  }

  /** Brings one aggregated ClusterRole up to date; true when it wrote. */
  #sync(name: string): boolean {
    const store = this.#ctx.store;
    const stored = store.get(RBAC_BUCKETS.clusterRoles, objectKey(undefined, name));
    if (stored === undefined) return false;
    const selectors = selectorsOf(stored);
    if (selectors === undefined) return false;
    const rules: Json[] = [];
    const seen = new Set<string>();
    for (const selector of selectors) {
      let matcher: ReturnType<typeof toLabelSelector>;
      try {
        matcher = toLabelSelector((selector ?? {}) as LabelSelectorStruct);
      } catch {
        return false;
      }
      for (const { object } of store.entries(RBAC_BUCKETS.clusterRoles)) {
        if (object.metadata.name === name || !matchesLabels(matcher, labelsOf(object))) continue;
        for (const rule of rulesOf(object)) {
          const json = policyRuleJson(rule);
          const key = JSON.stringify(json);
          if (seen.has(key)) continue;
          seen.add(key);
          rules.push(json);
        }
      }
    }
    const current = rulesOf(stored).map((r) => JSON.stringify(policyRuleJson(r)));
    if (current.length === rules.length && current.every((r, i) => r === JSON.stringify(rules[i]))) return false;
    const kind = this.#kind();
    const live = fromStorage(kind, stored);
    try {
      const applied = serverSideApply({
        live,
        applied: { apiVersion: kind.apiVersion, kind: kind.kind, metadata: { name }, ...(rules.length === 0 ? {} : { rules }) } as StoredObject,
        manager: AGGREGATION_MANAGER,
        force: true,
        apiVersion: kind.apiVersion,
        time: formatTime(this.#ctx.now()),
        schema: mergeSchemaOf(kind),
      });
      updateObject(this.#ctx, { kind, namespace: undefined, name, fromPatch: true }, decodeObject(kind, applied), {
        dryRun: false,
        fieldManager: AGGREGATION_MANAGER,
        warnings: [],
        managedFieldsSet: true,
      });
    } catch (error) {
      // Someone else wrote it meanwhile, or it is gone: the next event brings us back.
      if (isApiError(error)) return false;
      throw error;
    }
    return true;
  }
}
