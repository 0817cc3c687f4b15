import { expect } from 'chai';
import type { ConfigMap } from '../../../lib/core/resources/core-v1.js';
import type { WatchEvent } from '../../../lib/core/watch/watch-event.js';
import { watchObject } from '../../../lib/runtime/watcher/watch-object.js';
import { fakeListWatch } from '../../../lib/testing/fake-list-watch.js';
import { configMap, objectList, watchEvent } from '../../../lib/testing/fixtures.js';
import { createTestScheduler } from '../../../lib/testing/test-scheduler.js';

describe('watchObject', () => {
  const a1 = configMap('a', '1');
  const a2 = configMap('a', '2');

  it('should emit the object as it changes and undefined while it does not exist', () => {
    const testScheduler = createTestScheduler();
    testScheduler.run(({ cold, expectObservable }) => {
      const source = fakeListWatch<ConfigMap>({
        lists: [cold('p|', { p: objectList([], '1') })],
        watches: [
          cold<WatchEvent<ConfigMap>>('-a-b-d-c-', {
            a: watchEvent('ADDED', a1),
            b: watchEvent('MODIFIED', a2),
            d: watchEvent('DELETED', a2),
            c: watchEvent('ADDED', a1),
          }),
        ],
      });
      expectObservable(watchObject(source, 'a'), '^ 20ms !').toBe('ua-b-u-a', { u: undefined, a: a1, b: a2 });
      testScheduler.flush();
      expect(source.listCalls[0]?.fieldSelector).to.deep.equal({ 'metadata.name': 'a' });
      expect(source.watchCalls[0]?.params.fieldSelector).to.deep.equal({ 'metadata.name': 'a' });
    });
  });

  it('should start from the object found by the list', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = fakeListWatch<ConfigMap>({
        lists: [cold('-p|', { p: objectList([a1], '1') })],
        watches: [cold<WatchEvent<ConfigMap>>('-')],
      });
      expectObservable(watchObject(source, 'a'), '^ 20ms !').toBe('-a', { a: a1 });
    });
  });
});
