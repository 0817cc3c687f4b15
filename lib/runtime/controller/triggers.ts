// Triggers: turn watcher events into reconcile requests (for the object, its owners, or mapped).
import { mergeMap, type OperatorFunction } from 'rxjs';
import type { KubeObject } from '../../core/object.js';
import { objectRef, type ObjectRef } from '../../core/object-ref.js';
import type { ResourceType } from '../../core/resource-type.js';
import type { WatcherEvent } from '../watcher/watcher-event.js';
import type { ReconcileReason, ReconcileRequest } from './reconcile-request.js';

/** A name and, for namespaced kinds, a namespace: enough to point at an object of a known kind. */
export interface RefLike {
  readonly name: string;
  readonly namespace?: string | undefined;
}

/** The reference to `target` within `resource`'s kind. */
export function refTo(resource: Pick<ResourceType, 'apiVersion' | 'kind' | 'namespaced'>, target: RefLike): ObjectRef {
  return {
    apiVersion: resource.apiVersion,
    kind: resource.kind,
    name: target.name,
    ...(resource.namespaced && target.namespace !== undefined ? { namespace: target.namespace } : {}),
  };
}

/**
 * The reference to a related object as its kind's: metadata-only watches deliver objects whose
 * own `kind` is `PartialObjectMetadata`, which says nothing about what changed.
 */
function refOf(object: KubeObject, resource: Pick<ResourceType, 'apiVersion' | 'kind'>): ObjectRef {
  return objectRef({ ...object, apiVersion: resource.apiVersion, kind: resource.kind }, resource);
}

/**
 * Requests a reconcile of every object an event applies (`Applied`, each of a `Restarted`);
 * deletions trigger nothing — use a finalizer to act on them.
 *
 * ```text
 * events:  -A(a)-D(a)-R([a,b])-
 * result:  -a----------(ab)----    reason ObjectUpdated
 * ```
 */
export function triggerSelf<K extends KubeObject>(resource: ResourceType<K>): OperatorFunction<WatcherEvent<K>, ReconcileRequest> {
  const reason: ReconcileReason = { type: 'ObjectUpdated' };
  return mergeMap((event) => {
    switch (event.type) {
      case 'Applied':
        return [{ ref: objectRef(event.object, resource), reason }];
      case 'Deleted':
        return [];
      case 'Restarted':
        return event.objects.map((object) => ({ ref: objectRef(object, resource), reason }));
    }
  });
}

/**
 * Requests a reconcile of the owners of every object an event touches (deletions included):
 * each `ownerReference` whose group and kind are `owner`'s (any version, `controller` flag
 * not required) becomes a request for that owner, in the child's namespace when the owner is
 * namespaced.
 *
 * ```text
 * child events: -A(cm owned by x)-D(cm owned by x)-A(cm owned by nothing)-
 * result:       -x-----------------x---------------------------------------  reason RelatedObjectUpdated
 * ```
 */
export function triggerOwners<C extends KubeObject>(
  owner: Pick<ResourceType, 'group' | 'kind' | 'apiVersion' | 'namespaced'>,
  child: Pick<ResourceType, 'apiVersion' | 'kind'>,
): OperatorFunction<WatcherEvent<C>, ReconcileRequest> {
  const owned = (object: C): ReconcileRequest[] => {
    const refs = object.metadata?.ownerReferences ?? [];
    const out: ReconcileRequest[] = [];
    for (const ref of refs) {
      const slash = ref.apiVersion.indexOf('/');
      const group = slash === -1 ? '' : ref.apiVersion.slice(0, slash);
      if (group !== owner.group || ref.kind !== owner.kind) continue;
      const related = refOf(object, child);
      out.push({
        ref: { ...refTo(owner, { name: ref.name, namespace: object.metadata?.namespace }), uid: ref.uid },
        reason: { type: 'RelatedObjectUpdated', related },
      });
    }
    return out;
  };
  return mergeMap((event) => {
    switch (event.type) {
      case 'Applied':
      case 'Deleted':
        return owned(event.object);
      case 'Restarted':
        return event.objects.flatMap(owned);
    }
  });
}

/**
 * Requests a reconcile of whatever `mapper` says each touched object relates to (deletions
 * included): the general form of `triggerOwners`, e.g. from a Secret to the custom resources
 * that reference it.
 *
 * ```text
 * events:  -A(s1)-D(s2)-
 * result:  -(xy)--z-----   mapper(s1) = [x, y], mapper(s2) = [z]
 * ```
 */
export function triggerWith<O extends KubeObject>(
  resource: Pick<ResourceType, 'apiVersion' | 'kind' | 'namespaced'>,
  mapper: (object: O) => Iterable<RefLike>,
  relatedResource?: Pick<ResourceType, 'apiVersion' | 'kind'>,
): OperatorFunction<WatcherEvent<O>, ReconcileRequest> {
  const map = (object: O): ReconcileRequest[] => {
    const reason: ReconcileReason =
      relatedResource === undefined || object.metadata?.name === undefined
        ? { type: 'Unknown' }
        : { type: 'RelatedObjectUpdated', related: refOf(object, relatedResource) };
    return [...mapper(object)].map((target) => ({ ref: refTo(resource, target), reason }));
  };
  return mergeMap((event) => {
    switch (event.type) {
      case 'Applied':
      case 'Deleted':
        return map(event.object);
      case 'Restarted':
        return event.objects.flatMap(map);
    }
  });
}
