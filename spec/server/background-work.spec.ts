import { expect } from 'chai';
import { BackgroundWork } from '../../lib/server/background-work.js';

describe('BackgroundWork', () => {
  it('should settle once immediate tasks, and the tasks they defer, have run', async () => {
    const work = new BackgroundWork();
    const ran: string[] = [];
    work.defer(() => {
      ran.push('a');
      work.defer(() => ran.push('b'));
    });
    await work.settle();
    expect(ran).to.deep.equal(['a', 'b']);
    work.close();
  });

  it('should report a throwing task and go on', async () => {
    const errors: unknown[] = [];
    const work = new BackgroundWork((e) => errors.push(e));
    const ran: number[] = [];
    work.defer(() => {
      throw new Error('boom');
    });
    work.defer(() => ran.push(1));
    await work.settle();
    expect(errors).to.have.length(1);
    expect(ran).to.deep.equal([1]);
    work.close();
  });

  it('should cancel pending tasks on close', async () => {
    const work = new BackgroundWork();
    let ran = false;
    work.defer(() => (ran = true));
    work.defer(() => (ran = true), 10_000);
    work.close();
    await work.settle();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).to.equal(false);
  });
});
