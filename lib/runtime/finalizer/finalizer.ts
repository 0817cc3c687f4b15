// finalizer(): run cleanup before an object may be deleted, with test-guarded JSON patches.
import { firstValueFrom, isObservable, type Observable } from 'rxjs';
import { Api } from '../../client/api.js';
import type { KubeObject } from '../../core/object.js';
import { Patch, type JsonPatchOperation } from '../../core/patch.js';
import { Action } from '../controller/action.js';
import { FinalizerError } from './finalizer-error.js';

/** What the handler is asked to do: bring the object's world up to date, or clean it up. */
export type FinalizerEvent<K> = { readonly type: 'Apply'; readonly object: K } | { readonly type: 'Cleanup'; readonly object: K };

/** The handler: returns what to do next, as an Action, a Promise or an Observable of one. */
export type FinalizerHandler<K> = (event: FinalizerEvent<K>) => Action | Promise<Action> | Observable<Action>;

const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/**
 * Guarantees that `handler` gets to clean up before `object` is deleted (kube-rs's
 * `finalizer`). Call it from a reconciler with the object the reconcile is about:
 *
 * | has the finalizer | being deleted | what happens |
 * |---|---|---|
 * | no  | no  | the finalizer is added (JSON patch); returns `awaitChange()` — the patch triggers the next reconcile |
 * | yes | no  | `handler({ type: 'Apply' })` |
 * | yes | yes | `handler({ type: 'Cleanup' })`; on success the finalizer is removed and deletion completes |
 * | no  | yes | nothing: someone else's finalizer holds it; `awaitChange()` |
 *
 * The patches are guarded by `test` operations, so a concurrent change makes them fail (a
 * `FinalizerError`, retried by the next reconcile) instead of clobbering the list:
 * `[{test /metadata/finalizers = <current>}, {add /metadata/finalizers/- = name}]` (or
 * `test null` + `add [name]` when there were none), and
 * `[{test /metadata/finalizers/i = name}, {remove /metadata/finalizers/i}]`.
 *
 * ## Example
 * ```ts
 * const reconcile = (secret: Secret) =>
 *   finalizer(secrets, 'example.com/sync', secret, async (event) => {
 *     switch (event.type) {
 *       case 'Apply': await copyTo(target, event.object); return Action.requeue(300_000);
 *       case 'Cleanup': await removeFrom(target, event.object); return Action.awaitChange();
 *     }
 *   });
 * ```
 *
 * ## Guarantees
 * Once `Apply` has started, `Cleanup` runs and succeeds before the object disappears.
 * Both must be idempotent: they may run again after a failure or a restart.
 *
 * @throws {FinalizerError} see {@link FinalizerErrorReason}.
 */
export async function finalizer<K extends KubeObject>(
  api: Api<K>,
  finalizerName: string,
  object: K,
  handler: FinalizerHandler<K>,
): Promise<Action> {
  if (!QUALIFIED_NAME.test(finalizerName)) {
    throw new FinalizerError('InvalidFinalizer', finalizerName, 'is not a qualified name such as example.com/cleanup');
  }
  const name = object.metadata?.name;
  if (name === undefined || name === '') throw new FinalizerError('UnnamedObject', finalizerName, 'the object has no metadata.name');
  const target = scopedTo(api, object);
  const list = object.metadata?.finalizers ?? [];
  const index = list.indexOf(finalizerName);
  const deleting = object.metadata?.deletionTimestamp != null;

  if (index !== -1 && !deleting) {
    return run(handler, { type: 'Apply', object }, 'ApplyFailed', finalizerName);
  }
  if (index !== -1 && deleting) {
    const action = await run(handler, { type: 'Cleanup', object }, 'CleanupFailed', finalizerName);
    const path = `/metadata/finalizers/${index}`;
    await patch(target, name, [{ op: 'test', path, value: finalizerName }, { op: 'remove', path }], 'RemoveFinalizer', finalizerName);
    return action;
  }
  if (!deleting) {
    const operations: JsonPatchOperation[] =
      list.length === 0
        ? [
            { op: 'test', path: '/metadata/finalizers', value: null },
            { op: 'add', path: '/metadata/finalizers', value: [finalizerName] },
          ]
        : [
            { op: 'test', path: '/metadata/finalizers', value: list },
            { op: 'add', path: '/metadata/finalizers/-', value: finalizerName },
          ];
    await patch(target, name, operations, 'AddFinalizer', finalizerName);
  }
  return Action.awaitChange();
}

/** The Api of the object's own namespace (an all-namespaces Api cannot patch one object). */
function scopedTo<K extends KubeObject>(api: Api<K>, object: K): Api<K> {
  const ns = object.metadata?.namespace;
  if (!api.resource.namespaced || api.namespace !== undefined || ns === undefined) return api;
  return new Api<K>(api.client, api.resource, ns);
}

async function run<K>(handler: FinalizerHandler<K>, event: FinalizerEvent<K>, reason: 'ApplyFailed' | 'CleanupFailed', finalizerName: string): Promise<Action> {
  try {
    const result = handler(event);
    return isObservable(result) ? await firstValueFrom(result) : await result;
  } catch (error) {
    throw new FinalizerError(reason, finalizerName, reason === 'ApplyFailed' ? 'apply failed' : 'cleanup failed', { cause: error });
  }
}

async function patch<K extends KubeObject>(
  api: Api<K>,
  name: string,
  operations: JsonPatchOperation[],
  reason: 'AddFinalizer' | 'RemoveFinalizer',
  finalizerName: string,
): Promise<void> {
  try {
    await api.patch(name, Patch.json(operations));
  } catch (error) {
    throw new FinalizerError(reason, finalizerName, reason === 'AddFinalizer' ? 'could not add the finalizer' : 'could not remove the finalizer', { cause: error });
  }
}
