// Small builders for objects, lists and wire events in tests.
import type { ObjectList } from '../core/object.js';
import type { Status } from '../core/status.js';
import { INITIAL_EVENTS_END_ANNOTATION, type WatchEvent } from '../core/watch/watch-event.js';
import type { ConfigMap } from '../core/resources/core-v1.js';

/** A ConfigMap with a name, resourceVersion and optional namespace/data/labels. */
export function configMap(
  name: string,
  resourceVersion = '1',
  extra: { namespace?: string; data?: Record<string, string>; labels?: Record<string, string>; uid?: string; generation?: number } = {},
): ConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: extra.namespace ?? 'default',
      resourceVersion,
      uid: extra.uid ?? `uid-${name}`,
      ...(extra.labels === undefined ? {} : { labels: extra.labels }),
      ...(extra.generation === undefined ? {} : { generation: extra.generation }),
    },
    ...(extra.data === undefined ? {} : { data: extra.data }),
  };
}

/** A list answer with a resourceVersion and an optional continue token. */
export function objectList<K>(items: readonly K[], resourceVersion: string, continueToken?: string): ObjectList<K> {
  return {
    metadata: { resourceVersion, ...(continueToken === undefined ? {} : { continue: continueToken }) },
    items: [...items],
  };
}

/** An ADDED, MODIFIED or DELETED wire event. */
export function watchEvent<K>(type: 'ADDED' | 'MODIFIED' | 'DELETED', object: K): WatchEvent<K> {
  return { type, object };
}

/** A BOOKMARK wire event; `initialEventsEnd` marks the end of a streaming list. */
export function bookmark(resourceVersion: string, initialEventsEnd = false): WatchEvent<never> {
  return {
    type: 'BOOKMARK',
    object: {
      metadata: {
        resourceVersion,
        ...(initialEventsEnd ? { annotations: { [INITIAL_EVENTS_END_ANNOTATION]: 'true' } } : {}),
      },
    },
  };
}

/** A failure Status with a code and reason, e.g. `status(410, 'Expired')`. */
export function status(code: number, reason: NonNullable<Status['reason']>, message = `${String(reason)} (${code})`): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}
