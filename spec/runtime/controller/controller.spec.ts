import { expect } from 'chai';
import { map, merge, share, takeUntil, timer } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { ApiError } from '../../../lib/core/errors/api-error.js';
import type { KubeObject } from '../../../lib/core/object.js';
import { ConfigMap, Secret, Secret as SecretResource } from '../../../lib/core/resources/core-v1.js';
import type { WatchEvent } from '../../../lib/core/watch/watch-event.js';
import { Action } from '../../../lib/runtime/controller/action.js';
import { Controller } from '../../../lib/runtime/controller/controller.js';
import { ControllerError } from '../../../lib/runtime/controller/controller-error.js';
import type { ReconcileResult } from '../../../lib/runtime/controller/reconcile-result.js';
import { WatcherError } from '../../../lib/runtime/watcher/watcher-error.js';
import { applied, restarted, type WatcherEvent } from '../../../lib/runtime/watcher/watcher-event.js';
import { watcher } from '../../../lib/runtime/watcher/watcher.js';
import { createStore } from '../../../lib/runtime/reflector/store.js';
import { reflect } from '../../../lib/runtime/reflector/reflect.js';
import { modify } from '../../../lib/runtime/operators/modify.js';
import { predicateFilter } from '../../../lib/runtime/operators/predicate-filter.js';
import { predicates } from '../../../lib/runtime/operators/predicates.js';
import { fakeListWatch } from '../../../lib/testing/fake-list-watch.js';
import { configMap, objectList, status, watchEvent } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const a1 = configMap('a', '1');
const b1 = configMap('b', '2');
const a2 = configMap('a', '3');

function child(name: string, owner: string, rv: string, ownerKind = 'ConfigMap', ownerApiVersion = 'v1'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace: 'default',
      resourceVersion: rv,
      ownerReferences: [{ apiVersion: ownerApiVersion, kind: ownerKind, name: owner, uid: `uid-${owner}` }],
    },
  };
}

describe('Controller', () => {
  let testScheduler: TestScheduler;
  let reconciled: string[];

  beforeEach(() => {
    testScheduler = createTestScheduler();
    reconciled = [];
  });

  /** `type:name:reason@frame` for each result. */
  const summary = (r: ReconcileResult) => `${r.type}:${r.request.ref.name}:${r.request.reason.type}@${testScheduler.now()}`;

  const reconcile = (object: ConfigMap) => {
    reconciled.push(`${object.metadata?.name}@${testScheduler.now()}#${object.metadata?.resourceVersion}`);
    return Action.awaitChange();
  };

  it('should reconcile every listed object, then each applied change, reading the store', () => {
    const results: string[] = [];
    testScheduler.run(({ cold }) => {
      const main = fakeListWatch<ConfigMap>({
        lists: [cold('-p|', { p: objectList([a1, b1], '10') })],
        watches: [cold<WatchEvent<ConfigMap>>('---m-', { m: watchEvent('MODIFIED', a2) })],
      });
      const run = Controller.forStream(main, ConfigMap).withConfig({ scheduler: testScheduler }).run(reconcile, () => Action.awaitChange(), {});
      run.pipe(takeUntil(timer(10, testScheduler))).subscribe((r) => results.push(summary(r)));
    });
    expect(reconciled).to.deep.equal(['a@1#1', 'b@1#2', 'a@4#3']);
    expect(results).to.deep.equal(['Reconciled:a:ObjectUpdated@1', 'Reconciled:b:ObjectUpdated@1', 'Reconciled:a:ObjectUpdated@4']);
  });

  it('should reconcile the owner when an owned object changes or is deleted (owns)', () => {
    const results: string[] = [];
    testScheduler.run(({ cold }) => {
      const main = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
      const children = fakeListWatch<KubeObject>({
        lists: [cold('p|', { p: objectList<KubeObject>([], '10') })],
        watches: [cold<WatchEvent<KubeObject>>('--a--d--o', { a: watchEvent('ADDED', child('s', 'a', '11')), d: watchEvent('DELETED', child('s', 'a', '12')), o: watchEvent('ADDED', child('t', 'a', '13', 'Deployment', 'apps/v1')) })],
      });
      const run = Controller.forStream(main, ConfigMap).ownsStream(children, Secret).withConfig({ scheduler: testScheduler }).run(reconcile, () => Action.awaitChange(), {});
      run.pipe(takeUntil(timer(20, testScheduler))).subscribe((r) => results.push(summary(r)));
    });
    // the Secret owned by a Deployment named "a" at 8 triggers nothing
    expect(results).to.deep.equal(['Reconciled:a:ObjectUpdated@0', 'Reconciled:a:RelatedObjectUpdated@2', 'Reconciled:a:RelatedObjectUpdated@5']);
  });

  it('should reconcile what a mapper returns (watches), and everything on reconcileAllOn', () => {
    const results: string[] = [];
    testScheduler.run(({ cold, hot }) => {
      const main = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1, b1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
      const secrets = fakeListWatch<Secret>({
        lists: [cold('p|', { p: objectList<Secret>([], '10') })],
        watches: [cold<WatchEvent<Secret>>('---s', { s: watchEvent('ADDED', { metadata: { name: 'creds', namespace: 'default', resourceVersion: '11' } }) })],
      });
      const run = Controller.forStream(main, ConfigMap)
        .watchesStream(secrets, Secret, () => [{ name: 'b', namespace: 'default' }])
        .reconcileAllOn(hot('-----x'))
        .withConfig({ scheduler: testScheduler })
        .run(reconcile, () => Action.awaitChange(), {});
      run.pipe(takeUntil(timer(20, testScheduler))).subscribe((r) => results.push(summary(r)));
    });
    expect(results).to.deep.equal([
      'Reconciled:a:ObjectUpdated@0',
      'Reconciled:b:ObjectUpdated@0',
      'Reconciled:b:RelatedObjectUpdated@3',
      'Reconciled:a:BulkReconcile@5',
      'Reconciled:b:BulkReconcile@5',
    ]);
  });

  it('should shut down gracefully on the first signal and at once on the second', () => {
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const slow = () => cold('-----(x|)', { x: Action.awaitChange() });
      const main = () => fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
      const graceful = Controller.forStream(main(), ConfigMap).gracefulShutdownOn(hot('--s')).withConfig({ scheduler: testScheduler }).run(slow, () => Action.awaitChange(), {});
      expectObservable(graceful.pipe(map((r) => r.type))).toBe('-----(r|)', { r: 'Reconciled' });
      const forced = Controller.forStream(main(), ConfigMap).gracefulShutdownOn(hot('--s-s')).withConfig({ scheduler: testScheduler }).run(slow, () => Action.awaitChange(), {});
      expectObservable(forced).toBe('----|');
    });
  });

  it('should shut down on SIGTERM: gracefully on the first, at once on the second', () => {
    // process.emit runs the handlers without a real signal (and mocha does not listen to SIGTERM).
    testScheduler.run(({ cold, expectObservable }) => {
      const slow = () => cold('-----(x|)', { x: Action.awaitChange() });
      const main = () => fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
      const graceful = Controller.forStream(main(), ConfigMap).shutdownOnSignal().withConfig({ scheduler: testScheduler }).run(slow, () => Action.awaitChange(), {});
      expectObservable(graceful.pipe(map((r) => r.type))).toBe('-----(r|)', { r: 'Reconciled' });
      testScheduler.schedule(() => process.emit('SIGTERM', 'SIGTERM'), 2);
    });
    expect(process.listenerCount('SIGTERM'), 'handlers removed after the shutdown').to.equal(0);
    testScheduler = createTestScheduler();
    testScheduler.run(({ cold, expectObservable }) => {
      const slow = () => cold('-----(x|)', { x: Action.awaitChange() });
      const main = () => fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
      const forced = Controller.forStream(main(), ConfigMap).shutdownOnSignal().withConfig({ scheduler: testScheduler }).run(slow, () => Action.awaitChange(), {});
      expectObservable(forced).toBe('---|');
      testScheduler.schedule(() => process.emit('SIGTERM', 'SIGTERM'), 1);
      testScheduler.schedule(() => process.emit('SIGTERM', 'SIGTERM'), 3);
    });
    expect(process.listenerCount('SIGTERM')).to.equal(0);
  });

  it('should report watch failures and end run() when access is forbidden', () => {
    const reported: string[] = [];
    const forbidden = new ApiError(status(403, 'Forbidden'));
    testScheduler.run(({ cold, expectObservable }) => {
      const main = fakeListWatch<ConfigMap>({ lists: [cold<never>('-#', undefined, forbidden)], description: 'configmaps' });
      const run = Controller.forStream(main, ConfigMap)
        .withConfig({ scheduler: testScheduler, onWatchError: (e) => reported.push(e.message) })
        .run(reconcile, () => Action.awaitChange(), {});
      expectObservable(run).toBe('-#', undefined, new WatcherError('Forbidden', 'configmaps', { cause: forbidden }));
    });
    expect(reported).to.have.length(1);
    expect(reported[0]).to.contain('configmaps');
  });

  it('should expose its store', () => {
    testScheduler.run(({ cold }) => {
      const main = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
      const controller = Controller.forStream(main, ConfigMap).withConfig({ scheduler: testScheduler });
      const sub = controller.run(() => Action.awaitChange(), () => Action.awaitChange(), {}).subscribe();
      testScheduler.schedule(() => {
        expect(controller.store.isReady).to.equal(true);
        expect(controller.store.get({ name: 'a', namespace: 'default' })).to.equal(a1);
        sub.unsubscribe();
      }, 1);
    });
  });

  describe('one run at a time', () => {
    const mainOf = (cold: TestScheduler['createColdObservable']) =>
      fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '10') }), cold('p|', { p: objectList([a1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-'), cold<WatchEvent<ConfigMap>>('-')] });

    it('should refuse a second concurrent run() loudly instead of reconciling one object twice at once', () => {
      const starts: number[] = [];
      testScheduler.run(({ cold, expectObservable }) => {
        const controller = Controller.forStream(mainOf(cold), ConfigMap).withConfig({ scheduler: testScheduler });
        const slow = () => (starts.push(testScheduler.now()), cold('-----(x|)', { x: Action.awaitChange() }));
        expectObservable(controller.run(slow, () => Action.awaitChange(), {}).pipe(map((r) => r.type)), '^ 10ms !').toBe('-----r', { r: 'Reconciled' });
        expectObservable(controller.run(slow, () => Action.awaitChange(), {})).toBe(
          '#',
          undefined,
          new ControllerError('AlreadyRunning', undefined, { detail: 'ConfigMap controller: run() is subscribed twice; subscribe once and share() the results' }),
        );
      });
      expect(starts, 'a single reconcile of a').to.deep.equal([0]);
    });

    it('should allow run() again once the previous run ended (whileLeading regaining the lease)', () => {
      const runs: string[] = [];
      testScheduler.run(({ cold, expectObservable }) => {
        const controller = Controller.forStream(mainOf(cold), ConfigMap).withConfig({ scheduler: testScheduler });
        const run = controller.run((o) => (runs.push(`${o.metadata?.name}@${testScheduler.now()}`), Action.awaitChange()), () => Action.awaitChange(), {});
        expectObservable(run.pipe(map((r) => r.type)), '^-!').toBe('r', { r: 'Reconciled' });
        expectObservable(run.pipe(map((r) => r.type)), '---^--!').toBe('---r', { r: 'Reconciled' });
      });
      expect(runs).to.deep.equal(['a@0', 'a@3']);
    });
  });

  it('should abort the signal of running reconciles on a forced shutdown, not on a graceful one', () => {
    const signals: AbortSignal[] = [];
    testScheduler.run(({ cold, hot, expectObservable }) => {
      const slow = (_o: ConfigMap, _c: unknown, signal: AbortSignal) => (signals.push(signal), cold('-----(x|)', { x: Action.awaitChange() }));
      const main = () => fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
      const graceful = Controller.forStream(main(), ConfigMap).gracefulShutdownOn(hot('--s')).withConfig({ scheduler: testScheduler }).run(slow, () => Action.awaitChange(), {});
      expectObservable(graceful.pipe(map((r) => r.type))).toBe('-----(r|)', { r: 'Reconciled' });
      const forced = Controller.forStream(main(), ConfigMap).gracefulShutdownOn(hot('--s-s')).withConfig({ scheduler: testScheduler }).run(slow, () => Action.awaitChange(), {});
      expectObservable(forced).toBe('----|');
    });
    expect(signals.map((s) => s.aborted)).to.deep.equal([false, true]);
  });

  describe('shared streams (forShared, owns/watches with event streams)', () => {
    it('should let one reflector, with modify() and predicates, feed two controllers', () => {
      const seenBy: Record<string, string[]> = { generations: [], everything: [] };
      let lists = 0;
      testScheduler.run(({ cold }) => {
        const g1 = configMap('a', '1', { generation: 1, labels: { noisy: 'x' } });
        const g1b = configMap('a', '2', { generation: 1, labels: { noisy: 'y' } });
        const g2 = configMap('a', '3', { generation: 2, labels: { noisy: 'z' } });
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('p|', { p: objectList([g1], '1') })],
          watches: [cold('--m--n', { m: watchEvent('MODIFIED', g1b), n: watchEvent('MODIFIED', g2) })],
        });
        const counting = { ...source, list: (params: Parameters<typeof source.list>[0]) => (lists++, source.list(params)) };
        const { reader, writer } = createStore<ConfigMap>();
        const shared$ = watcher(counting, { scheduler: testScheduler }).pipe(
          modify((cm) => {
            delete cm.metadata?.labels;
          }),
          reflect(writer),
          share(),
        );
        const reconcileAs = (who: string) => (cm: ConfigMap) => {
          seenBy[who]?.push(`${cm.metadata?.resourceVersion}@${testScheduler.now()}${cm.metadata?.labels === undefined ? '' : ' with labels'}`);
          return Action.awaitChange();
        };
        const generations = Controller.forShared(reader, shared$.pipe(predicateFilter(predicates.generation)), ConfigMap).withConfig({ scheduler: testScheduler });
        const everything = Controller.forShared(reader, shared$, ConfigMap).withConfig({ scheduler: testScheduler });
        merge(generations.run(reconcileAs('generations'), () => Action.awaitChange(), {}), everything.run(reconcileAs('everything'), () => Action.awaitChange(), {}))
          .pipe(takeUntil(timer(20, testScheduler)))
          .subscribe();
      });
      expect(lists, 'one reflector').to.equal(1);
      expect(seenBy['generations'], 'only generation changes, read from the shared store').to.deep.equal(['1@0', '3@5']);
      expect(seenBy['everything']).to.deep.equal(['1@0', '2@2', '3@5']);
    });

    it('should take children and related objects from shared event streams (owns, watches)', () => {
      const results: string[] = [];
      testScheduler.run(({ cold, hot }) => {
        const main = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1, b1], '10') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
        const children$ = hot<WatcherEvent<KubeObject>>('---c', { c: applied(child('s', 'a', '11')) });
        const secrets$ = hot<WatcherEvent<Secret>>('-----s', { s: applied<Secret>({ metadata: { name: 'creds', namespace: 'default', resourceVersion: '12' } }) });
        const run = Controller.forStream(main, ConfigMap)
          .owns(children$, SecretResource)
          .watches(secrets$, SecretResource, () => [{ name: 'b', namespace: 'default' }])
          .withConfig({ scheduler: testScheduler })
          .run(reconcile, () => Action.awaitChange(), {});
        run.pipe(takeUntil(timer(10, testScheduler))).subscribe((r) => results.push(summary(r)));
      });
      expect(results).to.deep.equal([
        'Reconciled:a:ObjectUpdated@0',
        'Reconciled:b:ObjectUpdated@0',
        'Reconciled:a:RelatedObjectUpdated@3',
        'Reconciled:b:RelatedObjectUpdated@5',
      ]);
    });

    it('should wait for the shared store to be ready before reconciling', () => {
      const { reader, writer } = createStore<ConfigMap>();
      const runs: string[] = [];
      testScheduler.run(({ hot }) => {
        const events$ = hot<WatcherEvent<ConfigMap>>('-a--r', { a: applied(a1), r: restarted([a1, b1]) }).pipe(reflect(writer));
        Controller.forShared(reader, events$, ConfigMap)
          .withConfig({ scheduler: testScheduler })
          .run((cm) => (runs.push(`${cm.metadata?.name}@${testScheduler.now()}`), Action.awaitChange()), () => Action.awaitChange(), {})
          .pipe(takeUntil(timer(10, testScheduler)))
          .subscribe();
      });
      // a's request at 1 waits for the store (ready at 4); the Restarted then asks for a and b again.
      expect([...new Set(runs)]).to.deep.equal(['a@4', 'b@4']);
    });
  });
});
