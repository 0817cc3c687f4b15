// Specs of the retry policy: which answers are retried, the delays, and Retry-After parsing.
import { expect } from 'chai';
import { isRetryable, parseRetryAfter, retryDelay } from '../../../lib/client/http/retry-policy.js';

describe('isRetryable', () => {
  const req = (method: 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH', contentType?: string) => ({ method, headers: contentType === undefined ? {} : { 'content-type': contentType } });

  it('should retry 429, 503 and 504 of GET, PUT and DELETE', () => {
    for (const method of ['GET', 'PUT', 'DELETE'] as const) for (const code of [429, 503, 504]) expect(isRetryable(req(method), code), `${method} ${code}`).to.equal(true);
  });

  it('should not retry other codes', () => {
    for (const code of [200, 400, 401, 404, 409, 410, 500, 502]) expect(isRetryable(req('GET'), code), String(code)).to.equal(false);
  });

  it('should never retry POST', () => {
    for (const code of [429, 503, 504]) expect(isRetryable(req('POST'), code)).to.equal(false);
  });

  it('should retry apply patches like PUT, other patches only on 429', () => {
    expect(isRetryable(req('PATCH', 'application/apply-patch+yaml'), 504)).to.equal(true);
    expect(isRetryable(req('PATCH', 'application/json-patch+json'), 429)).to.equal(true);
    expect(isRetryable(req('PATCH', 'application/json-patch+json'), 503)).to.equal(false);
    expect(isRetryable(req('PATCH', 'application/merge-patch+json'), 504)).to.equal(false);
  });
});

describe('retryDelay', () => {
  it('should double from initialDelayMs up to maxDelayMs, then give up after maxRetries', () => {
    const policy = { initialDelayMs: 200, maxDelayMs: 1000, maxRetries: 4, jitter: false };
    expect([0, 1, 2, 3, 4].map((n) => retryDelay(policy, n, undefined, 0))).to.deep.equal([200, 400, 800, 1000, undefined]);
  });

  it('should wait at least Retry-After', () => {
    expect(retryDelay({ jitter: false }, 0, 7000, 0)).to.equal(7000);
  });

  it('should give up when Retry-After is longer than maxDelayMs', () => {
    expect(retryDelay({ maxDelayMs: 5000 }, 0, 6000, 0)).to.equal(undefined);
  });

  it('should jitter between half and all of the backoff', () => {
    expect(retryDelay({ initialDelayMs: 1000 }, 0, undefined, 0)).to.equal(500);
    expect(retryDelay({ initialDelayMs: 1000 }, 0, undefined, 0.5)).to.equal(750);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T10:00:00Z');
  it('should read delay-seconds', () => expect(parseRetryAfter('3', now)).to.equal(3000));
  it('should read an HTTP date relative to now', () => expect(parseRetryAfter('Wed, 01 May 2024 10:00:05 GMT', now)).to.equal(5000));
  it('should clamp a past date to 0', () => expect(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now)).to.equal(0));
  it('should ignore absent or unparsable values', () => {
    expect(parseRetryAfter(null, now)).to.equal(undefined);
    expect(parseRetryAfter('soon', now)).to.equal(undefined);
  });
});
