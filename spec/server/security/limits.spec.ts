// Security: size and name limits, and malformed query parameters, answer as kube-apiserver 1.32.13 answered them.
import { expect } from 'chai';
import { openStream, rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';
import { installCrdOn } from '../../helpers/install-crd.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, unknown>;

const CM = '/api/v1/namespaces/default/configmaps';
const WIDGETS = '/apis/example.com/v2/namespaces/default/widgets';
const SUBDOMAIN_TOO_LONG = 'must be no more than 253 characters';

describe('security: limits', function () {
  this.timeout(60_000);
  const env = useApiServer();

  const send = async (method: string, path: string, body?: unknown): Promise<RawResponse> => {
    const res = await rawRequest(env.server, path, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
    expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).to.be.below(500);
    return res;
  };
  const status = (res: RawResponse): [number, string] => [res.status, String(res.json<Json>()['message'])];

  before(async () => {
    await installCrdOn(env.server, widgetCrd());
    await send('POST', CM, { metadata: { name: 'base' } });
  });

  describe('names', () => {
    it('should refuse names and generateNames over their limits', async () => {
      const long = 'a'.repeat(254);
      expect(status(await send('POST', CM, { metadata: { name: long } }))).to.deep.equal([422, `ConfigMap "${long}" is invalid: metadata.name: Invalid value: "${long}": ${SUBDOMAIN_TOO_LONG}`]);
      expect((await send('POST', `${CM}?dryRun=All`, { metadata: { name: 'a'.repeat(253) } })).status).to.equal(201);
      const prefix = `${'a'.repeat(300)}-`;
      const generated = await send('POST', CM, { metadata: { generateName: prefix } });
      expect(generated.status).to.equal(422);
      const [cause] = generated.json<{ details: { name: string; causes: { field: string; message: string }[] } }>().details.causes;
      expect(cause).to.deep.equal({ reason: 'FieldValueInvalid', field: 'metadata.generateName', message: `Invalid value: "${prefix}": ${SUBDOMAIN_TOO_LONG}` });
      // The generated name itself is cut to fit: 58 characters of the prefix and 5 random ones.
      expect(generated.json<{ details: { name: string } }>().details.name).to.match(/^a{58}[a-z0-9]{5}$/);
      const namespace = await send('POST', '/api/v1/namespaces', { metadata: { generateName: 'n'.repeat(70) } });
      expect(String(namespace.json<Json>()['message'])).to.match(/is invalid: metadata\.generateName: Invalid value: "n{70}": must be no more than 63 characters$/);
      const lone = await send('POST', CM, { metadata: { generateName: '-' } });
      expect(lone.json<{ details: { causes: { field: string }[] } }>().details.causes.map((c) => c.field)).to.deep.equal(['metadata.generateName', 'metadata.name']);
    });
  });

  describe('sizes', () => {
    it('should refuse ConfigMaps and Secrets over 1 MiB of keys and values', async () => {
      const over = await send('POST', CM, { metadata: { name: 'big' }, data: { a: 'x'.repeat(1024 * 1024) } });
      expect(status(over)).to.deep.equal([422, 'ConfigMap "big" is invalid: []: Too long: may not be more than 1048576 bytes']);
      expect((await send('POST', CM, { metadata: { name: 'fits' }, data: { a: 'x'.repeat(1024 * 1024 - 1) } })).status).to.equal(201);
      const binary = await send('POST', CM, { metadata: { name: 'bin' }, binaryData: { a: Buffer.alloc(1024 * 1024).toString('base64') } });
      expect(status(binary)).to.deep.equal([422, 'ConfigMap "bin" is invalid: []: Too long: may not be more than 1048576 bytes']);
      const secret = await send('POST', '/api/v1/namespaces/default/secrets', { metadata: { name: 'big' }, stringData: { a: 'x'.repeat(1024 * 1024) } });
      expect(status(secret)).to.deep.equal([422, 'Secret "big" is invalid: data: Too long: may not be more than 1048576 bytes']);
      const annotations = await send('POST', CM, { metadata: { name: 'ann', annotations: { a: 'x'.repeat(256 * 1024) } } });
      expect(status(annotations)).to.deep.equal([422, 'ConfigMap "ann" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes']);
    });

    it("should refuse an object over etcd's 1.5 MiB request limit, and store nothing", async () => {
      const huge = { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'huge' }, spec: { x: 'y'.repeat(1.5 * 1024 * 1024) } };
      const res = await send('POST', WIDGETS, huge);
      // kube-apiserver answers 500 with etcd's message; the request is at fault, so 413 here (README: Security).
      expect([res.status, res.json<Json>()['reason'], res.json<Json>()['message']]).to.deep.equal([413, 'RequestEntityTooLarge', 'etcdserver: request is too large']);
      expect((await send('GET', `${WIDGETS}/huge`)).status).to.equal(404);
      expect((await send('POST', `${WIDGETS}?dryRun=All`, huge)).status).to.equal(201);
      await send('POST', WIDGETS, { ...huge, spec: { x: 'small' } });
      const merged = await rawRequest(env.server, `${WIDGETS}/huge`, { method: 'PATCH', body: { spec: { x: 'y'.repeat(1.5 * 1024 * 1024) } }, headers: { 'content-type': 'application/merge-patch+json' } });
      expect(merged.status).to.equal(413);
      expect((await send('GET', `${WIDGETS}/huge`)).json<{ spec: Json }>().spec['x']).to.equal('small');
    });

    it('should refuse a body over 3 MiB before reading it all', async () => {
      expect(status(await send('POST', CM, 'x'.repeat(3 * 1024 * 1024 + 1)))).to.deep.equal([413, 'Request entity too large: limit is 3145728']);
    });
  });

  describe('query parameters', () => {
    it('should answer malformed numbers with Go strconv messages', async () => {
      expect(status(await send('GET', `${CM}?limit=abc`))).to.deep.equal([400, 'strconv.ParseInt: parsing "abc": invalid syntax']);
      expect(status(await send('GET', `${CM}?limit=1.5`))).to.deep.equal([400, 'strconv.ParseInt: parsing "1.5": invalid syntax']);
      expect(status(await send('GET', `${CM}?limit=99999999999999999999`))).to.deep.equal([400, 'strconv.ParseInt: parsing "99999999999999999999": value out of range']);
      expect(status(await send('GET', `${CM}?watch=1&timeoutSeconds=abc`))).to.deep.equal([400, 'strconv.ParseInt: parsing "abc": invalid syntax']);
      expect(status(await send('DELETE', `${CM}/nothing?gracePeriodSeconds=x`))).to.deep.equal([400, 'strconv.ParseInt: parsing "x": invalid syntax']);
    });

    it('should answer malformed resourceVersions and continue tokens with kube-apiserver\'s messages', async () => {
      const parse = 'resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax';
      expect(status(await send('GET', `${CM}?resourceVersion=abc`))).to.deep.equal([400, parse]);
      expect(status(await send('GET', `${CM}/base?resourceVersion=abc`))).to.deep.equal([400, parse]);
      expect(status(await send('GET', `${CM}?resourceVersion=abc&resourceVersionMatch=Exact`))).to.deep.equal([400, `invalid resource version: ${parse}`]);
      expect(status(await send('GET', `${CM}?continue=garbage`))).to.deep.equal([400, "invalid continue token: continue key is not valid: invalid character '\\u0081' looking for beginning of value"]);
      expect(status(await send('GET', `${CM}?resourceVersion=1&continue=abc`))).to.deep.equal([400, "invalid continue token: continue key is not valid: invalid character 'i' looking for beginning of value"]);
    });

    it('should answer write options as kube-apiserver validates them', async () => {
      expect(status(await send('POST', `${CM}?fieldValidation=strict`, { metadata: { name: 'q' } }))).to.deep.equal([
        422,
        'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
      ]);
      expect(status(await send('POST', `${CM}?fieldManager=${'m'.repeat(129)}`, { metadata: { name: 'q' } }))).to.deep.equal([
        422,
        'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes',
      ]);
      expect(status(await send('POST', `${CM}?fieldManager=a%01b`, { metadata: { name: 'q' } }))).to.deep.equal([
        422,
        'CreateOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\x01b": invalid character U+0001 (at position 1)',
      ]);
    });

    it('should watch on watch=maybe, as kube-apiserver does (any value but 0 or false is true)', async () => {
      const stream = await openStream(env.server, `${CM}?watch=maybe&timeoutSeconds=1`);
      expect(stream.status).to.equal(200);
      expect((await stream.next()).type).to.equal('ADDED');
      stream.close();
    });
  });
});
