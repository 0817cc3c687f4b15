// Checks ApiError's reason helpers, including the HTTP-code fallback kube-rs never reaches.
import { expect } from 'chai';
import { inspect } from 'node:util';
import { ApiError, isApiError } from '../../../lib/core/errors/api-error.js';
import { isKubeError, KubeError } from '../../../lib/core/errors/kube-error.js';
import { failureStatus, statusFromResponse, type Status, type StatusReason } from '../../../lib/core/status.js';
import { foreignKubeError } from '../../helpers/errors.js';

type Helper =
  | 'isNotFound'
  | 'isAlreadyExists'
  | 'isConflict'
  | 'isGone'
  | 'isInvalid'
  | 'isBadRequest'
  | 'isForbidden'
  | 'isUnauthorized'
  | 'isTooManyRequests'
  | 'isMethodNotAllowed'
  | 'isUnsupportedMediaType'
  | 'isTimeout'
  | 'isInternalError'
  | 'isServiceUnavailable';

/** Each helper with the reasons that satisfy it and the HTTP code it falls back to (client-go's table). */
const HELPERS: [Helper, StatusReason[], number][] = [
  ['isNotFound', ['NotFound'], 404],
  ['isAlreadyExists', ['AlreadyExists'], 409],
  ['isConflict', ['Conflict'], 409],
  ['isGone', ['Gone', 'Expired'], 410],
  ['isInvalid', ['Invalid'], 422],
  ['isBadRequest', ['BadRequest'], 400],
  ['isForbidden', ['Forbidden'], 403],
  ['isUnauthorized', ['Unauthorized'], 401],
  ['isTooManyRequests', ['TooManyRequests'], 429],
  ['isMethodNotAllowed', ['MethodNotAllowed'], 405],
  ['isUnsupportedMediaType', ['UnsupportedMediaType'], 415],
  ['isTimeout', ['Timeout', 'ServerTimeout'], 504],
  ['isInternalError', ['InternalError'], 500],
  ['isServiceUnavailable', ['ServiceUnavailable'], 503],
];

function errorFor(code: number, reason?: string, message = 'msg'): ApiError {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code };
  return new ApiError(reason === undefined ? status : { ...status, reason });
}

describe('ApiError', () => {
  for (const [helper, reasons, code] of HELPERS) {
    describe(helper, () => {
      for (const reason of reasons) {
        it(`should hold for reason ${reason}`, () => {
          expect(errorFor(code, reason)[helper]()).to.equal(true);
        });

        it(`should hold for reason ${reason} whatever the code says`, () => {
          expect(errorFor(500, reason)[helper]()).to.equal(true);
        });
      }

      it(`should fall back to HTTP ${code} when the reason is missing`, () => {
        expect(errorFor(code)[helper]()).to.equal(true);
      });

      it(`should fall back to HTTP ${code} when the reason is empty or unknown`, () => {
        expect(errorFor(code, '')[helper]()).to.equal(true);
        expect(errorFor(code, 'SomethingNewIn1_40')[helper]()).to.equal(true);
      });

      it(`should not fall back to HTTP ${code} when a different known reason is given`, () => {
        const other = code === 404 ? 'Forbidden' : 'NotFound';
        expect(errorFor(code, other)[helper]()).to.equal(false);
      });

      it('should not hold for other codes without a reason', () => {
        expect(errorFor(code === 418 ? 419 : 418)[helper]()).to.equal(false);
      });
    });
  }

  it('should tell AlreadyExists from Conflict although both are 409', () => {
    const exists = errorFor(409, 'AlreadyExists');
    const conflict = errorFor(409, 'Conflict');
    expect([exists.isAlreadyExists(), exists.isConflict()]).to.deep.equal([true, false]);
    expect([conflict.isAlreadyExists(), conflict.isConflict()]).to.deep.equal([false, true]);
  });

  it('should treat a 410 Expired watch ERROR as gone', () => {
    const error = new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 5 (100)', reason: 'Expired', code: 410 });
    expect(error.isGone()).to.equal(true);
    expect(error.isNotFound()).to.equal(false);
  });

  describe('with a non-Status answer', () => {
    it('should see a plain-text 404 as not found', () => {
      const error = new ApiError(statusFromResponse(404, '404 page not found\n'), { method: 'GET', path: '/apis/example.com/v1/widgets' });
      expect(error.isNotFound()).to.equal(true);
      expect(error.code).to.equal(404);
      expect(error.reason).to.equal('Unknown');
      expect(error.message).to.equal('404 page not found: 404 (GET /apis/example.com/v1/widgets)');
    });

    it('should see a plain-text 429 as too many requests, with its Retry-After', () => {
      const error = new ApiError(statusFromResponse(429, 'Too many requests, please try again later.\n', 2));
      expect(error.isTooManyRequests()).to.equal(true);
      expect(error.retryAfterSeconds).to.equal(2);
    });

    it('should see an empty 401 as unauthorized and an empty 503 as unavailable', () => {
      expect(new ApiError(statusFromResponse(401, '')).isUnauthorized()).to.equal(true);
      expect(new ApiError(statusFromResponse(503, '')).isServiceUnavailable()).to.equal(true);
    });
  });

  describe('message', () => {
    it('should carry the message, code, reason and request', () => {
      const error = new ApiError(failureStatus(404, 'NotFound', 'pods "web" not found', { name: 'web', kind: 'pods' }), { method: 'GET', path: '/api/v1/namespaces/default/pods/web' });
      expect(error.message).to.equal('pods "web" not found: 404 NotFound (GET /api/v1/namespaces/default/pods/web)');
      expect(error.reason).to.equal('NotFound');
      expect(error.name).to.equal('ApiError');
      expect(error.request).to.deep.equal({ method: 'GET', path: '/api/v1/namespaces/default/pods/web' });
      expect(error.status.details).to.deep.equal({ name: 'web', kind: 'pods' });
    });

    it('should fall back to the reason, then to "unknown error"', () => {
      expect(new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, reason: 'Conflict', code: 409 }).message).to.equal('Conflict: 409 Conflict');
      expect(new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {} }).message).to.equal('unknown error: 0');
    });

    it('should keep the cause', () => {
      const cause = new Error('socket hang up');
      expect(new ApiError(failureStatus(500, 'InternalError', 'x'), undefined, { cause }).cause).to.equal(cause);
    });

    it('should never expose a credential the server echoed, in the message, the status or a log of the error', () => {
      const status = failureStatus(401, 'Unauthorized', 'invalid bearer token, Authorization: Bearer s3cr3t-t0ken', {
        causes: [{ reason: 'FieldValueInvalid', message: 'token: s3cr3t-t0ken', field: 'spec.token' }],
      });
      const error = new ApiError(status);
      expect(error.message).to.not.include('s3cr3t-t0ken');
      expect(error.status.message).to.not.include('s3cr3t-t0ken');
      expect(error.status.details?.causes?.[0]?.message).to.not.include('s3cr3t-t0ken');
      expect(error.stack).to.not.include('s3cr3t-t0ken');
      expect(inspect(error, { depth: 10 })).to.not.include('s3cr3t-t0ken');
      expect(error.isUnauthorized()).to.equal(true);
    });
  });

  it('should be a KubeError and an Error', () => {
    const error = errorFor(404, 'NotFound');
    expect(error).to.be.instanceOf(KubeError);
    expect(error).to.be.instanceOf(Error);
    expect(isKubeError(error)).to.equal(true);
  });
});

describe('isApiError', () => {
  it('should recognise an ApiError', () => {
    expect(isApiError(errorFor(404, 'NotFound'))).to.equal(true);
  });

  it('should recognise an ApiError from another copy of kube-rx by the KubeError brand and its name', () => {
    expect(isApiError(foreignKubeError('ApiError', 'NotFound'))).to.equal(true);
    expect(isApiError(foreignKubeError('WatcherError', 'WatchFailed'))).to.equal(false);
  });

  it('should refuse a foreign class that merely shares the name', () => {
    class ApiError extends Error {
      override name = 'ApiError';
      reason = 'NotFound';
    }
    expect(isApiError(new ApiError('x'))).to.equal(false);
    expect(isApiError({ name: 'ApiError', message: 'x', reason: 'NotFound' })).to.equal(false);
  });

  it('should refuse other errors and non-errors', () => {
    for (const value of [new Error('x'), new TypeError('x'), new KubeError('X', 'x'), null, undefined, 'ApiError', 404, { name: 'KubeError' }]) {
      expect(isApiError(value), String(value)).to.equal(false);
    }
  });
});
