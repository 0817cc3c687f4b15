import { expect } from 'chai';
import { connect as netConnect } from 'node:net';
import { connect } from 'node:tls';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const CM = '/api/v1/namespaces/default/configmaps';

describe('createRequestHandler', () => {
  const env = useApiServer();

  it('should answer bad input with Status errors and keep serving', async () => {
    const cases: [string, string, string | undefined, Record<string, string>, number][] = [
      ['POST', CM, '[1,2,3]', {}, 400],
      ['POST', CM, '', {}, 400],
      ['POST', CM, 'a: [unclosed', { 'content-type': 'application/yaml' }, 400],
      ['POST', CM, '{}', { 'content-type': 'application/vnd.kubernetes.protobuf' }, 400],
      ['POST', CM, '{}', { 'content-type': 'text/plain' }, 415],
      ['POST', `${CM}?fieldValidation=Maybe`, '{"metadata":{"name":"x"}}', {}, 422],
      ['GET', `${CM}?limit=abc`, undefined, {}, 400],
      ['GET', `${CM}?timeoutSeconds=-x&watch=1`, undefined, {}, 400],
      ['GET', `${CM}?labelSelector=%3D%3D%3D`, undefined, {}, 400],
      ['PATCH', `${CM}/nothing`, '', { 'content-type': 'application/merge-patch+json' }, 404],
      ['PUT', CM, '{}', {}, 405],
      ['DELETE', `${CM}/x`, '{not json', {}, 400],
      ['GET', '/apis/apps/v1/namespaces/default/deployments/a/b/c/d', undefined, {}, 404],
      ['OPTIONS', CM, undefined, {}, 405],
      ['POST', '/version', '{}', {}, 404],
      ['GET', `${CM}/${'x'.repeat(300)}`, undefined, {}, 404],
    ];
    for (const [method, path, body, headers, code] of cases) {
      const res = await rawRequest(env.server, path, { method, ...(body === undefined ? {} : { body }), headers });
      expect(res.status, `${method} ${path} ${body ?? ''}`).to.equal(code);
      if (code !== 404) expect(res.json<Json>()['kind'], `${method} ${path}`).to.equal('Status');
    }
    // A malformed escape is refused by Go's HTTP server itself: a plain-text 400, no Status.
    const malformed = await rawRequest(env.server, '/api/v1/namespaces/%ZZ/configmaps');
    expect([malformed.status, malformed.text]).to.deep.equal([400, '400 Bad Request']);
    expect((await rawRequest(env.server, '/api/v1/namespaces/default')).status).to.equal(200);
  });

  it('should survive deeply nested bodies', async () => {
    const deep = `${'{"a":'.repeat(20000)}1${'}'.repeat(20000)}`;
    const res = await rawRequest(env.server, CM, { method: 'POST', body: `{"metadata":{"name":"deep"},"data":${deep}}` });
    expect([400, 500]).to.include(res.status);
    expect((await rawRequest(env.server, '/version')).status).to.equal(200);
  });

  it('should survive a client that hangs up mid-request and a failed TLS handshake', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port: env.server.port, ca: env.server.caPem, servername: 'localhost' }, () => {
        socket.write(`POST ${CM} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${env.server.token}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"meta`);
        socket.destroy();
        resolve();
      });
    });
    await new Promise<void>((resolve) => {
      const socket = netConnect({ host: '127.0.0.1', port: env.server.port }, () => socket.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
      socket.on('error', () => resolve());
      socket.on('close', () => resolve());
    });
    expect((await rawRequest(env.server, '/version')).status).to.equal(200);
  });

  it('should answer HEAD like GET without a body', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces/default', { method: 'HEAD' });
    expect(res.status).to.equal(200);
    expect(res.text).to.equal('');
  });
});
