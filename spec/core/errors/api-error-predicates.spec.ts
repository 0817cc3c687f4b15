// Checks the free predicates: an ApiError is found through cause chains, aggregates and cycles.
import { expect } from 'chai';
import { ApiError } from '../../../lib/core/errors/api-error.js';
import {
  findApiError,
  isAlreadyExists,
  isConflict,
  isForbidden,
  isGone,
  isInvalid,
  isNotFound,
  isTimeout,
  isUnauthorized,
} from '../../../lib/core/errors/api-error-predicates.js';
import { failureStatus } from '../../../lib/core/status.js';
import { WatcherError } from '../../../lib/runtime/watcher/watcher-error.js';
import { foreignKubeError } from '../../helpers/errors.js';

const forbidden = new ApiError(failureStatus(403, 'Forbidden', 'configmaps is forbidden'));
const notFound = new ApiError(failureStatus(404, 'NotFound', 'pods "x" not found'));

describe('API error predicates', () => {
  it('should answer for an ApiError itself, reason first and the HTTP code as fallback', () => {
    expect(isNotFound(notFound)).to.equal(true);
    expect(isForbidden(notFound)).to.equal(false);
    expect(isNotFound(new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404 }))).to.equal(true);
    expect(isGone(new ApiError(failureStatus(410, 'Expired', 'too old')))).to.equal(true);
    expect(isConflict(new ApiError(failureStatus(409, 'Conflict', 'modified')))).to.equal(true);
    expect(isAlreadyExists(new ApiError(failureStatus(409, 'AlreadyExists', 'exists')))).to.equal(true);
    expect(isInvalid(new ApiError(failureStatus(422, 'Invalid', 'bad')))).to.equal(true);
    expect(isUnauthorized(new ApiError(failureStatus(401, 'Unauthorized', 'who')))).to.equal(true);
    expect(isTimeout(new ApiError(failureStatus(504, 'Timeout', 'slow')))).to.equal(true);
  });

  it('should find a 403 inside a WatcherError-like wrapper, and deeper cause chains', () => {
    const watcherError = new WatcherError('Forbidden', 'configmaps', { cause: forbidden });
    expect(isForbidden(watcherError)).to.equal(true);
    expect(isForbidden(new Error('sync failed', { cause: new Error('step 2', { cause: watcherError }) }))).to.equal(true);
    expect(findApiError(new Error('x', { cause: watcherError }))).to.equal(forbidden);
  });

  it('should look through aggregates: ConfigError-style causes and AggregateError errors', () => {
    expect(isNotFound(Object.assign(new Error('both failed'), { causes: [new Error('a'), notFound] }))).to.equal(true);
    expect(isNotFound(new AggregateError([new Error('a'), new Error('b', { cause: notFound })]))).to.equal(true);
  });

  it('should find an ApiError from another copy of kube-rx (brand), not a look-alike', () => {
    const foreign = Object.assign(foreignKubeError('ApiError', 'NotFound'), { isNotFound: () => true });
    expect(findApiError(new Error('x', { cause: foreign }))).to.equal(foreign);
    const lookAlike = Object.assign(new Error('x'), { name: 'ApiError', isNotFound: () => true });
    expect(isNotFound(lookAlike)).to.equal(false);
  });

  it('should be false for anything without an ApiError, and survive cycles', () => {
    for (const value of [undefined, null, 'NotFound', 404, new Error('x'), { cause: { cause: {} } }]) expect(isNotFound(value)).to.equal(false);
    const a: { cause?: unknown } = {};
    const b = { cause: a };
    a.cause = b;
    expect(isNotFound(a)).to.equal(false);
  });
});
