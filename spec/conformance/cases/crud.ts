// Every verb on a kind: create, read (also as a Table and as metadata), list, update, each
// patch type, apply, dry runs, delete.
import type { CaseContext, ConformanceCase } from '../harness/case-context.js';
import { field, isJsonObject, type Json, type JsonObject, type WireResponse } from '../harness/exchange.js';
import { collectionPath, objectPath, type ResourceRef } from '../harness/paths.js';

/** The Accept header of a Table answer. */
export const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';
/** The Accept header of a metadata-only answer. */
export const METADATA = 'application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io';
/** The Accept header of a metadata-only list. */
export const METADATA_LIST = 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io';

/** What the generic case needs to know about a kind. */
export interface KindSample extends ResourceRef {
  readonly kind: string;
  /** The object's content besides apiVersion, kind and metadata. */
  readonly body: JsonObject;
  /** Extra metadata of the sample (annotations, finalizers, ...). */
  readonly metadata?: JsonObject;
  /** A merge patch that changes something mutable besides labels. */
  readonly mergePatch?: JsonObject;
  /** A strategic merge patch (built-in kinds only) besides labels. */
  readonly strategicPatch?: JsonObject;
  /** JSON patch operations besides one on labels. */
  readonly jsonPatch?: Json[];
  /** An apply configuration's content besides apiVersion, kind and metadata.name. */
  readonly apply: JsonObject;
  /** A suffix for the case name when one kind has two samples. */
  readonly variant?: string;
}

/** `value` with every `$NS` in its strings replaced by the namespace. */
export function inNamespace<T extends Json>(value: T, ns: string): T {
  return JSON.parse(JSON.stringify(value).split('$NS').join(ns)) as T;
}

function manifest(sample: KindSample, ns: string, metadata: JsonObject): JsonObject {
  return inNamespace({ apiVersion: sample.apiVersion, kind: sample.kind, metadata: { ...metadata, ...sample.metadata }, ...sample.body }, ns);
}

/** Finalizers the controllers of the suite (garbage collector, volume protection) remove by themselves. */
const GC_FINALIZERS = new Set(['orphan', 'foregroundDeletion', 'kubernetes.io/pvc-protection', 'kubernetes.io/pv-protection']);

/** Whether a read shows the object gone, or kept only by finalizers no controller of the suite removes. */
export function goneOrHeld(res: WireResponse): boolean {
  if (res.code === 404) return true;
  const finalizers = field(res.body, 'metadata', 'finalizers');
  return field(res.body, 'metadata', 'deletionTimestamp') !== undefined && Array.isArray(finalizers) && !finalizers.some((f) => typeof f === 'string' && GC_FINALIZERS.has(f));
}

/** `body` with `metadata` changed by `change`. */
function withMetadata(body: Json, change: (metadata: JsonObject) => JsonObject): JsonObject {
  const object = isJsonObject(body) ? body : {};
  const metadata = field(object, 'metadata');
  return { ...object, metadata: change(isJsonObject(metadata) ? metadata : {}) };
}

/** The case name of a kind sample: `crud/<Kind>[.<group>][ (variant)]`. */
export function kindCaseName(prefix: string, sample: KindSample): string {
  const group = sample.apiVersion.includes('/') ? `.${sample.apiVersion.split('/')[0]}` : '';
  return `${prefix}/${sample.kind}${group}${sample.variant === undefined ? '' : `-${sample.variant}`}`;
}

/** The full verb round on one kind. */
export function crudCase(sample: KindSample): ConformanceCase {
  return {
    name: kindCaseName('crud', sample),
    run: async (ctx: CaseContext) => {
      const ns = sample.namespaced ? ctx.ns : undefined;
      const name = sample.namespaced ? 'first' : ctx.name('first');
      const other = sample.namespaced ? 'second' : ctx.name('second');
      const labels = { app: 'conformance', case: ctx.ns, tier: 'one' };
      const list = collectionPath(sample, ns);
      const path = objectPath(sample, ns, name);
      const mine = `labelSelector=case%3D${ctx.ns}`;
      await ctx.post('create', list, manifest(sample, ctx.ns, { name, labels }));
      await ctx.post('create again', list, manifest(sample, ctx.ns, { name, labels }));
      await ctx.post('create with generateName', list, manifest(sample, ctx.ns, { generateName: `${sample.namespaced ? 'gen' : ctx.name('gen')}-`, labels: { ...labels, tier: 'two' } }));
      await ctx.post('dry-run create', list, manifest(sample, ctx.ns, { name: other, labels }), 'dryRun=All');
      await ctx.get('get after dry-run create', objectPath(sample, ns, other));
      const got = await ctx.get('get', path);
      await ctx.get('get missing', objectPath(sample, ns, 'missing'));
      await ctx.get('get as Table', path, undefined, TABLE);
      await ctx.get('get as metadata', path, undefined, METADATA);
      await ctx.get('list by label', list, `labelSelector=case%3D${ctx.ns}%2Ctier%3Done`);
      await ctx.get('list by name', list, `fieldSelector=metadata.name%3D${name}`);
      await ctx.get('list as Table', list, mine, TABLE);
      await ctx.get('list as metadata', list, mine, METADATA_LIST);
      const updated = await ctx.put('update', path, withMetadata(got.body, (m) => ({ ...m, labels: { ...labels, updated: 'yes' } })));
      await ctx.put('update with a stale resourceVersion', path, withMetadata(got.body, (m) => ({ ...m, labels: { ...labels, stale: 'yes' } })));
      await ctx.put('update with a different name', path, withMetadata(updated.body, (m) => ({ ...m, name: other })));
      await ctx.put('update without a resourceVersion', path, withMetadata(updated.body, (m) => {
        const { resourceVersion: _dropped, ...rest } = m;
        return { ...rest, labels: { ...labels, unconditional: 'yes' } };
      }));
      await ctx.patch('merge patch', path, 'merge', { ...sample.mergePatch, metadata: { labels: { merged: 'yes' } } });
      if (sample.strategicPatch !== undefined) await ctx.patch('strategic merge patch', path, 'strategic', { ...sample.strategicPatch, metadata: { labels: { strategic: 'yes' } } });
      await ctx.patch('json patch', path, 'json', [{ op: 'add', path: '/metadata/labels/json', value: 'yes' }, ...(sample.jsonPatch ?? [])]);
      await ctx.patch('json patch failing a test', path, 'json', [{ op: 'test', path: '/metadata/name', value: 'someone-else' }]);
      await ctx.patch('dry-run merge patch', path, 'merge', { metadata: { labels: { dry: 'run' } } }, 'dryRun=All');
      const applied = inNamespace({ apiVersion: sample.apiVersion, kind: sample.kind, metadata: { name, labels: { applied: 'yes' } }, ...sample.apply }, ctx.ns);
      await ctx.patch('apply', path, 'apply', applied, 'fieldManager=conformance-applier');
      await ctx.patch('apply with force', path, 'apply', applied, 'fieldManager=conformance-applier&force=true');
      await ctx.patch('apply without fieldManager', path, 'apply', applied);
      await ctx.get('get after writes', path);
      await ctx.delete('dry-run delete', path, 'dryRun=All');
      await ctx.delete('delete', path);
      await ctx.waitFor('get after delete', { method: 'GET', path }, goneOrHeld);
      await ctx.delete('delete again', path);
      await ctx.get('list after delete', list, mine);
    },
  };
}
