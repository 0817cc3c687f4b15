import { expect } from 'chai';
import { finalize, of, tap, type Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { objectRef } from '../../../lib/core/object-ref.js';
import { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import { Action } from '../../../lib/runtime/controller/action.js';
import { applier, type ErrorPolicy } from '../../../lib/runtime/controller/applier.js';
import { ControllerError } from '../../../lib/runtime/controller/controller-error.js';
import { exponentialRequeue } from '../../../lib/runtime/controller/exponential-requeue.js';
import type { ReconcileRequest } from '../../../lib/runtime/controller/reconcile-request.js';
import type { ReconcileResult } from '../../../lib/runtime/controller/reconcile-result.js';
import { createStore } from '../../../lib/runtime/reflector/store.js';
import { applied, deleted, restarted } from '../../../lib/runtime/watcher/watcher-event.js';
import { configMap } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const cms = { a: configMap('a'), b: configMap('b'), c: configMap('c') };
const req = (name: 'a' | 'b' | 'c'): ReconcileRequest => ({ ref: objectRef(cms[name], ConfigMap), reason: { type: 'ObjectUpdated' } });
const requests = { a: req('a'), b: req('b'), c: req('c'), x: { ref: { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', namespace: 'default' }, reason: { type: 'ObjectUpdated' } } as ReconcileRequest };
const never: ErrorPolicy<ConfigMap, unknown> = () => Action.awaitChange();

function readyStore() {
  const { reader, writer } = createStore<ConfigMap>();
  writer.apply(restarted(Object.values(cms)));
  return { reader, writer };
}

/** A timeline of what each reconcile did: `start:a@0`, `end:a@5`. */
interface Log {
  events: string[];
  active: Map<string, number>;
  maxActive: Map<string, number>;
}

function tracking(testScheduler: TestScheduler, log: Log, body: (name: string) => Observable<Action>) {
  return (object: ConfigMap): Observable<Action> => {
    const name = object.metadata?.name ?? '?';
    const now = testScheduler.now();
    log.events.push(`start:${name}@${now}`);
    const active = (log.active.get(name) ?? 0) + 1;
    log.active.set(name, active);
    log.maxActive.set(name, Math.max(log.maxActive.get(name) ?? 0, active));
    return body(name).pipe(
      finalize(() => {
        log.active.set(name, (log.active.get(name) ?? 1) - 1);
        log.events.push(`end:${name}@${testScheduler.now()}`);
      }),
    );
  };
}

const kinds = (results: ReconcileResult[]) => results.map((r) => `${r.type}:${r.request.ref.name}`);

describe('applier', () => {
  let testScheduler: TestScheduler;
  let log: Log;

  beforeEach(() => {
    testScheduler = createTestScheduler();
    log = { events: [], active: new Map(), maxActive: new Map() };
  });

  it('should never run two reconciles of one object at once, and collapse N requests during a run into one follow-up', () => {
    const { reader } = readyStore();
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const input = hot<ReconcileRequest>('a-aaa-------', requests);
      const reconcile = tracking(testScheduler, log, () => cold('-----(x|)', { x: Action.awaitChange() }));
      const results = input.pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined }));
      expectObservable(results, '^ 20ms !').toBe('-----r----s', {
        r: { type: 'Reconciled', request: requests.a, action: {}, duration: 5, queued: 1 }, // one follow-up queued
        s: { type: 'Reconciled', request: requests.a, action: {}, duration: 5, queued: 0 },
      });
    });
    expect(log.maxActive.get('a')).to.equal(1);
    expect(log.events).to.deep.equal(['start:a@0', 'end:a@5', 'start:a@5', 'end:a@10']);
  });

  it('should keep one request queued behind a running reconcile, not drop it', () => {
    const { reader } = readyStore();
    const seen: ReconcileResult[] = [];
    testScheduler.run(({ cold, hot }) => {
      const input = hot<ReconcileRequest>('a--a', requests);
      const reconcile = tracking(testScheduler, log, () => cold('-----(x|)', { x: Action.awaitChange() }));
      input.pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined })).subscribe((r) => seen.push(r));
    });
    expect(kinds(seen)).to.deep.equal(['Reconciled:a', 'Reconciled:a']);
  });

  it('should run different objects concurrently up to the limit', () => {
    const { reader } = readyStore();
    testScheduler.run(({ cold, hot }) => {
      const input = hot<ReconcileRequest>('abc', requests);
      const reconcile = tracking(testScheduler, log, () => cold('-----(x|)', { x: Action.awaitChange() }));
      input.pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined, config: { concurrency: 2 } })).subscribe();
    });
    expect(log.events).to.deep.equal(['start:a@0', 'start:b@1', 'end:a@5', 'start:c@5', 'end:b@6', 'end:c@10']);
  });

  it('should not start before the store is ready, deduplicating requests meanwhile', () => {
    const { reader, writer } = createStore<ConfigMap>();
    testScheduler.run(({ cold, hot }) => {
      const input = hot<ReconcileRequest>('abab', requests);
      hot('-----r').subscribe(() => writer.apply(restarted(Object.values(cms))));
      const reconcile = tracking(testScheduler, log, () => cold('-(x|)', { x: Action.awaitChange() }));
      input.pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined })).subscribe();
    });
    expect(log.events).to.deep.equal(['start:a@5', 'start:b@5', 'end:a@6', 'end:b@6']);
  });

  it('should requeue after the requested delay, counted from the end of the reconcile', () => {
    const { reader } = readyStore();
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const input = hot<ReconcileRequest>('a', requests);
      const reconcile = tracking(testScheduler, log, () => cold('--(x|)', { x: Action.requeue(10) }));
      const r = { type: 'Reconciled', request: requests.a, action: { requeueAfter: 10 }, duration: 2, queued: 1 };
      const s = { ...r, request: { ...requests.a, reason: { type: 'ReconcilerRequestedRetry' } } };
      expectObservable(input.pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined })), '^ 25ms !').toBe('--r 11ms s', { r, s });
    });
    // 0 → 2, requeued for 12 → 14, requeued for 24 → (unsubscribed at 26)
    expect(log.events).to.deep.equal(['start:a@0', 'end:a@2', 'start:a@12', 'end:a@14', 'start:a@24', 'end:a@26']);
  });

  it('should let an earlier request replace a scheduled requeue', () => {
    const { reader } = readyStore();
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const input = hot<ReconcileRequest>('a----a', requests);
      const reconcile = tracking(testScheduler, log, () => cold('(x|)', { x: Action.requeue(100) }));
      expectObservable(input.pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined })), '^ 50ms !').toBe('r----r', {
        r: { type: 'Reconciled', request: requests.a, action: { requeueAfter: 100 }, duration: 0, queued: 1 },
      });
    });
    expect(log.events).to.deep.equal(['start:a@0', 'end:a@0', 'start:a@5', 'end:a@5']);
  });

  it('should turn a failure into a Failed result and requeue as the error policy says, with a per-object failure count', () => {
    const { reader } = readyStore();
    const boom = new Error('boom');
    const counts: number[] = [];
    const seen: ReconcileResult[] = [];
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const input = hot<ReconcileRequest>('a', requests);
      const reconcile = tracking(testScheduler, log, () => cold<Action>('-#', undefined, boom));
      const policy = exponentialRequeue<ConfigMap, unknown>({ initial: 10, max: 40 });
      const errorPolicy: ErrorPolicy<ConfigMap, unknown> = (o, e, c, n) => {
        counts.push(n);
        return policy(o, e, c, n);
      };
      const results = input.pipe(applier({ reconcile, errorPolicy, store: reader, context: undefined }), tap((r) => seen.push(r)));
      const retry = { ...requests.a, reason: { type: 'ErrorPolicyRequestedRetry' } };
      const failed = (request: ReconcileRequest, requeueAfter: number) => ({
        type: 'Failed',
        request,
        error: new ControllerError('ReconcilerFailed', requests.a.ref, { cause: boom }),
        action: { requeueAfter },
        duration: 1,
        queued: 1,
      });
      expectObservable(results, '^ 150ms !').toBe('-a 9ms -b 19ms -c 39ms -d 39ms -d', {
        a: failed(requests.a, 10),
        b: failed(retry as ReconcileRequest, 20),
        c: failed(retry as ReconcileRequest, 40),
        d: failed(retry as ReconcileRequest, 40),
      });
    });
    expect(log.events.filter((e) => e.startsWith('start')).slice(0, 5)).to.deep.equal(['start:a@0', 'start:a@11', 'start:a@32', 'start:a@73', 'start:a@114']);
    expect(counts.slice(0, 5)).to.deep.equal([1, 2, 3, 4, 5]);
    const first = seen[0];
    expect(first?.type).to.equal('Failed');
    expect(first?.type === 'Failed' && first.error).to.be.instanceOf(ControllerError).with.property('reason', 'ReconcilerFailed');
    expect(first?.type === 'Failed' && first.error.cause).to.equal(boom);
    expect(first?.type === 'Failed' && first.action).to.deep.equal({ requeueAfter: 10 });
  });

  it('should reset the failure count after a success', () => {
    const { reader } = readyStore();
    const counts: number[] = [];
    let calls = 0;
    testScheduler.run(({ cold, hot }) => {
      const input = hot<ReconcileRequest>('a 20ms a 20ms a', requests);
      const reconcile = () => (calls++ === 1 ? cold('(x|)', { x: Action.awaitChange() }) : cold<Action>('#', undefined, new Error('x')));
      input
        .pipe(applier({ reconcile, errorPolicy: (_o, _e, _c, n) => (counts.push(n), Action.awaitChange()), store: reader, context: undefined }))
        .subscribe();
    });
    expect(counts).to.deep.equal([1, 1]);
  });

  it('should catch a reconciler that throws, and an error policy that throws', () => {
    const { reader } = readyStore();
    const seen: ReconcileResult[] = [];
    testScheduler.run(({ hot }) => {
      hot<ReconcileRequest>('a', requests)
        .pipe(
          applier({
            reconcile: () => {
              throw new Error('sync');
            },
            errorPolicy: () => {
              throw new Error('policy');
            },
            store: reader,
            context: undefined,
          }),
        )
        .subscribe((r) => seen.push(r));
    });
    expect(seen).to.have.length(1);
    expect(seen[0]?.type === 'Failed' && seen[0].error.reason).to.equal('ErrorPolicyFailed');
    expect(seen[0]?.type === 'Failed' && seen[0].action).to.equal(undefined);
  });

  it('should accept reconcilers that return an Action or a Promise', async () => {
    const { reader } = readyStore();
    const results: ReconcileResult[] = [];
    await new Promise<void>((resolve) => {
      const { reconcile } = { reconcile: (o: ConfigMap) => (o.metadata?.name === 'a' ? Action.awaitChange() : Promise.resolve(Action.requeue(5))) };
      import('rxjs').then(({ of }) =>
        of(requests.a, requests.b)
          .pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined }))
          .subscribe({ next: (r) => results.push(r), complete: resolve }),
      );
    });
    expect(kinds(results)).to.have.members(['Reconciled:a', 'Reconciled:b']);
  });

  it('should report ObjectNotFound for objects missing from the store', () => {
    const { reader } = readyStore();
    testScheduler.run(({ hot, expectObservable }) => {
      expectObservable(hot<ReconcileRequest>('x', requests).pipe(applier({ reconcile: () => Action.awaitChange(), errorPolicy: never, store: reader, context: undefined })), '^ 5ms !').toBe('n', {
        n: { type: 'ObjectNotFound', request: requests.x, queued: 0 },
      });
    });
  });

  it('should drain running reconciles and drop queued work when the requests complete', () => {
    const { reader } = readyStore();
    testScheduler.run(({ cold, expectObservable }) => {
      const input = cold<ReconcileRequest>('ab-a|', requests);
      const reconcile = tracking(testScheduler, log, () => cold('-----(x|)', { x: Action.requeue(1) }));
      expectObservable(input.pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined }))).toBe('-----a(b|)', {
        a: { type: 'Reconciled', request: requests.a, action: { requeueAfter: 1 }, duration: 5, queued: 0 },
        b: { type: 'Reconciled', request: requests.b, action: { requeueAfter: 1 }, duration: 5, queued: 0 },
      });
    });
    expect(log.events).to.deep.equal(['start:a@0', 'start:b@1', 'end:a@5', 'end:b@6']);
  });

  it('should stop running reconciles on unsubscribe', () => {
    const { reader } = readyStore();
    testScheduler.run(({ cold, hot, expectObservable, expectSubscriptions }) => {
      const work = cold('-----(x|)', { x: Action.awaitChange() });
      const input = hot<ReconcileRequest>('a', requests);
      expectObservable(input.pipe(applier({ reconcile: () => work, errorPolicy: never, store: reader, context: undefined })), '--!').toBe('---');
      expectSubscriptions(work.subscriptions).toBe('^-!');
    });
  });

  describe('failure counts', () => {
    const failing = () => cold0<Action>('#', undefined, new Error('x'));
    let cold0: TestScheduler['createColdObservable'];

    it('should count a recreated object (same name, new uid) from 1 again', () => {
      const { reader, writer } = readyStore();
      const counts: number[] = [];
      testScheduler.run(({ cold, hot }) => {
        cold0 = cold;
        const input = hot<ReconcileRequest>('a-a 10ms a', requests);
        // frame 3: a is deleted; frame 5: recreated with a new uid
        hot('---d', { d: 0 }).subscribe(() => writer.apply(deleted(cms.a)));
        hot('-----r', { r: 0 }).subscribe(() => writer.apply(applied(configMap('a', '9', { uid: 'uid-a-2' }))));
        input.pipe(applier({ reconcile: failing, errorPolicy: (_o, _e, _c, n) => (counts.push(n), Action.awaitChange()), store: reader, context: undefined })).subscribe();
      });
      expect(counts, 'the new a starts at 1, not 3').to.deep.equal([1, 2, 1]);
    });

    it('should forget the count of a deleted object (nothing kept per dead object)', () => {
      const { reader, writer } = readyStore();
      const counts: number[] = [];
      testScheduler.run(({ cold, hot }) => {
        cold0 = cold;
        const input = hot<ReconcileRequest>('a---a', requests);
        // a deleted then recreated with the same uid (only a delete can free the count)
        hot('--d', { d: 0 }).subscribe(() => writer.apply(deleted(cms.a)));
        hot('---r', { r: 0 }).subscribe(() => writer.apply(applied(cms.a)));
        input.pipe(applier({ reconcile: failing, errorPolicy: (_o, _e, _c, n) => (counts.push(n), Action.awaitChange()), store: reader, context: undefined })).subscribe();
      });
      expect(counts).to.deep.equal([1, 1]);
    });

    it('should forget the counts of objects a relist no longer has', () => {
      const { reader, writer } = readyStore();
      const counts: number[] = [];
      testScheduler.run(({ cold, hot }) => {
        cold0 = cold;
        const input = hot<ReconcileRequest>('ab---a', requests);
        hot('---r', { r: 0 }).subscribe(() => writer.apply(restarted([cms.b, cms.c])));
        hot('----a', { a: 0 }).subscribe(() => writer.apply(applied(cms.a)));
        input.pipe(applier({ reconcile: failing, errorPolicy: (_o, _e, _c, n) => (counts.push(n), Action.awaitChange()), store: reader, context: undefined })).subscribe();
      });
      expect(counts).to.deep.equal([1, 1, 1]);
    });
  });

  describe('abort signal', () => {
    it('should abort the signal of a running reconcile when unsubscribed, and leave finished ones alone', () => {
      const { reader } = readyStore();
      const signals = new Map<string, AbortSignal>();
      testScheduler.run(({ cold, hot, expectObservable }) => {
        const input = hot<ReconcileRequest>('ab', requests);
        const reconcile = (object: ConfigMap, _context: unknown, signal: AbortSignal) => {
          signals.set(object.metadata?.name ?? '', signal);
          return object.metadata?.name === 'a' ? cold('(x|)', { x: Action.awaitChange() }) : cold<Action>('------');
        };
        expectObservable(input.pipe(applier({ reconcile, errorPolicy: never, store: reader, context: undefined })), '---!').toBe('r', {
          r: { type: 'Reconciled', request: requests.a, action: {}, duration: 0, queued: 0 },
        });
      });
      expect(signals.get('a')?.aborted, 'a finished before').to.equal(false);
      expect(signals.get('b')?.aborted, 'b was running').to.equal(true);
      const reason = signals.get('b')?.reason as ControllerError;
      expect([reason.name, reason.reason, reason.ref?.name]).to.deep.equal(['ControllerError', 'Stopped', 'b']);
    });

    it('should let a promise reconcile see the abort', async () => {
      const { reader } = readyStore();
      let aborted: Promise<unknown> | undefined;
      const subscription = of(requests.a)
        .pipe(
          applier({
            reconcile: (_o: ConfigMap, _c: unknown, signal: AbortSignal) => {
              aborted = new Promise((resolve) => signal.addEventListener('abort', () => resolve(signal.reason)));
              return new Promise<Action>(() => undefined);
            },
            errorPolicy: never,
            store: reader,
            context: undefined,
          }),
        )
        .subscribe();
      subscription.unsubscribe();
      expect(await aborted).to.have.property('reason', 'Stopped');
    });
  });

  describe('options', () => {
    const make = (config: { concurrency?: number; debounce?: number }) => () =>
      applier({ reconcile: () => Action.awaitChange(), errorPolicy: never, store: readyStore().reader, context: undefined, config });

    it('should refuse a negative, fractional or NaN concurrency when created, not silently never reconcile', () => {
      expect(make({ concurrency: -1 })).to.throw(RangeError, 'applier: concurrency must be an integer >= 0 (0: no limit), got -1');
      expect(make({ concurrency: 1.5 })).to.throw(RangeError);
      expect(make({ concurrency: Number.NaN })).to.throw(RangeError);
    });

    it('should refuse a negative or NaN debounce', () => {
      expect(make({ debounce: -5 })).to.throw(RangeError, 'debounce');
      expect(make({ debounce: Number.NaN })).to.throw(RangeError);
      expect(make({ concurrency: 0, debounce: 0 })).to.not.throw();
    });
  });
});
