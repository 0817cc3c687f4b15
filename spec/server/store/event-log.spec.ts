import { expect } from 'chai';
import { EventLog } from '../../../lib/server/store/event-log.js';
import type { StoreEvent } from '../../../lib/server/store/store-event.js';

function event(rv: number): StoreEvent {
  return { rv, type: 'ADDED', bucket: '/configmaps', key: `default/${rv}`, object: { metadata: {} }, previous: undefined, encoded: new Map() } as StoreEvent;
}

describe('EventLog', () => {
  describe('since', () => {
    it('should return the events after a resourceVersion, oldest first', () => {
      const log = new EventLog(10);
      for (const rv of [1, 2, 3, 4]) log.append(event(rv));
      expect(log.since(2)?.map((e) => e.rv)).to.deep.equal([3, 4]);
      expect(log.since(4)).to.deep.equal([]);
      expect(log.since(0)?.map((e) => e.rv)).to.deep.equal([1, 2, 3, 4]);
    });

    it('should refuse a resourceVersion whose following events were dropped', () => {
      const log = new EventLog(3);
      for (const rv of [1, 2, 3, 4, 5]) log.append(event(rv));
      expect(log.compactedRv).to.equal(2);
      expect(log.since(1)).to.equal(undefined);
      expect(log.since(2)?.map((e) => e.rv)).to.deep.equal([3, 4, 5]);
    });
  });

  describe('compact', () => {
    it('should drop events up to the resourceVersion and raise the window', () => {
      const log = new EventLog(10);
      for (const rv of [1, 2, 3]) log.append(event(rv));
      log.compact(2);
      expect(log.size).to.equal(1);
      expect(log.since(1)).to.equal(undefined);
      expect(log.since(2)?.map((e) => e.rv)).to.deep.equal([3]);
    });
  });
});
