// The custom resource strategy: prune, default and validate with the CRD version's schema.
import { badRequest } from '../errors/status-errors.js';
import { fieldErrorFromCause } from '../errors/field-error.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import type { KindHooks, WriteOptions } from '../server-context.js';

type Json = Record<string, unknown>;

function replaceContents(target: Json, source: Json): void {
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, source);
}

// Pruning reports paths as they are (`unknown field "metadata.a"b"`), not Go-quoted as the typed decoder does.
function prepare(object: Json, kind: ResourceKind, options: WriteOptions): void {
  const compiled = kind.custom?.compiled;
  if (compiled === undefined) return;
  const unknown = compiled.unknownFields(object);
  if (unknown.length > 0) {
    switch (options.fieldValidation ?? 'Warn') {
      case 'Strict':
        throw badRequest(
          `${kind.kind} in version "${kind.version}" cannot be handled as a ${kind.kind}: strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`,
        );
      case 'Warn':
        for (const field of unknown) options.warnings.push(`unknown field "${field}"`);
        break;
      case 'Ignore':
        break;
    }
  }
  replaceContents(object, compiled.applyDefaults(compiled.prune(object)) as Json);
}

/**
 * Hooks for one CRD's custom resources (apiextensions-apiserver's handler and strategy):
 * unknown fields are pruned (400 with `fieldValidation=Strict`, a `Warning` with the default
 * Warn), `default`s are applied, and the object is validated against the served version's
 * schema (422 with one cause per problem; on update, unchanged invalid values ratchet).
 */
export function customResourceHooks(): KindHooks {
  return {
    prepareCreate: (object, kind, options) => prepare(object, kind, options),
    prepareUpdate: (object, _old, kind, _subresource, options) => prepare(object, kind, options),
    validate(object, old, kind) {
      const compiled = kind.custom?.compiled;
      if (compiled === undefined) return [];
      return compiled.validate(object, old).map(fieldErrorFromCause);
    },
  };
}
