// The Namespace registry strategy: the `kubernetes` finalizer, protected namespaces, Terminating on delete.
import { conflict, forbidden } from '../errors/status-errors.js';
import type { KindHooks, ServerContext } from '../server-context.js';
import { formatTime } from '../server-context.js';
import { canonicalObject } from '../objects/canonical-object.js';
import { objectKey } from '../objects/object-key.js';
import type { StoredObject } from '../store/store-event.js';

type Json = Record<string, unknown>;

/** Namespaces that always exist and cannot be deleted. */
export const PROTECTED_NAMESPACES: readonly string[] = ['default', 'kube-system', 'kube-public'];

/** The storage bucket of Namespaces. */
export const NAMESPACE_BUCKET = '/namespaces';

function specOf(object: Json): Json {
  return (object['spec'] ?? {}) as Json;
}

/**
 * Hooks implementing kube-apiserver's Namespace storage: create sets
 * `spec.finalizers: [kubernetes]`; updates of the main resource cannot change
 * `spec.finalizers` (only `/finalize` can); the first DELETE marks the namespace
 * Terminating (`deletionTimestamp`, `status.phase`) and answers it; a DELETE while the
 * finalizers are pending is a 409; `default`, `kube-system`, `kube-public` answer 403.
 */
export function namespaceHooks(ctx: ServerContext): KindHooks {
  return {
    prepareCreate(object) {
      object['spec'] = { ...specOf(object), finalizers: ['kubernetes'] };
    },
    prepareUpdate(object, old, _kind, subresource) {
      if (subresource === 'finalize') return;
      const finalizers = specOf(old)['finalizers'];
      const spec = { ...specOf(object) };
      if (finalizers === undefined) delete spec['finalizers'];
      else spec['finalizers'] = finalizers;
      object['spec'] = spec;
    },
    holdsDeletion(object) {
      const finalizers = specOf(object)['finalizers'];
      return Array.isArray(finalizers) && finalizers.length > 0;
    },
    delete(object, kind, dryRun) {
      const meta = object['metadata'] as Json;
      const name = String(meta['name']);
      if (PROTECTED_NAMESPACES.includes(name)) throw forbidden({ group: '', resource: 'namespaces' }, name, 'this namespace may not be deleted');
      if (meta['deletionTimestamp'] !== undefined && meta['deletionTimestamp'] !== null) {
        const finalizers = specOf(object)['finalizers'];
        if (Array.isArray(finalizers) && finalizers.length > 0) {
          throw conflict(
            { group: '', resource: 'namespaces' },
            name,
            'The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
          );
        }
        return undefined;
      }
      const next = structuredClone(object);
      (next['metadata'] as Json)['deletionTimestamp'] = formatTime(ctx.now());
      (next['metadata'] as Json)['deletionGracePeriodSeconds'] = 0;
      next['status'] = { ...((next['status'] ?? {}) as Json), phase: 'Terminating' };
      const result = canonicalObject(next);
      if (dryRun) return result;
      return ctx.store.update(kind.bucket, objectKey(undefined, name), result as StoredObject).object;
    },
  };
}
