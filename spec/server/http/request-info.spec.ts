import { expect } from 'chai';
import { parseRequestInfo } from '../../../lib/server/http/request-info.js';

describe('parseRequestInfo', () => {
  it('should parse a namespaced item of the core group', () => {
    expect(parseRequestInfo('GET', '/api/v1/namespaces/ns/pods/web', false)).to.deep.include({
      type: 'resource', verb: 'get', group: '', version: 'v1', namespace: 'ns', resource: 'pods', name: 'web', subresource: undefined,
    });
  });

  it('should parse a subresource of a named group', () => {
    expect(parseRequestInfo('PUT', '/apis/apps/v1/namespaces/ns/deployments/web/scale', false)).to.deep.include({
      verb: 'update', group: 'apps', version: 'v1', namespace: 'ns', resource: 'deployments', name: 'web', subresource: 'scale',
    });
  });

  it('should read a Namespace status path as the namespace resource itself', () => {
    expect(parseRequestInfo('GET', '/api/v1/namespaces/foo/status', false)).to.deep.include({
      resource: 'namespaces', name: 'foo', subresource: 'status', namespace: 'foo',
    });
  });

  it('should pick list, watch, create and deletecollection for collections', () => {
    expect(parseRequestInfo('GET', '/api/v1/pods', false)).to.deep.include({ verb: 'list', namespace: undefined });
    expect(parseRequestInfo('GET', '/api/v1/pods', true)).to.deep.include({ verb: 'watch' });
    expect(parseRequestInfo('POST', '/api/v1/namespaces/a/pods', false)).to.deep.include({ verb: 'create' });
    expect(parseRequestInfo('DELETE', '/api/v1/namespaces/a/pods', false)).to.deep.include({ verb: 'deletecollection' });
  });

  it('should treat the legacy /watch/ prefix as a watch verb', () => {
    expect(parseRequestInfo('GET', '/api/v1/watch/namespaces/a/pods/p', false)).to.deep.include({ verb: 'watch', name: 'p', namespace: 'a' });
  });

  it('should call discovery paths non-resource', () => {
    for (const path of ['/api', '/api/v1', '/apis', '/apis/apps', '/apis/apps/v1', '/version']) {
      expect(parseRequestInfo('GET', path, false).type, path).to.equal('nonresource');
    }
  });
});
