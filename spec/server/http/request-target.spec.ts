import { expect } from 'chai';
import { parseRequestTarget, splitPath } from '../../../lib/server/http/request-target.js';

describe('parseRequestTarget', () => {
  it('should percent-decode the path once without resolving dot segments', () => {
    expect(parseRequestTarget('/api/v1/namespaces/s/configmaps/%2e%2e')).to.deep.equal({ path: '/api/v1/namespaces/s/configmaps/..', rawQuery: '' });
    expect(parseRequestTarget('/a/b/../../c?x=%zz&y')).to.deep.equal({ path: '/a/b/../../c', rawQuery: 'x=%zz&y' });
    expect(parseRequestTarget('/a/%2F/b%25c')?.path).to.equal('/a///b%c');
    expect(parseRequestTarget('/b%C3%A9#frag')?.path).to.equal('/bé#frag');
  });

  it('should read absolute-form targets and *', () => {
    expect(parseRequestTarget('https://example.com:6443/api/v1/pods?watch=1')).to.deep.equal({ path: '/api/v1/pods', rawQuery: 'watch=1' });
    expect(parseRequestTarget('http://host')).to.deep.equal({ path: '/', rawQuery: '' });
    expect(parseRequestTarget('*')).to.deep.equal({ path: '*', rawQuery: '' });
  });

  it('should refuse what Go refuses: malformed escapes and relative paths', () => {
    for (const target of ['/a/%', '/a/%2', '/a/%zz', 'a/b', '']) expect(parseRequestTarget(target), target).to.equal(undefined);
  });
});

describe('splitPath', () => {
  it('should trim the outer slashes and keep empty segments, as RequestInfoFactory does', () => {
    expect(splitPath('/api/v1/namespaces//configmaps/')).to.deep.equal(['api', 'v1', 'namespaces', '', 'configmaps']);
    expect(splitPath('/')).to.deep.equal([]);
    expect(splitPath('/a/../b')).to.deep.equal(['a', '..', 'b']);
  });
});
