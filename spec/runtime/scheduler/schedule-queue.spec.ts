import { expect } from 'chai';
import { VirtualTimeScheduler } from 'rxjs';
import { ScheduleQueue } from '../../../lib/runtime/scheduler/schedule-queue.js';

describe('ScheduleQueue', () => {
  let scheduler: VirtualTimeScheduler;
  let due: number;
  let queue: ScheduleQueue<string>;

  beforeEach(() => {
    scheduler = new VirtualTimeScheduler();
    due = 0;
    queue = new ScheduleQueue<string>(scheduler, 0, (m) => m.split(':')[0] ?? m, () => (due += 1));
  });

  it('should drop a request for a key that is already due (held, not yet taken)', () => {
    queue.push({ message: 'x:first', runAt: 0 });
    queue.push({ message: 'x:second', runAt: 0 });
    queue.push({ message: 'x:later', runAt: 50 });
    expect(queue.pendingCount).to.equal(1);
    expect(queue.scheduledCount).to.equal(0);
    expect(queue.take()?.message).to.equal('x:first');
    expect(queue.take()).to.equal(undefined);
  });

  it('should not let a held key block the keys behind it', () => {
    queue.push({ message: 'busy', runAt: 0 });
    queue.push({ message: 'free', runAt: 0 });
    expect(queue.take((key) => key !== 'busy')?.message).to.equal('free');
    expect(queue.take()?.message).to.equal('busy');
  });

  it('should move a message to the due list at its time', () => {
    queue.push({ message: 'x', runAt: 10 });
    expect(queue.pendingCount).to.equal(0);
    scheduler.flush();
    expect(queue.pendingCount).to.equal(1);
    expect(due).to.equal(1);
  });

  it('should cancel every timer on clear', () => {
    queue.push({ message: 'x', runAt: 10 });
    queue.push({ message: 'y', runAt: 0 });
    queue.clear();
    scheduler.flush();
    expect(queue.pendingCount).to.equal(0);
    expect(queue.scheduledCount).to.equal(0);
    expect(due).to.equal(1);
  });
});
