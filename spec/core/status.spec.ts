// Checks Status handling: real Status bodies kept, non-Status answers turned into a Status with the HTTP code.
import { expect } from 'chai';
import { failureStatus, isStatus, statusFromResponse, STATUS_REASONS } from '../../lib/core/status.js';

describe('isStatus', () => {
  it('should recognise kind: Status', () => {
    expect(isStatus({ kind: 'Status', apiVersion: 'v1', metadata: {} })).to.equal(true);
  });

  it('should refuse anything else', () => {
    for (const value of [null, undefined, 'Status', 1, [], { kind: 'Pod' }, { status: 'Failure' }]) expect(isStatus(value), JSON.stringify(value)).to.equal(false);
  });
});

describe('failureStatus', () => {
  it("should build a Status as the API server's ErrorToAPIStatus does", () => {
    expect(failureStatus(404, 'NotFound', 'pods "web" not found', { name: 'web', kind: 'pods' })).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'pods "web" not found',
      reason: 'NotFound',
      details: { name: 'web', kind: 'pods' },
      code: 404,
    });
  });

  it('should leave details out when there are none', () => {
    expect(failureStatus(500, 'InternalError', 'boom')).to.not.have.property('details');
  });
});

describe('STATUS_REASONS', () => {
  it('should hold the metav1.StatusReason values and not the empty one', () => {
    for (const reason of ['NotFound', 'AlreadyExists', 'Conflict', 'Gone', 'Expired', 'Invalid', 'Forbidden', 'Unauthorized', 'TooManyRequests', 'Timeout', 'ServerTimeout']) {
      expect(STATUS_REASONS.has(reason), reason).to.equal(true);
    }
    expect(STATUS_REASONS.has('')).to.equal(false);
  });
});

describe('statusFromResponse', () => {
  it('should keep a JSON Status body as it is', () => {
    const body = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'deployments.apps "web" not found',
      reason: 'NotFound',
      details: { name: 'web', group: 'apps', kind: 'deployments' },
      code: 404,
    };
    expect(statusFromResponse(404, `${JSON.stringify(body)}\n`)).to.deep.equal(body);
  });

  it('should fill in the HTTP code and metadata when the Status lacks them', () => {
    const status = statusFromResponse(409, '{"kind":"Status","apiVersion":"v1","status":"Failure","message":"x","reason":"Conflict"}');
    expect(status.code).to.equal(409);
    expect(status.metadata).to.deep.equal({});
    expect(status.reason).to.equal('Conflict');
  });

  it("should keep the Status's own code when it has one", () => {
    expect(statusFromResponse(200, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"Expired","code":410}').code).to.equal(410);
  });

  it('should turn a plain-text 404 page not found into a 404 with an unknown reason', () => {
    expect(statusFromResponse(404, '404 page not found\n')).to.deep.equal({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: '404 page not found',
      reason: '',
      code: 404,
    });
  });

  it('should turn the plain-text 429 of priority and fairness into a 429 carrying Retry-After', () => {
    const status = statusFromResponse(429, 'Too many requests, please try again later.\n', 1);
    expect(status).to.deep.include({ code: 429, reason: '', message: 'Too many requests, please try again later.', status: 'Failure' });
    expect(status.details).to.deep.equal({ retryAfterSeconds: 1 });
  });

  it('should add a Retry-After header to a Status that has no retryAfterSeconds', () => {
    const status = statusFromResponse(429, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"TooManyRequests","message":"slow down","code":429}', 3);
    expect(status.details?.retryAfterSeconds).to.equal(3);
    expect(status.reason).to.equal('TooManyRequests');
  });

  it("should keep the Status's own retryAfterSeconds over the header", () => {
    const body = '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","reason":"Timeout","details":{"retryAfterSeconds":1},"code":504}';
    expect(statusFromResponse(504, body, 9).details?.retryAfterSeconds).to.equal(1);
  });

  it('should describe an empty body', () => {
    const status = statusFromResponse(503, '');
    expect(status).to.deep.include({ code: 503, reason: '' });
    expect(status.message).to.equal('the server answered 503 with an empty body');
    expect(statusFromResponse(500, '  \n').message).to.equal('the server answered 500 with an empty body');
  });

  it('should keep a JSON body that is not a Status as the message', () => {
    const status = statusFromResponse(500, '{"error":"upstream failed"}');
    expect(status).to.deep.include({ code: 500, reason: '', message: '{"error":"upstream failed"}' });
  });

  it('should keep a body that only looks like JSON as text', () => {
    expect(statusFromResponse(502, '{not json').message).to.equal('{not json');
  });

  it('should cut a long body to 1024 characters', () => {
    expect(statusFromResponse(500, 'x'.repeat(5000)).message).to.have.length(1024);
  });
});
