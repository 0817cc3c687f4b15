// One committed change in the store, as watchers and controllers see it.
import type { KubeObject } from '../../core/index.js';

/** What a change did to an object. */
export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** An object as stored: `metadata` always present, never mutated after it is stored. */
export type StoredObject = KubeObject & { readonly metadata: NonNullable<KubeObject['metadata']> } & Record<string, unknown>;

/**
 * One change, at one resourceVersion. `object` is the new state (for `DELETED`, the last
 * state with `metadata.resourceVersion` set to the deletion's revision); `previous` the
 * state before (absent for `ADDED`).
 *
 * `encoded` caches the serialized watch lines of this event per view, so that every
 * watcher of the same view writes the same bytes: the event is encoded once, not once per
 * watcher.
 */
export interface StoreEvent {
  readonly rv: number;
  readonly type: StoreEventType;
  /** The storage bucket (`group/resource`) the object lives in. */
  readonly bucket: string;
  /** `namespace/name` (namespace empty for cluster-scoped objects). */
  readonly key: string;
  readonly object: StoredObject;
  readonly previous: StoredObject | undefined;
  readonly encoded: Map<string, Buffer>;
}
