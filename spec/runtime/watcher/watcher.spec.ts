import { expect } from 'chai';
import { take } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { ClientError, isClientError } from '../../../lib/client/errors/client-error.js';
import { ApiError } from '../../../lib/core/errors/api-error.js';
import { LineTooLongError } from '../../../lib/core/watch/line-decoder.js';
import { WatchDecodeError } from '../../../lib/core/watch/watch-event.js';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import type { WatchEvent } from '../../../lib/core/watch/watch-event.js';
import { exponentialBackoff } from '../../../lib/runtime/backoff/backoff-policy.js';
import { watcher } from '../../../lib/runtime/watcher/watcher.js';
import type { WatcherConfig } from '../../../lib/runtime/watcher/watcher-config.js';
import { WatcherError } from '../../../lib/runtime/watcher/watcher-error.js';
import { applied, deleted, restarted } from '../../../lib/runtime/watcher/watcher-event.js';
import { FakeListWatchExhausted, fakeListWatch } from '../../../lib/testing/fake-list-watch.js';
import { bookmark, configMap, objectList, status, watchEvent } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

const a1 = configMap('a', '1');
const b2 = configMap('b', '2');
const a3 = configMap('a', '3');
const c4 = configMap('c', '4');
const UNTIL = '^ 200s !';
const boom = new ApiError(status(500, 'InternalError'));
const noJitter = exponentialBackoff({ initial: 800, max: 30_000, jitter: false });

describe('watcher', () => {
  let testScheduler: TestScheduler;
  let errors: WatcherError[];
  let config: WatcherConfig;

  beforeEach(() => {
    testScheduler = createTestScheduler();
    errors = [];
    config = { backoff: noJitter, onError: (e) => errors.push(e) };
  });

  describe('initial list', () => {
    it('should list page by page and emit one Restarted with every object', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const page1 = cold(' -p|', { p: objectList([a1], '5', 'next') });
        const page2 = cold('  -p|', { p: objectList([b2], '5') });
        const watch = cold<WatchEvent<ConfigMap>>('  ----');
        const source = fakeListWatch<ConfigMap>({ lists: [page1, page2], watches: [watch] });

        expectObservable(watcher(source, config), '----!').toBe('--r-', { r: restarted([a1, b2]) });
        expectSubscriptions(page1.subscriptions).toBe('^!');
        expectSubscriptions(page2.subscriptions).toBe('-^!');
        expectSubscriptions(watch.subscriptions).toBe('--^-!');
        testScheduler.flush();
        expect(source.listCalls).to.deep.equal([{ limit: 500 }, { limit: 500, continueToken: 'next' }]);
        expect(source.watchCalls).to.deep.equal([
          { params: { timeoutSeconds: 290, allowWatchBookmarks: true }, resourceVersion: '5' },
        ]);
      });
    });

    it('should pass selectors, the page size and the Any semantic to the list', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('p|', { p: objectList([], '7') })],
          watches: [cold<WatchEvent<ConfigMap>>('-')],
        });
        const cfg = { ...config, labelSelector: 'app=web', fieldSelector: 'metadata.name=a', pageSize: 2, listSemantic: 'Any' as const };
        expectObservable(watcher(source, cfg), UNTIL).toBe('r', { r: restarted([]) });
        testScheduler.flush();
        expect(source.listCalls).to.deep.equal([
          { labelSelector: 'app=web', fieldSelector: 'metadata.name=a', limit: 2, resourceVersion: '0' },
        ]);
        expect(source.watchCalls[0]?.params).to.deep.equal({
          labelSelector: 'app=web',
          fieldSelector: 'metadata.name=a',
          timeoutSeconds: 290,
          allowWatchBookmarks: true,
        });
      });
    });

    it('should treat a list without a resourceVersion as a failure and relist', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('p|', { p: objectList([a1], '') }), cold('p|', { p: objectList([a1], '9') })],
          watches: [cold<WatchEvent<ConfigMap>>('-')],
        });
        expectObservable(watcher(source, config), UNTIL).toBe('800ms r', { r: restarted([a1]) });
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['NoResourceVersion']);
    });
  });

  describe('watching', () => {
    it('should turn ADDED/MODIFIED into Applied and DELETED into Deleted, and follow bookmarks silently', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('p|', { p: objectList([a1], '1') })],
          watches: [cold('-x-m-k-d-', { x: watchEvent('ADDED', b2), m: watchEvent('MODIFIED', a3), k: bookmark('5'), d: watchEvent('DELETED', c4) })],
        });
        expectObservable(watcher(source, config), UNTIL).toBe('rx-m---d-', {
          r: restarted([a1]),
          x: applied(b2),
          m: applied(a3),
          d: deleted(c4),
        });
      });
    });

    it('should resume from the last resourceVersion, without relisting, when the server ends the stream', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const list = cold('p|', { p: objectList([a1], '1') });
        const watch1 = cold(' -m-k|', { m: watchEvent('MODIFIED', a3), k: bookmark('8') });
        const watch2 = cold('      -d-', { d: watchEvent('DELETED', a3) });
        const source = fakeListWatch<ConfigMap>({ lists: [list], watches: [watch1, watch2] });

        expectObservable(watcher(source, config), UNTIL).toBe('rm---d-', { r: restarted([a1]), m: applied(a3), d: deleted(a3) });
        expectSubscriptions(watch1.subscriptions).toBe('^---!');
        expectSubscriptions(watch2.subscriptions).toBe('----^ 199996ms !');
        testScheduler.flush();
        expect(source.listCalls).to.have.length(1);
        expect(source.watchCalls.map((c) => c.resourceVersion)).to.deep.equal(['1', '8']);
      });
    });

    it('should resume when the idle watchdog (timeoutSeconds + 5 s) fires', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const list = cold('p|', { p: objectList([], '1') });
        const watch1 = cold<WatchEvent<ConfigMap>>('-');
        const watch2 = cold<WatchEvent<ConfigMap>>('-');
        const source = fakeListWatch<ConfigMap>({ lists: [list], watches: [watch1, watch2] });

        expectObservable(watcher(source, { ...config, timeoutSeconds: 10 }), '^ 20s !').toBe('r', { r: restarted([]) });
        expectSubscriptions(watch1.subscriptions).toBe('^ 14999ms !');
        expectSubscriptions(watch2.subscriptions).toBe('15s ^ 5000ms !');
        testScheduler.flush();
        expect(source.watchCalls.map((c) => c.params.timeoutSeconds)).to.deep.equal([10, 10]);
        expect(errors).to.deep.equal([]);
      });
    });

    it('should accept watch timeouts above 295 s', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([], '1') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
        expectObservable(watcher(source, { ...config, timeoutSeconds: 3600 }), '^ 10s !').toBe('r', { r: restarted([]) });
        testScheduler.flush();
        expect(source.watchCalls[0]?.params.timeoutSeconds).to.equal(3600);
      });
    });
  });

  describe('410 Gone', () => {
    it('should relist and emit Restarted on an in-band ERROR 410', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const list1 = cold('p|', { p: objectList([a1], '1') });
        const watch1 = cold('-m-#', { m: watchEvent('MODIFIED', a3) }, new ApiError(status(410, 'Expired')));
        const list2 = cold('   -p|', { p: objectList([b2], '20') });
        const watch2 = cold<WatchEvent<ConfigMap>>('    -');
        const source = fakeListWatch<ConfigMap>({ lists: [list1, list2], watches: [watch1, watch2] });

        expectObservable(watcher(source, config), '^ 9ms !').toBe('rm--R', { r: restarted([a1]), m: applied(a3), R: restarted([b2]) });
        expectSubscriptions(list2.subscriptions).toBe('---^!');
        expectSubscriptions(watch2.subscriptions).toBe('----^ 5ms !');
      });
      expect(errors, '410 is recovery, not a failure').to.deep.equal([]);
    });

    it('should back off and report when 410s repeat with no watch event between them (no hot relist loop)', () => {
      const gone = new ApiError(status(410, 'Gone'));
      testScheduler.run(({ cold, expectObservable }) => {
        const list = (rv: string) => cold('p|', { p: objectList([a1], rv) });
        const source = fakeListWatch<ConfigMap>({
          lists: [list('1'), list('2'), list('3'), list('4')],
          watches: [cold<never>('#', undefined, gone), cold<never>('#', undefined, gone), cold<never>('#', undefined, gone), cold('-m', { m: watchEvent('MODIFIED', a3) })],
        });
        // 0: list, 410 → relist at once; 410 again → reported, relist after 800 ms; again → 1600 ms.
        const r = restarted([a1]);
        expectObservable(watcher(source, config), UNTIL).toBe('(rR) 796ms R 1599ms R m', { r, R: r, m: applied(a3) });
        testScheduler.flush();
        expect(source.listCalls, 'one list per 410, none in a loop').to.have.length(4);
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['WatchStartFailed', 'WatchStartFailed']);
      expect(errors[0]?.cause).to.equal(gone);
    });

    it('should report a repeated in-band 410 as WatchError, and relist at once again after a healthy watch', () => {
      const expired = new ApiError(status(410, 'Expired'), undefined, { inBand: true });
      testScheduler.run(({ cold, expectObservable }) => {
        const list = (rv: string) => cold('p|', { p: objectList([a1], rv) });
        const source = fakeListWatch<ConfigMap>({
          lists: [list('1'), list('2'), list('3'), list('4')],
          watches: [
            cold<never>('#', undefined, expired), // first 410: relist at once
            cold<never>('#', undefined, expired), // again, no event between: reported, 800 ms
            cold('-m-#', { m: watchEvent('MODIFIED', a3) }, expired), // healthy, then 410: at once again
            cold<WatchEvent<ConfigMap>>('-'),
          ],
        });
        const r = restarted([a1]);
        expectObservable(watcher(source, config), UNTIL).toBe('(rR) 796ms R m-R', { r, R: r, m: applied(a3) });
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['WatchError']);
    });

    it('should relist on an HTTP 410 when the watch starts', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('p|', { p: objectList([a1], '1') }), cold('-p|', { p: objectList([b2], '20') })],
          watches: [cold<never>('#', undefined, new ApiError(status(410, 'Gone'))), cold<WatchEvent<ConfigMap>>('-')],
        });
        expectObservable(watcher(source, config), UNTIL).toBe('rR', { r: restarted([a1]), R: restarted([b2]) });
        testScheduler.flush();
        expect(source.watchCalls.map((c) => c.resourceVersion)).to.deep.equal(['1', '20']);
      });
    });
  });

  describe('list timeout', () => {
    it('should abandon a list that never answers after 295 s, report it, and retry', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const silent = cold<never>('-');
        const source = fakeListWatch<ConfigMap>({ lists: [silent, cold('p|', { p: objectList([a1], '1') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
        expectObservable(watcher(source, config), '^ 400s !').toBe('295800ms r', { r: restarted([a1]) });
        expectSubscriptions(silent.subscriptions).toBe('^ 294999ms !');
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['InitialListFailed']);
      const cause = errors[0]?.cause;
      expect(isClientError(cause) && cause.reason).to.equal('Timeout');
      expect(errors[0]?.message).to.contain('295000 ms');
    });

    it('should bound each page by listTimeout, and end the stream with retry: false', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '1', 'next') }), cold<never>('-')] });
        const error = new WatcherError('InitialListFailed', 'fake resources', {
          cause: new ClientError('Timeout', 'the list got no answer within 10000 ms (listTimeout)'),
        });
        expectObservable(watcher(source, { ...config, listTimeout: 10_000, retry: false })).toBe('10s #', undefined, error);
      });
    });
  });

  describe('failure reasons', () => {
    const reasonOf = (failure: Error, emitFirst = false): string | undefined => {
      errors = [];
      testScheduler = createTestScheduler();
      testScheduler.run(({ cold, expectObservable }) => {
        const watch = emitFirst ? cold('m#', { m: watchEvent('MODIFIED', a3) }, failure) : cold<never>('#', undefined, failure);
        const source = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '1') })], watches: [watch, cold<WatchEvent<ConfigMap>>('-')] });
        expectObservable(watcher(source, config), '^ 10s !').toBe(emitFirst ? '(rm)' : 'r', { r: restarted([a1]), m: applied(a3) });
      });
      return errors[0]?.reason;
    };

    it('should say WatchStartFailed only when the watch got no 200: an HTTP error, a connect failure', () => {
      expect(reasonOf(boom)).to.equal('WatchStartFailed');
      expect(reasonOf(new ClientError('ConnectFailed', 'cannot connect: ECONNREFUSED'))).to.equal('WatchStartFailed');
    });

    it('should say WatchError for an in-band ERROR, even before any other event', () => {
      expect(reasonOf(new ApiError(status(500, 'InternalError'), undefined, { inBand: true }))).to.equal('WatchError');
      expect(reasonOf(boom, true)).to.equal('WatchError');
    });

    it('should say WatchFailed for a stream cut after its 200, an undecodable or an overlong line', () => {
      expect(reasonOf(new ClientError('ConnectionReset', 'connection lost', undefined, { responseStarted: true }))).to.equal('WatchFailed');
      expect(reasonOf(new WatchDecodeError('InvalidJson', 'not json', 'is not JSON'))).to.equal('WatchFailed');
      expect(reasonOf(new LineTooLongError(100))).to.equal('WatchFailed');
      expect(reasonOf(new Error('socket hang up'), true)).to.equal('WatchFailed');
    });
  });

  describe('failures', () => {
    it('should retry a failing list after 800 ms, 1.6 s, 3.2 s and report each failure', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const failing = () => cold<never>('#', undefined, boom);
        const source = fakeListWatch<ConfigMap>({
          lists: [failing(), failing(), failing(), cold('p|', { p: objectList([a1], '1') })],
          watches: [cold<WatchEvent<ConfigMap>>('-')],
        });
        // failures at 0, 800, 2400; success at 2400 + 3200 = 5600
        expectObservable(watcher(source, config), UNTIL).toBe('5600ms r', { r: restarted([a1]) });
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['InitialListFailed', 'InitialListFailed', 'InitialListFailed']);
      expect(errors[0]?.resource).to.equal('fake resources');
      expect(errors[0]?.cause).to.equal(boom);
    });

    it('should reset the backoff after progress, and only after progress', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold<never>('#', undefined, boom), cold('p|', { p: objectList([a1], '1') })],
          watches: [
            cold<never>('#', undefined, boom), // start fails at 800: delay 1600 (no progress since the list failure? the Restarted at 800 was progress → 800)
            cold('-m#', { m: watchEvent('MODIFIED', a3) }, boom),
            cold<never>('#', undefined, boom),
            cold<WatchEvent<ConfigMap>>('-'),
          ],
        });
        // 0: list fails → wait 800. 800: Restarted (progress, reset); watch fails → wait 800.
        // 1600: watch, m at 1601 (progress, reset), fails at 1602 → wait 800.
        // 2402: watch fails at once → wait 1600 (no progress since). 4002: watch.
        expectObservable(watcher(source, config), UNTIL).toBe('800ms r 800ms m', { r: restarted([a1]), m: applied(a3) });
        testScheduler.flush();
        expect(source.watchCalls).to.have.length(4);
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['InitialListFailed', 'WatchStartFailed', 'WatchError', 'WatchStartFailed']);
    });

    it('should report a broken stream as WatchFailed and resume from the last resourceVersion', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('p|', { p: objectList([a1], '1') })],
          watches: [cold('-m#', { m: watchEvent('MODIFIED', a3) }, new Error('socket hang up')), cold<WatchEvent<ConfigMap>>('-')],
        });
        expectObservable(watcher(source, config), UNTIL).toBe('rm', { r: restarted([a1]), m: applied(a3) });
        testScheduler.flush();
        expect(source.watchCalls.map((c) => c.resourceVersion)).to.deep.equal(['1', '3']);
        expect(source.listCalls).to.have.length(1);
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['WatchFailed']);
    });

    it('should end the stream with a Forbidden WatcherError on 403', () => {
      const forbidden = new ApiError(status(403, 'Forbidden', 'configmaps is forbidden: User "bob" cannot watch resource "configmaps"'));
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('p|', { p: objectList([a1], '1') })],
          watches: [cold<never>('-#', undefined, forbidden)],
        });
        expectObservable(watcher(source, config), UNTIL).toBe('r#', { r: restarted([a1]) }, new WatcherError('Forbidden', 'fake resources', { cause: forbidden }));
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['Forbidden']);
      expect(errors[0]?.message).to.contain('fake resources').and.contain('cannot watch');
    });

    it('should keep retrying a 403 with retryForbidden', () => {
      const forbidden = new ApiError(status(403, 'Forbidden'));
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold<never>('#', undefined, forbidden), cold('p|', { p: objectList([a1], '1') })],
          watches: [cold<WatchEvent<ConfigMap>>('-')],
        });
        expectObservable(watcher(source, { ...config, retryForbidden: true }), UNTIL).toBe('800ms r', { r: restarted([a1]) });
      });
      expect(errors.map((e) => e.reason)).to.deep.equal(['Forbidden']);
    });

    it('should end the stream at the first failure with retry: false', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const list = cold<never>('-#', undefined, boom);
        const source = fakeListWatch<ConfigMap>({ lists: [list] });
        expectObservable(watcher(source, { ...config, retry: false }), UNTIL).toBe('-#', undefined, new WatcherError('InitialListFailed', 'fake resources', { cause: boom }));
        expectSubscriptions(list.subscriptions).toBe('^!');
      });
    });

    it('should end the stream when the backoff gives up', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({ lists: [cold<never>('#', undefined, boom), cold<never>('#', undefined, boom)] });
        const cfg = { ...config, backoff: exponentialBackoff({ initial: 10, jitter: false, maxRetries: 1 }) };
        expectObservable(watcher(source, cfg), UNTIL).toBe('10ms #', undefined, new WatcherError('InitialListFailed', 'fake resources', { cause: boom }));
      });
      expect(errors).to.have.length(2);
    });
  });

  describe('unsubscribe', () => {
    it('should abort the list in flight', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const list = cold('-----p|', { p: objectList([a1], '1') });
        expectObservable(watcher(fakeListWatch<ConfigMap>({ lists: [list] }), config), '--!').toBe('---');
        expectSubscriptions(list.subscriptions).toBe('^-!');
      });
    });

    it('should abort the watch in flight', () => {
      testScheduler.run(({ cold, expectObservable, expectSubscriptions }) => {
        const watch = cold('--m-', { m: watchEvent('MODIFIED', a3) });
        const source = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '1') })], watches: [watch] });
        expectObservable(watcher(source, config), '-!').toBe('r-', { r: restarted([a1]) });
        expectSubscriptions(watch.subscriptions).toBe('^!');
      });
    });

    it('should start nothing more when the consumer unsubscribes on an event (take(1))', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '1') })], watches: [cold<WatchEvent<ConfigMap>>('-')] });
        expectObservable(watcher(source, config).pipe(take(1))).toBe('(r|)', { r: restarted([a1]) });
        testScheduler.flush();
        expect(source.watchCalls, 'no watch after the consumer left').to.have.length(0);
      });
    });

    it('should cancel a pending retry', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({ lists: [cold<never>('#', undefined, boom)] });
        expectObservable(watcher(source, config), '100ms !').toBe('-');
        testScheduler.flush();
        expect(source.listCalls, 'no second list after unsubscribe').to.have.length(1);
      });
    });
  });

  describe('with fakeListWatch', () => {
    it('should fail the test, not spin in virtual time, when the watcher calls beyond the script', () => {
      const run = () =>
        testScheduler.run(({ cold, expectObservable }) => {
          const source = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([a1], '1') })], watches: [cold<never>('-#', undefined, boom)] });
          // No unsubscribe marble: the watcher would retry the failed watch forever.
          expectObservable(watcher(source, config)).toBe('r', { r: restarted([a1]) });
        });
      expect(run).to.throw(FakeListWatchExhausted, 'fakeListWatch: watch call 2 was not scripted (the script answers 1)');
    });
  });

  describe('streaming list', () => {
    it('should collect the initial events until the initial-events-end bookmark, then watch on', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const stream = cold('-a-b-e-m-', { a: watchEvent('ADDED', a1), b: watchEvent('ADDED', b2), e: bookmark('10', true), m: watchEvent('MODIFIED', a3) });
        const source = fakeListWatch<ConfigMap>({ watches: [stream] });
        expectObservable(watcher(source, { ...config, initialListStrategy: 'StreamingList' }), UNTIL).toBe('-----r-m-', {
          r: restarted([a1, b2]),
          m: applied(a3),
        });
        testScheduler.flush();
        expect(source.listCalls).to.have.length(0);
        expect(source.watchCalls[0]).to.deep.equal({
          params: { timeoutSeconds: 290, allowWatchBookmarks: true, sendInitialEvents: true },
          resourceVersion: undefined,
        });
      });
    });

    it('should watch from the bookmark resourceVersion when the stream ends', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          watches: [cold('ae|', { a: watchEvent('ADDED', a1), e: bookmark('10', true) }), cold<WatchEvent<ConfigMap>>('-')],
        });
        expectObservable(watcher(source, { ...config, initialListStrategy: 'StreamingList' }), UNTIL).toBe('-r', { r: restarted([a1]) });
        testScheduler.flush();
        expect(source.watchCalls[1]).to.deep.equal({ params: { timeoutSeconds: 290, allowWatchBookmarks: true }, resourceVersion: '10' });
      });
    });

    it('should fall back to list+watch when the server refuses sendInitialEvents', () => {
      const refused = new ApiError(status(422, 'Invalid', 'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden'));
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('-p|', { p: objectList([a1], '4') })],
          watches: [cold<never>('#', undefined, refused), cold<WatchEvent<ConfigMap>>('-')],
        });
        expectObservable(watcher(source, { ...config, initialListStrategy: 'StreamingList' }), UNTIL).toBe('-r', { r: restarted([a1]) });
        testScheduler.flush();
        expect(source.watchCalls[1]?.resourceVersion).to.equal('4');
      });
      expect(errors).to.deep.equal([]);
    });

    it('should fall back to list+watch when the stream ends before the initial events end', () => {
      testScheduler.run(({ cold, expectObservable }) => {
        const source = fakeListWatch<ConfigMap>({
          lists: [cold('p|', { p: objectList([a1], '4') })],
          watches: [cold('a|', { a: watchEvent('ADDED', a1) }), cold<WatchEvent<ConfigMap>>('-')],
        });
        expectObservable(watcher(source, { ...config, initialListStrategy: 'StreamingList' }), UNTIL).toBe('-r', { r: restarted([a1]) });
      });
    });
  });
});
