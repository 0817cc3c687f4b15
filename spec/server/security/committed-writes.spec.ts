// Security: no answer reports failure for a write that happened, and nulls in lists are 422s with causes, not 500s.
// Expected messages and headers were read from a real kube-apiserver 1.32.13 given the same bodies.
import { expect } from 'chai';
import { rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';
import { installCrdOn } from '../../helpers/install-crd.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, unknown>;

const CM = '/api/v1/namespaces/default/configmaps';
const PODS = '/api/v1/namespaces/default/pods';
const WIDGETS = '/apis/example.com/v2/namespaces/default/widgets';
const FINALIZER_REGEX =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** The Warning headers as a client reading their bytes as UTF-8 (client-go, kubectl) sees them. */
function warnings(res: RawResponse): string[] {
  const raw = res.headers['warning'];
  if (raw === undefined) return [];
  return String(raw)
    .split(/, (?=299 - )/)
    .map((w) => Buffer.from(w, 'latin1').toString('utf8'));
}

describe('security: committed writes and nulls', function () {
  this.timeout(60_000);
  const env = useApiServer();

  const send = async (method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<RawResponse> => {
    const res = await rawRequest(env.server, path, { method, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }), headers: { 'content-type': contentType } });
    expect(res.status, `${method} ${path}: ${res.text.slice(0, 300)}`).to.be.below(500);
    return res;
  };
  const status = (res: RawResponse): [number, string] => [res.status, String(res.json<Json>()['message'])];

  before(async () => {
    await installCrdOn(env.server, widgetCrd());
  });

  describe('warnings', () => {
    it('should answer 201 with a UTF-8 Warning for an unknown field outside Latin-1, and store the object', async () => {
      const body = JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cyrillic"},"data":{"a":"b"},"ключ":1,"😀":2}') as Json;
      const res = await send('POST', CM, body);
      expect(res.status).to.equal(201);
      expect(warnings(res)).to.deep.equal(['299 - "unknown field \\"ключ\\""', '299 - "unknown field \\"😀\\""']);
      expect((await send('GET', `${CM}/cyrillic`)).json<{ data: Json }>().data).to.deep.equal({ a: 'b' });
      const updated = await send('PUT', `${CM}/cyrillic`, { ...body, data: { a: 'c' } });
      expect([updated.status, warnings(updated).length]).to.deep.equal([200, 2]);
      const patched = await send('PATCH', `${CM}/cyrillic`, '{"数据":1}', 'application/merge-patch+json');
      expect([patched.status, warnings(patched)]).to.deep.equal([200, ['299 - "unknown field \\"数据\\""']]);
    });

    it('should quote typed fields as Go does and drop warnings Go cannot write', async () => {
      const body = JSON.parse('{"metadata":{"name":"quoted"},"a\\"b":1,"a\\\\b":2,"tab\\there":3,"a\\u0001b":4}') as Json;
      const res = await send('POST', `${CM}?dryRun=All`, body);
      expect(warnings(res)).to.deep.equal(['299 - "unknown field \\"a\\\\\\"b\\""', '299 - "unknown field \\"a\\\\\\\\b\\""', '299 - "unknown field \\"tab\\\\there\\""', '299 - "unknown field \\"a\\\\x01b\\""']);
      // Custom resources prune without Go quoting, so a control character makes the warning unwritable.
      const widget = JSON.parse('{"apiVersion":"example.com/v2","kind":"Widget","metadata":{"name":"w","a\\"b":1,"a\\u0001b":2,"ключ":3}}') as Json;
      expect(warnings(await send('POST', `${WIDGETS}?dryRun=All`, widget))).to.deep.equal(['299 - "unknown field \\"metadata.a\\"b\\""', '299 - "unknown field \\"metadata.ключ\\""']);
    });

    it('should cut many warnings as kube-apiserver does, still storing the object', async () => {
      const body: Json = { metadata: { name: 'many' } };
      for (let i = 0; i < 60; i++) body[`f${String(i).padStart(3, '0')}${'x'.repeat(100)}`] = 1;
      const res = await send('POST', CM, body);
      expect(res.status).to.equal(201);
      expect(warnings(res)).to.have.length(35);
    });
  });

  describe('nulls in lists', () => {
    it('should answer "finalizers":[null] with 422 and its causes (built-in and custom)', async () => {
      const res = await send('POST', CM, { metadata: { name: 'n', finalizers: [null] } });
      expect(res.status).to.equal(422);
      expect(res.json<{ details: { causes: { field: string; message: string }[] } }>().details.causes).to.deep.equal([
        { reason: 'FieldValueInvalid', message: 'Invalid value: "": name part must be non-empty', field: 'metadata.finalizers' },
        { reason: 'FieldValueInvalid', message: `Invalid value: "": ${FINALIZER_REGEX}`, field: 'metadata.finalizers' },
        { reason: 'FieldValueInvalid', message: 'Invalid value: "": name is neither a standard finalizer name nor is it fully qualified', field: 'metadata.finalizers[0]' },
      ]);
      const widget = await send('POST', WIDGETS, { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'n', finalizers: [null] } });
      expect(status(widget)).to.deep.equal([
        422,
        `Widget.example.com "n" is invalid: [metadata.finalizers: Invalid value: "": name part must be non-empty, metadata.finalizers: Invalid value: "": ${FINALIZER_REGEX}]`,
      ]);
      await send('POST', CM, { metadata: { name: 'base' } });
      expect((await send('PATCH', `${CM}/base`, { metadata: { finalizers: [null] } }, 'application/merge-patch+json')).status).to.equal(422);
      expect((await send('GET', `${CM}/base`)).json<{ metadata: Json }>().metadata['finalizers']).to.equal(undefined);
    });

    it('should answer other null list items as kube-apiserver validates their zero value', async () => {
      expect(status(await send('POST', `${CM}?dryRun=All`, { metadata: { name: 'n', ownerReferences: [null] } }))).to.deep.equal([
        422,
        'ConfigMap "n" is invalid: [metadata.ownerReferences.apiVersion: Invalid value: "": version must not be empty, metadata.ownerReferences.kind: Invalid value: "": kind must not be empty, metadata.ownerReferences.name: Invalid value: "": name must not be empty, metadata.ownerReferences.uid: Invalid value: "": uid must not be empty]',
      ]);
      const pod = (spec: Json): Json => ({ metadata: { name: 'q' }, spec });
      const container = { name: 'c', image: 'i' };
      const cases: [Json, string][] = [
        [{ containers: [null] }, 'Pod "q" is invalid: [spec.containers[0].name: Required value, spec.containers[0].image: Required value]'],
        [{ containers: [{ ...container, env: [null] }] }, 'Pod "q" is invalid: spec.containers[0].env[0].name: Required value'],
        [{ containers: [{ ...container, ports: [null] }] }, 'Pod "q" is invalid: spec.containers[0].ports[0].containerPort: Required value'],
        [{ containers: [container], volumes: [null] }, 'Pod "q" is invalid: spec.volumes[0].name: Required value'],
        [
          { containers: [{ ...container, volumeMounts: [null] }] },
          'Pod "q" is invalid: [spec.containers[0].volumeMounts[0].name: Required value, spec.containers[0].volumeMounts[0].name: Not found: "", spec.containers[0].volumeMounts[0].mountPath: Required value]',
        ],
        [{ containers: [container], tolerations: [null] }, 'Pod "q" is invalid: spec.tolerations[0].operator: Invalid value: "": operator must be Exists when `key` is empty, which means "match all values and all keys"'],
        [
          { containers: [{ ...container, env: [{ name: 'a', valueFrom: {} }] }] },
          'Pod "q" is invalid: spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
        ],
      ];
      for (const [spec, message] of cases) expect(status(await send('POST', `${PODS}?dryRun=All`, pod(spec))), JSON.stringify(spec)).to.deep.equal([422, message]);
    });

    it('should refuse metadata of the wrong JSON type in custom resources too (once a 500)', async () => {
      const widget = (metadata: Json): Json => ({ apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'm', ...metadata } });
      expect(status(await send('POST', WIDGETS, widget({ finalizers: 'x' })))).to.deep.equal([400, 'Widget in version "v2" cannot be handled as a Widget: json: cannot unmarshal string into Go struct field ObjectMeta.finalizers of type []string']);
      expect(status(await send('POST', WIDGETS, widget({ labels: [] })))).to.deep.equal([400, 'Widget in version "v2" cannot be handled as a Widget: json: cannot unmarshal array into Go struct field ObjectMeta.labels of type map[string]string']);
      expect(status(await send('POST', WIDGETS, widget({ creationTimestamp: 'garbage' })))).to.deep.equal([
        400,
        'Widget in version "v2" cannot be handled as a Widget: parsing time "garbage" as "2006-01-02T15:04:05Z07:00": cannot parse "garbage" as "2006"',
      ]);
      await send('POST', WIDGETS, widget({}));
      const patched = await send('PATCH', `${WIDGETS}/m`, { metadata: { finalizers: 'x' } }, 'application/merge-patch+json');
      expect(patched.status).to.equal(422);
      expect(String(patched.json<Json>()['message'])).to.match(/^ "" is invalid: patch: Invalid value: ".*": json: cannot unmarshal string into Go struct field ObjectMeta.finalizers of type \[\]string$/);
    });

    it('should refuse a patch that removes the name instead of restoring it', async () => {
      expect(status(await send('PATCH', `${CM}/base`, { metadata: null }, 'application/merge-patch+json'))).to.deep.equal([400, 'the name of the object (base based on URL) was undeterminable: name must be provided']);
      expect(status(await send('PATCH', `${CM}/base`, { metadata: { name: null } }, 'application/strategic-merge-patch+json'))).to.deep.equal([
        400,
        'the name of the object (base based on URL) was undeterminable: name must be provided',
      ]);
    });
  });
});
