// Predicates: what about an object counts as a change worth reacting to.
import type { KubeObject } from '../../core/object.js';

/**
 * Reduces an object to the value that matters to a trigger; `predicateFilter` passes an
 * object on only when that value changed. `undefined` means "no value: always pass".
 */
export type Predicate<K> = (object: K) => string | undefined;

function stable(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}

/**
 * The built-in predicates (kube-rs `predicates::*`). Each is generic in the object type, so
 * `predicateFilter(predicates.generation)` keeps the stream's element type
 * (`WatcherEvent<Deployment>` stays one, and `triggerSelf(Deployment)` follows it).
 */
export const predicates = {
  /** `metadata.generation`: spec changes only. `undefined` for kinds that do not track generation. */
  generation: <K extends KubeObject>(object: K): string | undefined =>
    object.metadata?.generation === undefined ? undefined : String(object.metadata.generation),
  /** `metadata.resourceVersion`: any change at all. */
  resourceVersion: <K extends KubeObject>(object: K): string | undefined => object.metadata?.resourceVersion,
  /** The labels. */
  labels: <K extends KubeObject>(object: K): string => stable(object.metadata?.labels),
  /** The annotations. */
  annotations: <K extends KubeObject>(object: K): string => stable(object.metadata?.annotations),
  /** The finalizers. */
  finalizers: <K extends KubeObject>(object: K): string => stable(object.metadata?.finalizers),
} as const;

/** `a`'s value, or `b`'s when `a` has none (kube-rs `fallback`). */
export function fallback<K>(a: Predicate<K>, b: Predicate<K>): Predicate<K> {
  return (object) => a(object) ?? b(object);
}

/** Both values together: a change in either passes (kube-rs `combine`). */
export function combine<K>(a: Predicate<K>, b: Predicate<K>): Predicate<K> {
  return (object) => {
    const x = a(object);
    const y = b(object);
    return x === undefined && y === undefined ? undefined : JSON.stringify([x ?? null, y ?? null]);
  };
}
