import { expect } from 'chai';
import { requestAttributes } from '../../../lib/server/authorization/authorization-attributes.js';

const USER = { username: 'u', groups: [] };

function attrs(method: string, url: string): Record<string, unknown> {
  const parsed = new URL(url, 'http://x');
  const { user: _user, ...rest } = requestAttributes(USER, method, decodeURIComponent(parsed.pathname), parsed.searchParams);
  return rest;
}

function resource(parts: Record<string, string>): Record<string, unknown> {
  return { type: 'resource', namespace: '', apiGroup: '', apiVersion: 'v1', resource: '', subresource: '', name: '', ...parts };
}

describe('requestAttributes', () => {
  it('should make other paths non-resource requests with the method as verb', () => {
    expect(attrs('GET', '/healthz')).to.deep.equal({ type: 'nonresource', verb: 'get', path: '/healthz' });
    expect(attrs('HEAD', '/version')).to.deep.equal({ type: 'nonresource', verb: 'head', path: '/version' });
    expect(attrs('POST', '/api/v1')).to.deep.equal({ type: 'nonresource', verb: 'post', path: '/api/v1' });
    expect(attrs('GET', '/apis/apps/v1')).to.deep.equal({ type: 'nonresource', verb: 'get', path: '/apis/apps/v1' });
  });

  it('should pick get, list, watch, create, update, patch, delete, deletecollection as kube-apiserver', () => {
    expect(attrs('GET', '/api/v1/namespaces/ns/pods/web')).to.deep.equal(resource({ verb: 'get', namespace: 'ns', resource: 'pods', name: 'web' }));
    expect(attrs('GET', '/api/v1/namespaces/ns/pods')).to.deep.equal(resource({ verb: 'list', namespace: 'ns', resource: 'pods' }));
    expect(attrs('GET', '/api/v1/pods?watch=true')).to.deep.equal(resource({ verb: 'watch', resource: 'pods' }));
    expect(attrs('GET', '/api/v1/pods?watch=1')['verb']).to.equal('watch');
    expect(attrs('GET', '/api/v1/pods?watch=false')['verb']).to.equal('list');
    expect(attrs('GET', '/api/v1/pods?watch=f')['verb'], "Go's ParseBool").to.equal('list');
    expect(attrs('GET', '/api/v1/pods?watch=maybe')['verb'], 'unparseable: watch').to.equal('watch');
    expect(attrs('POST', '/apis/apps/v1/namespaces/ns/deployments')).to.deep.equal(resource({ verb: 'create', namespace: 'ns', apiGroup: 'apps', resource: 'deployments' }));
    expect(attrs('PUT', '/api/v1/namespaces/ns/configmaps/c')['verb']).to.equal('update');
    expect(attrs('PATCH', '/api/v1/namespaces/ns/configmaps/c')['verb']).to.equal('patch');
    expect(attrs('DELETE', '/api/v1/namespaces/ns/configmaps/c')['verb']).to.equal('delete');
    expect(attrs('DELETE', '/api/v1/namespaces/ns/configmaps')['verb']).to.equal('deletecollection');
    expect(attrs('OPTIONS', '/api/v1/namespaces/ns/configmaps')['verb']).to.equal('');
  });

  it('should take the name of a list or watch from a metadata.name fieldSelector', () => {
    expect(attrs('GET', '/api/v1/namespaces/ns/configmaps?fieldSelector=metadata.name%3Dsettings&watch=true')).to.deep.equal(
      resource({ verb: 'watch', namespace: 'ns', resource: 'configmaps', name: 'settings' }),
    );
    expect(attrs('GET', '/api/v1/namespaces/ns/configmaps?fieldSelector=metadata.name%3D%3Da,b%3Dc')['name']).to.equal('a');
    expect(attrs('GET', '/api/v1/namespaces/ns/configmaps?fieldSelector=metadata.name!%3Da')['name']).to.equal('');
    expect(attrs('GET', '/api/v1/namespaces/ns/configmaps?fieldSelector=metadata.name%3D..')['name'], 'not a valid path segment').to.equal('');
  });

  it('should read the verb from a watch/ or proxy/ prefix', () => {
    expect(attrs('GET', '/api/v1/watch/namespaces/ns/pods/web')).to.deep.equal(resource({ verb: 'watch', namespace: 'ns', resource: 'pods', name: 'web' }));
    expect(attrs('GET', '/api/v1/proxy/nodes/n1/stats/x')).to.deep.equal(resource({ verb: 'proxy', resource: 'nodes', name: 'n1' }));
  });

  it('should read subresources, ignoring deeper segments', () => {
    expect(attrs('GET', '/api/v1/namespaces/ns/pods/web/log')).to.deep.equal(resource({ verb: 'get', namespace: 'ns', resource: 'pods', name: 'web', subresource: 'log' }));
    expect(attrs('POST', '/api/v1/namespaces/ns/pods/web/exec')['subresource']).to.equal('exec');
    expect(attrs('GET', '/api/v1/nodes/n1/proxy/metrics/cadvisor')).to.deep.equal(resource({ verb: 'get', resource: 'nodes', name: 'n1', subresource: 'proxy' }));
  });

  it('should give a Namespace object its own namespace, except its status and finalize', () => {
    expect(attrs('GET', '/api/v1/namespaces/foo')).to.deep.equal(resource({ verb: 'get', namespace: 'foo', resource: 'namespaces', name: 'foo' }));
    expect(attrs('PUT', '/api/v1/namespaces/foo/finalize')).to.deep.equal(resource({ verb: 'update', namespace: 'foo', resource: 'namespaces', name: 'foo', subresource: 'finalize' }));
    expect(attrs('GET', '/api/v1/namespaces')).to.deep.equal(resource({ verb: 'list', resource: 'namespaces' }));
  });
});
