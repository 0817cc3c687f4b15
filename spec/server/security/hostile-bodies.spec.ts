// Security: request bodies nested, aliased or malformed to crash or stall the server answer a 400 as kube-apiserver words it.
// The expected messages were read from a real kube-apiserver 1.32.13 given the same bodies (its own depth limit is 10000;
// this server's is MAX_NESTING_DEPTH, see lib/server/input/nesting-limit.ts).
import { expect } from 'chai';
import { MAX_NESTING_DEPTH } from '../../../lib/server/input/nesting-limit.js';
import { rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';
import { installCrdOn } from '../../helpers/install-crd.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

type Json = Record<string, unknown>;

const nestedArrays = (depth: number): string => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedObjects = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
/** A YAML block mapping nested `depth` deep under `x:` (one more space per level). */
const nestedBlock = (depth: number): string =>
  `x:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}a:`).join('\n')}\n${' '.repeat(depth + 1)}b: 1\n`;

const CONFIGMAPS = '/api/v1/namespaces/default/configmaps';
const WIDGETS = '/apis/example.com/v2/namespaces/default/widgets';
const FIND_KIND = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

describe('security: hostile request bodies', function () {
  this.timeout(60_000);
  const env = useApiServer();

  const send = async (method: string, path: string, body: string | undefined, contentType = 'application/json'): Promise<RawResponse> => {
    const res = await rawRequest(env.server, path, { method, ...(body === undefined ? {} : { body }), headers: { 'content-type': contentType } });
    expect(res.status, `${method} ${path} ${contentType}: ${res.text.slice(0, 300)}`).to.be.below(500);
    return res;
  };
  const message = (res: RawResponse): string => String(res.json<Json>()['message']);
  const alive = async (): Promise<void> => {
    expect((await rawRequest(env.server, `${CONFIGMAPS}/base`)).status).to.equal(200);
  };

  before(async () => {
    expect((await rawRequest(env.server, CONFIGMAPS, { method: 'POST', body: { metadata: { name: 'base' }, data: { a: 'b' } } })).status).to.equal(201);
    expect((await rawRequest(env.server, '/apis/apps/v1/namespaces/default/deployments', { method: 'POST', body: deployment })).status).to.equal(201);
    expect((await rawRequest(env.server, '/api/v1/namespaces/default/pods', { method: 'POST', body: pod })).status).to.equal(201);
    expect((await rawRequest(env.server, '/api/v1/namespaces/default/serviceaccounts', { method: 'POST', body: { metadata: { name: 'robot' } } })).status).to.equal(201);
    await installCrdOn(env.server, widgetCrd());
    expect((await rawRequest(env.server, WIDGETS, { method: 'POST', body: { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'base' }, spec: {} } })).status).to.equal(201);
  });

  const deployment = {
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  const pod = { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };

  describe('nesting', () => {
    // Every entry point that decodes request data, with the wording kube-apiserver gives its own decoder's error.
    const deepJson = `{"metadata":{"name":"base"},"x":${nestedArrays(2000)}}`;
    const objectError = (kind: string, body: string): string =>
      `the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: invalid character '[' exceeded max depth (${body.slice(0, 30)} ...)`;
    const jsonEntries: { name: string; method: string; path: string; contentType: string; body: string; message: string }[] = [
      { name: 'create', method: 'POST', path: CONFIGMAPS, contentType: 'application/json', body: deepJson, message: objectError('ConfigMap', deepJson) },
      { name: 'update', method: 'PUT', path: `${CONFIGMAPS}/base`, contentType: 'application/json', body: deepJson, message: objectError('ConfigMap', deepJson) },
      { name: 'status update', method: 'PUT', path: '/api/v1/namespaces/default/pods/p/status', contentType: 'application/json', body: deepJson, message: objectError('Pod', deepJson) },
      { name: 'scale update', method: 'PUT', path: '/apis/apps/v1/namespaces/default/deployments/web/scale', contentType: 'application/json', body: deepJson, message: objectError('Scale', deepJson) },
      { name: 'eviction', method: 'POST', path: '/api/v1/namespaces/default/pods/p/eviction', contentType: 'application/json', body: deepJson, message: objectError('Eviction', deepJson) },
      { name: 'binding', method: 'POST', path: '/api/v1/namespaces/default/pods/p/binding', contentType: 'application/json', body: deepJson, message: objectError('Binding', deepJson) },
      { name: 'token request', method: 'POST', path: '/api/v1/namespaces/default/serviceaccounts/robot/token', contentType: 'application/json', body: deepJson, message: objectError('TokenRequest', deepJson) },
      { name: 'namespace finalize', method: 'PUT', path: '/api/v1/namespaces/default/finalize', contentType: 'application/json', body: deepJson, message: objectError('Namespace', deepJson) },
      { name: 'custom resource create', method: 'POST', path: WIDGETS, contentType: 'application/json', body: deepJson, message: objectError('Widget', deepJson) },
      { name: 'merge patch', method: 'PATCH', path: `${CONFIGMAPS}/base`, contentType: 'application/merge-patch+json', body: deepJson, message: "error decoding patch: invalid character '[' exceeded max depth" },
      { name: 'strategic merge patch', method: 'PATCH', path: `${CONFIGMAPS}/base`, contentType: 'application/strategic-merge-patch+json', body: deepJson, message: "invalid character '[' exceeded max depth" },
      { name: 'JSON patch', method: 'PATCH', path: `${CONFIGMAPS}/base`, contentType: 'application/json-patch+json', body: `[{"op":"add","path":"/data/x","value":${nestedArrays(2000)}}]`, message: "error decoding patch: invalid character '[' exceeded max depth" },
      { name: 'status merge patch', method: 'PATCH', path: "/apis/example.com/v1/namespaces/default/widgets/base/status", contentType: 'application/merge-patch+json', body: deepJson, message: "error decoding patch: invalid character '[' exceeded max depth" },
      { name: 'apply (JSON)', method: 'PATCH', path: `${CONFIGMAPS}/base?fieldManager=m`, contentType: 'application/apply-patch+yaml', body: `{"apiVersion":"v1","kind":"ConfigMap","x":${nestedArrays(2000)}}`, message: `error decoding YAML: error converting YAML to JSON: yaml: exceeded max depth of ${MAX_NESTING_DEPTH}` },
      { name: 'delete', method: 'DELETE', path: `${CONFIGMAPS}/base`, contentType: 'application/json', body: deepJson, message: "couldn't get version/kind; json parse error: invalid character '[' exceeded max depth" },
      { name: 'deletecollection', method: 'DELETE', path: CONFIGMAPS, contentType: 'application/json', body: deepJson, message: "couldn't get version/kind; json parse error: invalid character '[' exceeded max depth" },
    ];
    for (const entry of jsonEntries) {
      it(`should answer 400 to JSON nested 2000 deep in a ${entry.name} body`, async () => {
        const res = await send(entry.method, entry.path, entry.body, entry.contentType);
        expect(res.status).to.equal(400);
        expect(res.json<Json>()['reason']).to.equal('BadRequest');
        expect(message(res)).to.equal(entry.message);
        await alive();
      });
    }

    it('should answer 400 to YAML nested 1000 deep (flow, compact and block), which once aborted the process', async () => {
      const flow = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\nx: ${nestedArrays(1000)}\n`;
      const compact = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\nx:\n${'- '.repeat(1000)}1\n`;
      const block = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\n${nestedBlock(1000)}`;
      const hex = (body: string): string => `${Buffer.from(body.slice(0, 30)).toString('hex')} ...`;
      for (let round = 0; round < 2; round++) {
        for (const [body, line] of [[flow, 5], [compact, 6], [block, 5 + MAX_NESTING_DEPTH]] as const) {
          const create = await send('POST', CONFIGMAPS, body, 'application/yaml');
          expect(create.status).to.equal(400);
          expect(message(create)).to.equal(`the object provided is unrecognized (must be of type ConfigMap): yaml: line ${line}: exceeded max depth of ${MAX_NESTING_DEPTH} (${hex(body)})`);
          const apply = await send('PATCH', `${CONFIGMAPS}/base?fieldManager=m`, body, 'application/apply-patch+yaml');
          expect(apply.status).to.equal(400);
          expect(message(apply)).to.equal(`error decoding YAML: error converting YAML to JSON: yaml: line ${line}: exceeded max depth of ${MAX_NESTING_DEPTH}`);
          const update = await send('PUT', `${CONFIGMAPS}/base`, body, 'application/yaml');
          expect(update.status).to.equal(400);
          const remove = await send('DELETE', `${CONFIGMAPS}/base`, body, 'application/yaml');
          expect(remove.status).to.equal(400);
        }
      }
      await alive();
    });

    it('should refuse a 3 MiB body of nothing but brackets (the byte scan stops it before any parser)', async () => {
      const body = `{"x":${'['.repeat(3 * 1024 * 1024 - 10)}`;
      expect(message(await send('POST', CONFIGMAPS, body))).to.match(/json parse error: invalid character '\[' exceeded max depth/);
      expect(message(await send('POST', CONFIGMAPS, body, 'application/yaml'))).to.match(/: yaml: exceeded max depth of \d+ \(/);
      await alive();
    });

    it(`should serve an object nested ${MAX_NESTING_DEPTH} deep through every verb and encoding`, async () => {
      // The whole body is MAX_NESTING_DEPTH deep: the object and spec take 2 levels.
      const deep = nestedObjects(MAX_NESTING_DEPTH - 2);
      const body = `{"apiVersion":"example.com/v2","kind":"Widget","metadata":{"name":"deep"},"spec":{"color":"red","x":${deep}}}`;
      expect((await send('POST', WIDGETS, body)).status).to.equal(201);
      expect((await send('POST', WIDGETS, body.replace('"deep"', '"deeper"').replace(deep, `{"a":${deep}}`))).status).to.equal(400);
      expect((await send('GET', `${WIDGETS}/deep`, undefined)).status).to.equal(200);
      expect((await send('GET', WIDGETS, undefined)).json<{ items: unknown[] }>().items).to.have.length(2);
      expect((await rawRequest(env.server, `${WIDGETS}/deep`, { headers: { accept: 'application/yaml' } })).status).to.equal(200);
      expect((await rawRequest(env.server, WIDGETS, { headers: { accept: 'application/yaml' } })).status).to.equal(200);
      expect((await rawRequest(env.server, WIDGETS, { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } })).status).to.equal(200);
      expect((await send('GET', '/apis/example.com/v1/namespaces/default/widgets/deep', undefined)).status).to.equal(200);
      expect((await send('PATCH', `${WIDGETS}/deep`, `{"spec":{"y":${nestedObjects(MAX_NESTING_DEPTH - 2)}}}`, 'application/merge-patch+json')).status).to.equal(200);
      expect((await send('PATCH', `${WIDGETS}/deep`, `[{"op":"add","path":"/spec/z","value":${nestedObjects(MAX_NESTING_DEPTH - 2)}}]`, 'application/json-patch+json')).status).to.equal(200);
      const applied = body.replace('"deep"', '"applied"');
      expect((await send('PATCH', `${WIDGETS}/applied?fieldManager=a`, applied, 'application/apply-patch+yaml')).status).to.equal(201);
      expect((await send('PATCH', `${WIDGETS}/applied?fieldManager=b&force=true`, applied.replace('"red"', '"blue"'), 'application/apply-patch+yaml')).status).to.equal(200);
      const yaml = `apiVersion: example.com/v2\nkind: Widget\nmetadata:\n  name: yaml\nspec:\n  x: ${nestedArrays(MAX_NESTING_DEPTH - 2)}\n`;
      expect((await send('POST', WIDGETS, yaml, 'application/yaml')).status).to.equal(201);
      expect((await send('DELETE', `${WIDGETS}/deep`, undefined)).status).to.equal(200);
      await alive();
    });
  });

  describe('YAML aliases', () => {
    it('should refuse an alias bomb as go-yaml does, in a create and an apply', async () => {
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: lol', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      let previous = 'a';
      for (const name of 'bcdefghi') {
        lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
        previous = name;
      }
      const bomb = `${lines.join('\n')}\n`;
      const create = await send('POST', CONFIGMAPS, bomb, 'application/yaml');
      expect(create.status).to.equal(400);
      expect(message(create)).to.equal(
        'the object provided is unrecognized (must be of type ConfigMap): yaml: document contains excessive aliasing (61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...)',
      );
      const apply = await send('PATCH', `${CONFIGMAPS}/lol?fieldManager=m`, bomb, 'application/apply-patch+yaml');
      expect(message(apply)).to.equal('error decoding YAML: error converting YAML to JSON: yaml: document contains excessive aliasing');
    });

    it('should refuse an anchor that contains its own alias, and an unknown anchor', async () => {
      const self = await send('POST', CONFIGMAPS, 'metadata:\n  name: self\ndata: &d\n  a: *d\n', 'application/yaml');
      expect(message(self)).to.match(/^the object provided is unrecognized \(must be of type ConfigMap\): yaml: anchor 'd' value contains itself \(/);
      const unknown = await send('POST', CONFIGMAPS, 'metadata:\n  name: unknown\n  labels: *nope\n', 'application/yaml');
      expect(message(unknown)).to.match(/^the object provided is unrecognized \(must be of type ConfigMap\): yaml: unknown anchor 'nope' referenced \(/);
    });

    it('should expand ordinary aliases and merge keys, as a copy per use', async () => {
      const body = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aliased\n  labels: &l\n    a: b\n  annotations:\n    <<: *l\n    c: d\ndata: *l\n';
      const res = await send('POST', CONFIGMAPS, body, 'application/yaml');
      expect(res.status).to.equal(201);
      const object = res.json<{ metadata: { labels: Json; annotations: Json }; data: Json }>();
      expect(object.metadata.labels).to.deep.equal({ a: 'b' });
      expect(object.metadata.annotations).to.deep.equal({ a: 'b', c: 'd' });
      expect(object.data).to.deep.equal({ a: 'b' });
    });
  });

  describe('malformed bodies', () => {
    // [body, Go's decoder error] as kube-apiserver 1.32 answers them.
    const syntax: [string, string][] = [
      ['', 'unexpected end of JSON input'],
      ['{', 'unexpected end of JSON input'],
      ['{"a":}', "invalid character '}' looking for beginning of value"],
      ['{"a" 1}', "invalid character '1' after object key"],
      ['{"a":1,}', "invalid character '}' looking for beginning of object key string"],
      ['tru', "invalid character ' ' in literal true (expecting 'e')"],
      ['{"a":"\u0001"}', "invalid character '\\x01' in string literal"],
      ['{"a":"\\q"}', "invalid character 'q' in string escape code"],
      ['{"metadata":{"name":"z"}}x', "invalid character 'x' after top-level value"],
      ['{"a":01}', "invalid character '1' after object key:value pair"],
      ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
      ['{"a":"\\u12g4"}', "invalid character 'g' in \\u hexadecimal character escape"],
      ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
      ['{"a":nul}', "invalid character '}' in literal null (expecting 'l')"],
    ];
    const summary = (body: string): string => {
      if (body === '') return '<empty>';
      const head = body.length > 30 ? body.slice(0, 30) : body;
      const text = body.startsWith('{') ? head : Buffer.from(head).toString('hex');
      return body.length > 30 ? `${text} ...` : text;
    };

    it("should answer each entry point's syntax errors in Go's words", async () => {
      for (const [body, error] of syntax) {
        const create = await send('POST', CONFIGMAPS, body);
        expect(message(create), body).to.equal(`the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: ${error} (${summary(body)})`);
        expect(message(await send('PATCH', `${CONFIGMAPS}/base`, body, 'application/merge-patch+json')), body).to.equal(`error decoding patch: ${error}`);
        expect(message(await send('PATCH', `${CONFIGMAPS}/base`, body, 'application/strategic-merge-patch+json')), body).to.equal(error);
        expect(message(await send('PATCH', `${CONFIGMAPS}/base`, body, 'application/json-patch+json')), body).to.equal(`error decoding patch: ${error}`);
        if (body !== '') expect(message(await send('DELETE', `${CONFIGMAPS}/base`, body)), body).to.equal(`couldn't get version/kind; json parse error: ${error}`);
      }
      await alive();
    });

    it('should name the Go type a body of the wrong JSON kind could not be read into', async () => {
      expect(message(await send('POST', CONFIGMAPS, '[]'))).to.equal(`the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type ${FIND_KIND} (5b5d)`);
      expect(message(await send('POST', CONFIGMAPS, '- a', 'application/yaml'))).to.equal(`the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: json: cannot unmarshal array into Go value of type ${FIND_KIND} (2d2061)`);
      expect(message(await send('PATCH', `${CONFIGMAPS}/base`, '"x"', 'application/merge-patch+json'))).to.equal('error decoding patch: json: cannot unmarshal string into Go value of type map[string]interface {}');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base`, '1', 'application/strategic-merge-patch+json'))).to.equal('json: cannot unmarshal number into Go value of type map[string]interface {}');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base`, '{"a":1}', 'application/json-patch+json'))).to.equal('error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base`, '[1]', 'application/json-patch+json'))).to.equal('error decoding patch: json: cannot unmarshal number into Go value of type handlers.jsonPatchOp');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base`, '[{"op":1}]', 'application/json-patch+json'))).to.equal('error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base`, 'null', 'application/merge-patch+json'))).to.equal('Invalid JSON Patch');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base?fieldManager=m`, '[]', 'application/apply-patch+yaml'))).to.equal('error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base?fieldManager=m`, '', 'application/apply-patch+yaml'))).to.equal('invalid object type: /, Kind=');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base?fieldManager=m`, '{"apiVersion":"v2","kind":"ConfigMap"}', 'application/apply-patch+yaml'))).to.equal('invalid object type: /v2, Kind=ConfigMap');
      expect(message(await send('PATCH', `${CONFIGMAPS}/base?fieldManager=m`, 'a: .inf', 'application/apply-patch+yaml'))).to.equal('error decoding YAML: error converting YAML to JSON: json: unsupported value: +Inf');
      expect(message(await send('DELETE', `${CONFIGMAPS}/base`, '{"gracePeriodSeconds":1.5}'))).to.equal('json: cannot unmarshal number 1.5 into Go struct field DeleteOptions.gracePeriodSeconds of type int64');
      expect(message(await send('DELETE', `${CONFIGMAPS}/base`, '{"preconditions":{"uid":1}}'))).to.equal('json: cannot unmarshal number into Go struct field Preconditions.preconditions.uid of type types.UID');
      expect(message(await send('POST', WIDGETS, '{"apiVersion":"example.com/v2"}'))).to.equal(`the object provided is unrecognized (must be of type Widget): Object 'Kind' is missing in '{"apiVersion":"example.com/v2"}' ({"apiVersion":"example.com/v2" ...)`);
      expect(message(await send('POST', WIDGETS, '{"kind":"Widget"}'))).to.equal('the API version in the data () does not match the expected API version (example.com/v2)');
      await alive();
    });

    it('should read YAML as go-yaml v2 does: YAML 1.1 booleans and octals, no timestamps, the first document', async () => {
      const bool = await send('POST', `${CONFIGMAPS}?dryRun=All`, 'metadata:\n  name: yy\n  annotations:\n    a: yes\n', 'application/yaml');
      expect(message(bool)).to.equal('ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.annotations of type string');
      const strings = await send('POST', `${CONFIGMAPS}?dryRun=All`, 'metadata:\n  name: s\n  annotations:\n    a: 2001-12-14\n    b: "1:30"\n    c: ~\n---\nmetadata:\n  name: second\n', 'application/yaml');
      expect(strings.status, strings.text).to.equal(201);
      expect(strings.json<{ metadata: { name: string; annotations: Json } }>().metadata).to.deep.include({ name: 's', annotations: { a: '2001-12-14', b: '1:30', c: '' } });
    });
  });
});
