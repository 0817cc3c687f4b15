import { expect } from 'chai';
import { NEVER, of } from 'rxjs';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import type { WatchEvent } from '../../../lib/core/watch/watch-event.js';
import { awaitCondition, untilCondition } from '../../../lib/runtime/wait/await-condition.js';
import { conditions } from '../../../lib/runtime/wait/conditions.js';
import { fakeListWatch } from '../../../lib/testing/fake-list-watch.js';
import { configMap, objectList, watchEvent } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

describe('untilCondition', () => {
  it('should emit the object the first time the condition holds, then complete and stop watching', () => {
    const v1 = configMap('a', '1', { labels: { ready: 'no' } });
    const v2 = configMap('a', '2', { labels: { ready: 'yes' } });
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const watch = cold<WatchEvent<ConfigMap>>('-m--m2-', { m: watchEvent('MODIFIED', v1), 2: watchEvent('MODIFIED', v2) });
      const source = fakeListWatch<ConfigMap>({ lists: [cold('p|', { p: objectList([], '1') })], watches: [watch] });
      const ready = (o: ConfigMap | undefined) => o?.metadata?.labels?.['ready'] === 'yes';
      expectObservable(untilCondition(source, 'a', ready)).toBe('-----(x|)', { x: v2 });
      expectSubscriptions(watch.subscriptions).toBe('^----!');
    });
  });
});

describe('awaitCondition', () => {
  it('should resolve with undefined when waiting for a deletion of an absent object', async () => {
    const source = fakeListWatch<ConfigMap>({ lists: [of(objectList<ConfigMap>([], '1'))], watches: [of<WatchEvent<ConfigMap>>()] });
    expect(await awaitCondition(source, 'a', conditions.isDeleted('u'))).to.equal(undefined);
  });

  it('should reject with the reason when the signal aborts', async () => {
    const source = fakeListWatch<ConfigMap>({ lists: [of(objectList([configMap('a')], '1'))], watches: [NEVER] });
    const controller = new AbortController();
    const waiting = awaitCondition(source, 'a', conditions.isDeleted('uid-a'), { signal: controller.signal, retry: false });
    controller.abort(new Error('gave up'));
    const error = await waiting.then(() => undefined, (e: unknown) => e);
    expect(error).to.have.property('message', 'gave up');
  });
});
