import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

describe('OpenApiHandler', () => {
  const env = useApiServer();

  it('should list the group versions with content hashes', async () => {
    const index = (await rawRequest(env.server, '/openapi/v3')).json<Json>();
    expect(index['paths']['api/v1']['serverRelativeURL']).to.match(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(index['paths']).to.have.property('apis/apps/v1');
  });

  it('should serve a document immutable at its hash, and 301 for a stale hash', async () => {
    const index = (await rawRequest(env.server, '/openapi/v3')).json<Json>();
    const url: string = index['paths']['apis/apps/v1']['serverRelativeURL'];
    const doc = await rawRequest(env.server, url);
    expect(doc.status).to.equal(200);
    expect(doc.headers['cache-control']).to.equal('public, immutable');
    expect(doc.json<Json>()['openapi']).to.equal('3.0.0');
    const stale = await rawRequest(env.server, '/openapi/v3/apis/apps/v1?hash=ABC');
    expect(stale.status).to.equal(301);
    expect(stale.headers['location']).to.equal(url);
    const again = await rawRequest(env.server, url, { headers: { 'if-none-match': String(doc.headers['etag']) } });
    expect(again.status).to.equal(304);
  });

  it('should answer the plain 404 for an unknown group version', async () => {
    const res = await rawRequest(env.server, '/openapi/v3/apis/nope/v1');
    expect(res.status).to.equal(404);
    expect(res.text).to.equal('404 page not found\n');
  });
});
