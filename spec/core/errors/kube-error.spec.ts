// Checks the base error: reason, cause, redacted messages and the cross-copy guard.
import { expect } from 'chai';
import { inspect } from 'node:util';
import { isKubeError, isKubeErrorNamed, KubeError } from '../../../lib/core/errors/kube-error.js';
import { foreignKubeError } from '../../helpers/errors.js';

describe('KubeError', () => {
  it('should carry a reason, a message and a cause', () => {
    const cause = new Error('ENOENT');
    const error = new KubeError('ConfigMissing', 'no kubeconfig at /x', { cause });
    expect([error.name, error.reason, error.message, error.cause]).to.deep.equal(['KubeError', 'ConfigMissing', 'no kubeconfig at /x', cause]);
    expect(error).to.be.instanceOf(Error);
  });

  it('should not expose a credential put in its message, anywhere a log would print', () => {
    const message = 'exec plugin said: {"token":"t0p-s3cret"} and Authorization: Bearer b34rer, key -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEI\n-----END EC PRIVATE KEY-----, url https://admin:pa55@10.0.0.1';
    const error = new KubeError('ExecFailed', message);
    for (const secret of ['t0p-s3cret', 'b34rer', 'MHcCAQEEI', 'pa55']) {
      expect(error.message, secret).to.not.include(secret);
      expect(String(error), secret).to.not.include(secret);
      expect(error.stack, secret).to.not.include(secret);
      expect(inspect(error), secret).to.not.include(secret);
      expect(JSON.stringify({ message: error.message }), secret).to.not.include(secret);
    }
  });
});

describe('isKubeError', () => {
  it('should recognise a KubeError and its subclasses', () => {
    class WatcherError extends KubeError<'WatchFailed'> {
      override name = 'WatcherError' as const;
    }
    expect(isKubeError(new KubeError('X', 'x'))).to.equal(true);
    expect(isKubeError(new WatcherError('WatchFailed', 'x'))).to.equal(true);
  });

  it('should recognise a KubeError from another copy of kube-rx by its brand', () => {
    expect(isKubeError(foreignKubeError('ControllerError', 'ReconcilerFailed'))).to.equal(true);
  });

  it('should refuse an error that only looks like one (a reason and a name ending in Error)', () => {
    class ControllerError extends Error {
      override name = 'ControllerError';
      reason = 'ReconcilerFailed';
    }
    expect(isKubeError(new ControllerError('x'))).to.equal(false);
  });

  it('should keep the brand out of inspect and JSON', () => {
    const error = new KubeError('X', 'x');
    expect(inspect(error)).to.not.include('kube-rx.KubeError');
    expect(Object.getOwnPropertySymbols(error)).to.deep.equal([]);
  });

  it('should recognise each subclass by brand and name (isKubeErrorNamed)', () => {
    expect(isKubeErrorNamed(foreignKubeError('StoreError', 'WriterDropped'), 'StoreError')).to.equal(true);
    expect(isKubeErrorNamed(new KubeError('X', 'x'), 'StoreError')).to.equal(false);
  });

  it('should refuse plain errors, objects and primitives', () => {
    const coded = Object.assign(new Error('x'), { reason: 5 });
    for (const value of [new Error('x'), new TypeError('x'), coded, { name: 'KubeError', reason: 'X' }, null, undefined, 'KubeError']) {
      expect(isKubeError(value), String(value)).to.equal(false);
    }
  });
});
