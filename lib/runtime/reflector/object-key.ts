// The key of an object within one store or queue of a single kind: `namespace/name`.
import type { KubeObject } from '../../core/object.js';

/** `namespace/name`, or `/name` for cluster-scoped objects: unique within one kind. */
export function objectKeyOf(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/** The key of a `{ name, namespace? }` reference, as {@link objectKeyOf} computes it. */
export function refKeyOf(ref: { readonly name: string; readonly namespace?: string | undefined }): string {
  return `${ref.namespace ?? ''}/${ref.name}`;
}
