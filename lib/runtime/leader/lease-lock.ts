// LeaseLock: the seam between leader election and the Lease API, as Observables.
import type { Observable } from 'rxjs';
import type { Api } from '../../client/api.js';
import { isApiError } from '../../core/errors/api-error.js';
import type { Lease } from '../../core/resources/coordination-v1.js';
import { fromAbortable } from '../from-abortable.js';

/**
 * What leader election needs from the API: read, create and replace one Lease (client-go's
 * `resourcelock.LeaseLock`). `replace` must carry the read `resourceVersion`, so that two
 * candidates racing for the same Lease get a 409 Conflict and only one wins.
 */
export interface LeaseLock {
  /** The Lease, or `undefined` when it does not exist. */
  get(): Observable<Lease | undefined>;
  create(lease: Lease): Observable<Lease>;
  replace(lease: Lease): Observable<Lease>;
  /** The Lease's name. */
  readonly name: string;
  /** `namespace/name` of the Lease, for messages. */
  readonly description: string;
}

/** A {@link LeaseLock} on the Lease `name` of a namespaced `Api<Lease>`. */
export function leaseLock(api: Api<Lease>, name: string): LeaseLock {
  return {
    name,
    description: `${api.namespace ?? ''}/${name}`,
    get: () =>
      fromAbortable((signal) =>
        api.get(name, {}, { signal }).catch((error: unknown) => {
          if (isApiError(error) && error.isNotFound()) return undefined;
          throw error;
        }),
      ),
    create: (lease) => fromAbortable((signal) => api.create(lease, {}, { signal })),
    replace: (lease) => fromAbortable((signal) => api.replace(name, lease, {}, { signal })),
  };
}
