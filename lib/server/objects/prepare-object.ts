// Steps shared by every write: defaulting, validation, generation and status rules.
import { goQuote } from '../input/go-text.js';
import type { ObjectMeta } from '../../core/index.js';
import { fieldInvalid } from '../errors/field-error.js';
import { badRequest, invalid } from '../errors/status-errors.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import type { ServerContext, WriteOptions } from '../server-context.js';
import { applyBuiltinDefaults } from './builtin-defaults.js';
import { sameContent } from './canonical-object.js';
import { typedDecode, typedDecodeObjectMeta } from './typed-decode.js';
import { validateBuiltin } from './validate-builtin.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './validate-object-meta.js';
import { writeZeroValues } from './write-zero-values.js';
import { immutableFieldErrors } from '../immutability/immutable-fields.js';

type Json = Record<string, unknown>;

/** `ObjectMeta` with writable fields, as the write pipeline edits it. */
export type MutableMeta = { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] } & Json;

/** The metadata of a decoded object (always present after `decodeObject`). */
export function metaOf(object: Json): MutableMeta {
  return object['metadata'] as MutableMeta;
}

/**
 * Typed decoding of a built-in object (see `typedDecode`) — or of a custom resource's
 * `metadata`, which is an `ObjectMeta` in unstructured objects too — in place: unknown fields
 * are dropped, and reported by `fieldValidation` (`Strict`: refused, `Warn`: a warning); a JSON
 * type mismatch is refused. A body answers 400; a patch result answers 422 on `patch`, as
 * kube-apiserver does.
 *
 * @throws {ApiError} 400 or 422.
 */
export function decodeBuiltin(kind: ResourceKind, object: Json, options: WriteOptions, fromPatch = false): void {
  const custom = kind.custom !== undefined;
  const metadata = object['metadata'];
  if (custom && (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))) return;
  const result = custom ? typedDecodeObjectMeta(metadata as Json) : typedDecode({ group: kind.group, version: kind.version, kind: kind.kind }, object);
  const prefix = `${kind.kind} in version "${kind.version}" cannot be handled as a ${kind.kind}: `;
  const fail = (detail: string): never => {
    if (!fromPatch) throw badRequest(`${prefix}${detail}`);
    // kube-apiserver answers a patch result it cannot decode as NewInvalid(GroupKind{}, "", ...) with the
    // patched document, whose top-level keys the JSON patch libraries leave sorted.
    const sorted = Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    throw invalid({ group: '', kind: '' }, '', [fieldInvalid('patch', JSON.stringify(sorted), detail)]);
  };
  if (result.typeError !== undefined) fail(result.typeError);
  if (result.unknownFields.length > 0) {
    // The typed decoder quotes a field as Go's %q; the pruning of unstructured objects does not.
    const unknown = (field: string): string => `unknown field ${custom ? `"${field}"` : goQuote(field)}`;
    switch (options.fieldValidation ?? 'Warn') {
      case 'Strict':
        fail(`strict decoding error: ${result.unknownFields.map(unknown).join(', ')}`);
        break;
      case 'Warn':
        for (const field of result.unknownFields) options.warnings.push(unknown(field));
        break;
      case 'Ignore':
        break;
    }
  }
  if (custom) {
    object['metadata'] = result.object;
    return;
  }
  for (const key of Object.keys(object)) delete object[key];
  Object.assign(object, result.object);
}

/** True when the kind serves a `status` subresource. */
export function hasStatusSubresource(kind: ResourceKind): boolean {
  return kind.subresources.includes('status');
}

/**
 * Applies the kind's defaults and validates the object (metadata, built-in spec rules,
 * kind hooks, and on update the immutable metadata and, unless `checkImmutable` is false —
 * a pod's binding, which the server itself writes — the kind's immutable fields), after
 * adding the zero-valued fields Go always writes (see `writeZeroValues`).
 *
 * @throws {ApiError} 422 Invalid with one cause per problem.
 */
export function defaultAndValidate(ctx: ServerContext, kind: ResourceKind, object: Json, old: Json | undefined, checkImmutable = old !== undefined): void {
  if (kind.custom === undefined) {
    applyBuiltinDefaults(kind.group, kind.kind, object);
    // Go validates typed objects, in which every zero value is present.
    writeZeroValues({ group: kind.group, version: kind.version, kind: kind.kind }, object);
  }
  const hooks = ctx.hooks.get(kind.bucket);
  const meta = metaOf(object);
  const errors = validateObjectMeta(meta, kind.rules.nameRule, { namespaced: kind.namespaced, builtin: kind.custom === undefined });
  if (kind.custom === undefined) errors.push(...validateBuiltin(kind.group, kind.kind, object));
  if (hooks?.validate !== undefined) errors.push(...hooks.validate(object, old, kind));
  if (old !== undefined) errors.push(...validateObjectMetaUpdate(meta, metaOf(old)));
  if (old !== undefined && checkImmutable && kind.custom === undefined) errors.push(...immutableFieldErrors(kind.group, kind.kind, object, old));
  // The error names the kind of the storage, which validated it (a core Event for events.k8s.io).
  const storageGroup = kind.storageApiVersion.includes('/') ? (kind.storageApiVersion.split('/')[0] ?? '') : '';
  if (errors.length > 0) throw invalid({ group: storageGroup, kind: kind.kind }, meta.name ?? '', errors);
}

/** Whether an update changes what the kind's generation tracks. */
export function generationChanged(kind: ResourceKind, object: Json, old: Json): boolean {
  const rules = kind.rules;
  if (!rules.tracksGeneration) return false;
  let fields: readonly string[];
  if (rules.generationFields === 'all') {
    const skip = new Set(['apiVersion', 'kind', 'metadata', ...(hasStatusSubresource(kind) ? ['status'] : [])]);
    fields = [...new Set([...Object.keys(object), ...Object.keys(old)])].filter((k) => !skip.has(k));
  } else {
    fields = rules.generationFields;
  }
  if (fields.some((f) => !sameContent(object[f], old[f]))) return true;
  return rules.generationOnAnnotations && !sameContent(metaOf(object).annotations, metaOf(old).annotations);
}
