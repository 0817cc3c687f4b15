// Specs of toClientError: how transport failures are classified and worded, without query strings.
import { expect } from 'chai';
import { toClientError } from '../../../lib/client/http/to-client-error.js';

describe('toClientError', () => {
  const where = { method: 'GET', url: 'https://k8s.test/api/v1/pods?labelSelector=app%3Dweb&token=s3cret' };

  it('should classify by the system error code', () => {
    const error = toClientError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6443'), { code: 'ECONNREFUSED' }), where);
    expect([error.reason, error.code]).to.deep.equal(['ConnectFailed', 'ECONNREFUSED']);
  });

  it('should print no query string, neither of the request nor inside the cause message', () => {
    const fetchError = Object.assign(new Error('request to https://k8s.test/api/v1/pods?watch=true&token=s3cret failed, reason: socket hang up'), { code: 'ECONNRESET' });
    const error = toClientError(fetchError, where);
    expect(error.message).to.equal('connection lost: request to https://k8s.test/api/v1/pods failed, reason: socket hang up (ECONNRESET) (GET https://k8s.test/api/v1/pods)');
    expect(error.request?.url).to.equal('https://k8s.test/api/v1/pods');
    expect(error.message).to.not.contain('s3cret').and.not.contain('labelSelector');
  });

  it('should call an abort by the request deadline a Timeout, and one by the caller Aborted', () => {
    const deadline = new AbortController();
    deadline.abort();
    expect(toClientError(new Error('aborted'), where, deadline.signal, { deadline: { signal: deadline.signal, ms: 50 } }).reason).to.equal('Timeout');
    expect(toClientError(new Error('aborted'), where, deadline.signal).reason).to.equal('Aborted');
  });
});
