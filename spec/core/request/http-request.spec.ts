// Checks the canonical URL form of a built request.
import { expect } from 'chai';
import { requestUrl } from '../../../lib/core/request/http-request.js';
import { RequestBuilder } from '../../../lib/core/request/request-builder.js';
import { Pod } from '../../../lib/core/resources/index.js';

describe('requestUrl', () => {
  it('should be the bare path without a query, with no trailing ?', () => {
    expect(requestUrl({ path: '/api/v1/pods', query: [] })).to.equal('/api/v1/pods');
  });

  it('should join pairs with & and never start with ?&', () => {
    const url = requestUrl({ path: '/api/v1/pods', query: [['limit', '5'], ['continue', 'abc']] });
    expect(url).to.equal('/api/v1/pods?limit=5&continue=abc');
    expect(url).to.not.include('?&');
  });

  it('should escape a set-based label selector as app%20in%20(a%2Cb)', () => {
    const request = new RequestBuilder(Pod, 'default').list({ labelSelector: 'app in (a,b)' });
    expect(requestUrl(request)).to.equal('/api/v1/namespaces/default/pods?labelSelector=app%20in%20(a%2Cb)');
  });

  it('should escape =, !, /, & and + in selector values so they survive the query string', () => {
    const request = new RequestBuilder(Pod, 'default').list({ labelSelector: 'app.kubernetes.io/name!=web', fieldSelector: 'spec.nodeName=a+b' });
    const url = requestUrl(request);
    expect(url).to.equal('/api/v1/namespaces/default/pods?labelSelector=app.kubernetes.io%2Fname!%3Dweb&fieldSelector=spec.nodeName%3Da%2Bb');
    expect(new URL(`http://h${url}`).searchParams.get('fieldSelector')).to.equal('spec.nodeName=a+b');
  });

  it('should keep repeated keys in order', () => {
    expect(requestUrl({ path: '/x', query: [['command', 'ls'], ['command', '-l'], ['stdout', 'true']] })).to.equal('/x?command=ls&command=-l&stdout=true');
  });

  it('should encode non-ASCII and reserved characters in values and keys', () => {
    expect(requestUrl({ path: '/x', query: [['fieldManager', 'contrôleur #1'], ['a&b', 'c=d']] })).to.equal('/x?fieldManager=contr%C3%B4leur%20%231&a%26b=c%3Dd');
  });

  it('should keep an empty value as key=', () => {
    expect(requestUrl({ path: '/x', query: [['k', '']] })).to.equal('/x?k=');
  });
});
