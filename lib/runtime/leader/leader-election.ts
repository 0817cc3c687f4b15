// leaderElection(): campaign for a Lease and emit whether we lead, with client-go's algorithm.
import { asyncScheduler, Observable, Subscription, type SchedulerLike } from 'rxjs';
import type { Lease } from '../../core/resources/coordination-v1.js';
import { microTime } from '../events/recorder.js';
import type { LeaseLock } from './lease-lock.js';

/** Options of {@link leaderElection}; the durations default to controller-runtime's. */
export interface LeaderElectionConfig {
  /** This candidate's identity, unique among candidates (e.g. the pod name). */
  readonly identity: string;
  /** How long a lease is valid without renewal, ms. @default 15000 */
  readonly leaseDuration?: number;
  /** How long the leader keeps trying to renew before it gives up leading, ms. @default 10000 */
  readonly renewDeadline?: number;
  /** Time between attempts to acquire or renew, ms. @default 2000 */
  readonly retryPeriod?: number;
  /** Release the lease (empty holder) when unsubscribed while leading, so another takes over at once. @default true */
  readonly releaseOnCancel?: boolean;
  /** Called with every failed attempt to read or write the Lease; a throw ends the election with that error. */
  readonly onError?: (error: unknown) => void;
  /** @default asyncScheduler */
  readonly scheduler?: SchedulerLike;
}

/**
 * Campaigns for leadership on a Lease: emits `false` at once, `true` when this candidate
 * becomes leader, `false` when it stops leading (it then campaigns again). Cold: subscribing joins the
 * election; unsubscribing leaves it, releasing the lease if leading (`releaseOnCancel`).
 *
 * ```text
 * other holder:  renews, renews, stops ....................
 * this:          -------------------------- leaseDuration --t----(renew fails for renewDeadline)--f--
 * ```
 *
 * The algorithm is client-go's: create the Lease if absent; take it over only when its
 * holder has not renewed it for `leaseDuration`, **as measured by our own clock** from when
 * we last saw the record change (tolerant of clock skew); write with `PUT` carrying the read
 * `resourceVersion`, so a racing candidate gets a 409; renew every `retryPeriod`; give up
 * leading when no renewal succeeded for `renewDeadline`. `leaseTransitions` counts changes of
 * holder; `acquireTime` is kept while the same holder renews.
 *
 * ## Example
 * ```ts
 * const leading$ = leaderElection(leaseLock(Api.namespaced(client, Lease, 'kube-system'), 'my-controller'), { identity: podName });
 * controller.run(reconcile, errorPolicy, ctx).pipe(whileLeading(leading$)).subscribe();
 * ```
 */
export function leaderElection(lock: LeaseLock, config: LeaderElectionConfig): Observable<boolean> {
  const {
    identity,
    leaseDuration = 15_000,
    renewDeadline = 10_000,
    retryPeriod = 2_000,
    releaseOnCancel = true,
    onError,
    scheduler = asyncScheduler,
  } = config;
  if (!(leaseDuration > renewDeadline && renewDeadline > retryPeriod * 1.2)) {
    throw new RangeError('leaderElection: need leaseDuration > renewDeadline > retryPeriod * 1.2');
  }
  return new Observable<boolean>((subscriber) => {
    const work = new Subscription();
    let leading = false;
    let lastRenew = 0;
    let observed: { record: string; at: number } | undefined;
    let current: Lease | undefined;

    const attempt = (): void => {
      const now = scheduler.now();
      work.add(
        lock.get().subscribe({
          next: (lease) => decide(lease, now),
          error: (error: unknown) => failed(error),
        }),
      );
    };

    const decide = (lease: Lease | undefined, startedAt: number): void => {
      const now = scheduler.now();
      if (lease === undefined) {
        write(lock.create(record(undefined, now)), now);
        return;
      }
      const spec = lease.spec ?? {};
      const seen = JSON.stringify([spec.holderIdentity, spec.renewTime, spec.leaseDurationSeconds]);
      if (observed === undefined || observed.record !== seen) observed = { record: seen, at: startedAt };
      const holder = spec.holderIdentity ?? '';
      const duration = (spec.leaseDurationSeconds ?? leaseDuration / 1000) * 1000;
      if (holder !== '' && holder !== identity && observed.at + duration > now) {
        notLeading();
        return;
      }
      write(lock.replace(record(lease, now)), now);
    };

    const record = (old: Lease | undefined, now: number): Lease => {
      const spec = old?.spec ?? {};
      const sameHolder = spec.holderIdentity === identity;
      return {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { ...(old?.metadata ?? {}), name: lock.name },
        spec: {
          holderIdentity: identity,
          leaseDurationSeconds: Math.ceil(leaseDuration / 1000),
          acquireTime: sameHolder && spec.acquireTime !== undefined ? spec.acquireTime : microTime(now),
          renewTime: microTime(now),
          leaseTransitions: old === undefined ? 0 : sameHolder ? (spec.leaseTransitions ?? 0) : (spec.leaseTransitions ?? 0) + 1,
        },
      };
    };

    const write = (request: Observable<Lease>, startedAt: number): void => {
      work.add(
        request.subscribe({
          next: (lease) => {
            current = lease;
            lastRenew = startedAt;
            observed = { record: JSON.stringify([lease.spec?.holderIdentity, lease.spec?.renewTime, lease.spec?.leaseDurationSeconds]), at: startedAt };
            if (!leading) {
              leading = true;
              subscriber.next(true);
            }
            next();
          },
          error: (error: unknown) => failed(error),
        }),
      );
    };

    const failed = (error: unknown): void => {
      try {
        onError?.(error);
      } catch (callbackError) {
        subscriber.error(callbackError);
        return;
      }
      notLeading();
    };

    const notLeading = (): void => {
      if (leading && scheduler.now() - lastRenew >= renewDeadline) {
        leading = false;
        current = undefined;
        subscriber.next(false);
      }
      next();
    };

    // One retry timer at a time: the finished one is released, not kept in `work` forever.
    let retry: Subscription | undefined;
    const next = (): void => {
      retry?.unsubscribe();
      retry = scheduler.schedule(attempt, retryPeriod);
      work.add(retry);
    };

    subscriber.next(false);
    attempt();
    return () => {
      work.unsubscribe();
      if (leading && releaseOnCancel && current !== undefined) {
        const now = scheduler.now();
        const released: Lease = {
          ...current,
          spec: { ...current.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: microTime(now), acquireTime: microTime(now) },
        };
        // Best effort, after we stopped: the next candidate takes over at once instead of waiting.
        lock.replace(released).subscribe({
          error: (error: unknown) => {
            try {
              onError?.(error);
            } catch {
              // the election is over and nobody listens: a throwing reporter has nowhere to go
            }
          },
        });
      }
    };
  });
}
