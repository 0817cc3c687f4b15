import { expect } from 'chai';
import { FaultInjector } from '../../../lib/server/http/fault-injector.js';

describe('FaultInjector', () => {
  it('should fail exactly the next N matching requests, oldest fault first', () => {
    const faults = new FaultInjector();
    faults.failNext(2, undefined, { method: 'GET', watch: false });
    expect(faults.take('POST', '/api', false)).to.equal(undefined);
    expect(faults.take('GET', '/api', true)).to.equal(undefined);
    expect(faults.take('GET', '/api', false)?.code).to.equal(503);
    expect(faults.take('GET', '/apis', false)?.reason).to.equal('ServiceUnavailable');
    expect(faults.take('GET', '/api', false)).to.equal(undefined);
  });

  it('should match path prefixes and forget everything on clear', () => {
    const faults = new FaultInjector();
    faults.failNext(1, undefined, { pathPrefix: '/api/v1/pods' });
    expect(faults.take('GET', '/api/v1/nodes', false)).to.equal(undefined);
    faults.clear();
    expect(faults.take('GET', '/api/v1/pods', false)).to.equal(undefined);
  });
});
