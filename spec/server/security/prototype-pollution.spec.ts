// Security: no request may reach a prototype. `__proto__`, `constructor` and `prototype` are
// ordinary keys to kube-apiserver (Go maps and structs have no prototypes): they are stored as data
// where the type allows free keys, dropped as unknown fields where it does not, and never followed.
import { expect } from 'chai';
import { rawRequest, useApiServer, type RawResponse } from '../../helpers/api-server.js';
import { installCrdOn } from '../../helpers/install-crd.js';
import { widgetCrd } from '../../helpers/widget-crd.js';

const DANGEROUS = ['__proto__', 'constructor', 'prototype'] as const;
type Json = Record<string, unknown>;

/** The own members of the built-in prototypes a polluter would target, one line each. */
function prototypeSnapshot(): string[] {
  const describe = (target: object): string[] =>
    Object.getOwnPropertyNames(target)
      .sort()
      .map((name) => {
        const d = Object.getOwnPropertyDescriptor(target, name);
        return `${name}:${typeof d?.value}:${typeof d?.get}`;
      });
  return [
    ...describe(Object.prototype).map((m) => `Object.prototype.${m}`),
    ...describe(Array.prototype).map((m) => `Array.prototype.${m}`),
    ...describe(Function.prototype).map((m) => `Function.prototype.${m}`),
    ...describe(String.prototype).map((m) => `String.prototype.${m}`),
    `Object.getPrototypeOf(Object.prototype) === ${String(Object.getPrototypeOf(Object.prototype))}`,
  ];
}

/** What changed since `baseline`, as `+ added` / `- removed` lines (empty when nothing did). */
function prototypeChanges(baseline: readonly string[]): string[] {
  const now = prototypeSnapshot();
  return [...now.filter((m) => !baseline.includes(m)).map((m) => `+ ${m}`), ...baseline.filter((m) => !now.includes(m)).map((m) => `- ${m}`)];
}

/** A JSON object with `key` as an own member (object literals would set the prototype instead). */
function withKey(base: Json, key: string, value: unknown): Json {
  return JSON.parse(JSON.stringify(base).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)}${Object.keys(base).length > 0 ? ',' : ''}`)) as Json;
}

/** Every copy of `object` with one dangerous key inserted into one of its nested objects. */
function poisoned(object: Json, value: unknown): Json[] {
  const out: Json[] = [];
  const visit = (node: Json, rebuild: (replacement: Json) => Json): void => {
    for (const key of DANGEROUS) out.push(rebuild(withKey(node, key, value)));
    for (const [key, child] of Object.entries(node)) {
      if (typeof child === 'object' && child !== null && !Array.isArray(child)) {
        visit(child as Json, (replacement) => rebuild({ ...node, [key]: replacement }));
      } else if (Array.isArray(child)) {
        child.forEach((item, index) => {
          if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
            visit(item as Json, (replacement) => rebuild({ ...node, [key]: child.map((c, i) => (i === index ? replacement : c)) }));
          }
        });
      }
    }
  };
  visit(object, (replacement) => replacement);
  return out;
}

const POLLUTERS: readonly unknown[] = [{ labels: { pwn: '1' } }, { pwn: '1' }, 'x', ['pwn']];

describe('security: prototype pollution', function () {
  this.timeout(120_000);
  const env = useApiServer();
  let baseline: string[];

  const send = async (method: string, path: string, body: unknown, contentType = 'application/json'): Promise<RawResponse> => {
    const res = await rawRequest(env.server, path, { method, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': contentType } });
    expect(res.status, `${method} ${path} ${contentType} ${typeof body === 'string' ? body : JSON.stringify(body)}\n→ ${res.text}`).to.be.below(500);
    expect(prototypeChanges(baseline), `${method} ${path} ${JSON.stringify(body)} changed a prototype`).to.deep.equal([]);
    expect(({} as Json)['pwn'], 'Object.prototype.pwn').to.equal(undefined);
    return res;
  };

  before(async () => {
    baseline = prototypeSnapshot();
    await installCrdOn(env.server, widgetCrd());
  });

  afterEach(() => {
    expect(prototypeChanges(baseline)).to.deep.equal([]);
  });

  const configMap = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'base',
      labels: { app: 'x' },
      annotations: { a: 'b' },
      managedFields: [{ manager: 'm', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:k': {} } } }],
    },
    data: { k: 'v' },
  };
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx', env: [{ name: 'A', value: 'b' }], ports: [{ containerPort: 80 }] }] } },
    },
  };
  const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { color: 'red', replicas: 2 }, status: { replicas: 1 } };
  const widgetV2 = { apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'w2' }, spec: { color: 'red', free: { a: 1 } } };

  const targets = [
    { name: 'ConfigMap', collection: '/api/v1/namespaces/default/configmaps', object: configMap, strategic: true },
    { name: 'Deployment', collection: '/apis/apps/v1/namespaces/default/deployments', object: deployment, strategic: true },
    { name: 'Widget v1', collection: '/apis/example.com/v1/namespaces/default/widgets', object: widget, strategic: false },
    { name: 'Widget v2', collection: '/apis/example.com/v2/namespaces/default/widgets', object: widgetV2, strategic: false },
  ];

  for (const target of targets) {
    const name = (target.object.metadata as { name: string }).name;
    const item = `${target.collection}/${name}`;

    it(`should keep prototypes intact through every write of a ${target.name}`, async () => {
      await send('POST', target.collection, target.object);
      for (const value of POLLUTERS) {
        for (const body of poisoned(target.object, value)) {
          await send('POST', `${target.collection}?dryRun=All`, body);
          await send('POST', `${target.collection}?dryRun=All`, JSON.stringify(body), 'application/yaml');
          await send('PUT', item, body);
          await send('PATCH', item, body, 'application/merge-patch+json');
          if (target.strategic) await send('PATCH', item, body, 'application/strategic-merge-patch+json');
          await send('PATCH', `${item}?fieldManager=m&force=true`, body, 'application/apply-patch+yaml');
          await send('PATCH', `${item}/status`, body, 'application/merge-patch+json');
        }
      }
      const paths = ['/__proto__', '/metadata/__proto__', '/metadata/labels/__proto__', '/metadata/__proto__/pwn', '/constructor/prototype/pwn', '/metadata/constructor', '/spec/__proto__/pwn'];
      for (const path of paths) {
        for (const op of ['add', 'replace', 'test', 'remove']) {
          await send('PATCH', item, [{ op, path, value: { pwn: '1' } }], 'application/json-patch+json');
        }
        await send('PATCH', item, [{ op: 'copy', from: '/metadata', path }], 'application/json-patch+json');
        await send('PATCH', item, [{ op: 'move', from: path, path: '/metadata/x' }], 'application/json-patch+json');
      }
      await send('PATCH', item, [{ op: 'copy', from: '/metadata', path: '/spec' }, { op: 'add', path: '/spec/__proto__/pwn', value: '1' }], 'application/json-patch+json');
      const polluted = await send('GET', `${target.collection}?labelSelector=pwn%3D1`, undefined);
      expect(polluted.json<{ items: unknown[] }>().items).to.deep.equal([]);
      const namespaces = await send('GET', '/api/v1/namespaces?labelSelector=pwn%3D1', undefined);
      expect(namespaces.json<{ items: unknown[] }>().items).to.deep.equal([]);
    });
  }

  it('should store the dangerous keys as ordinary data where a type allows free keys, as kube-apiserver does', async () => {
    const data = JSON.parse('{"__proto__":"a","constructor":"b","prototype":"c","toString":"d"}') as Json;
    const created = await send('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keys' }, data });
    expect(created.status).to.equal(201);
    const read = (await send('GET', '/api/v1/namespaces/default/configmaps/keys', undefined)).json<{ data: Json }>();
    expect(Object.keys(read.data).sort()).to.deep.equal(['__proto__', 'constructor', 'prototype', 'toString']);
    expect(Object.hasOwn(read.data, '__proto__') && read.data['__proto__']).to.equal('a');

    const merged = await send('PATCH', '/api/v1/namespaces/default/configmaps/keys', JSON.parse('{"data":{"__proto__":"z","constructor":null}}'), 'application/merge-patch+json');
    expect(Object.keys(merged.json<{ data: Json }>().data).sort()).to.deep.equal(['__proto__', 'prototype', 'toString']);
    expect(merged.json<{ data: Json }>().data['__proto__']).to.equal('z');

    const strategic = await send('PATCH', '/api/v1/namespaces/default/configmaps/keys', JSON.parse('{"data":{"__proto__":null,"constructor":"again"}}'), 'application/strategic-merge-patch+json');
    expect(Object.keys(strategic.json<{ data: Json }>().data).sort()).to.deep.equal(['constructor', 'prototype', 'toString']);

    const json = await send('PATCH', '/api/v1/namespaces/default/configmaps/keys', [{ op: 'add', path: '/data/__proto__', value: 'p' }], 'application/json-patch+json');
    expect(json.status).to.equal(200);
    expect(json.json<{ data: Json }>().data['__proto__']).to.equal('p');

    const applied = await send('PATCH', '/api/v1/namespaces/default/configmaps/applied?fieldManager=m', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'applied' }, data }), 'application/apply-patch+yaml');
    expect(applied.status).to.equal(201);
    expect(Object.keys(applied.json<{ data: Json }>().data).sort()).to.deep.equal(['__proto__', 'constructor', 'prototype', 'toString']);
  });

  it('should match label and field selectors on own keys only', async () => {
    await send('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'plain', labels: { app: 'plain' } } });
    await send('POST', '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ctor', labels: { constructor: 'yes' } } });
    const names = async (query: string): Promise<string[]> => {
      const res = await send('GET', `/api/v1/namespaces/default/configmaps?${query}`, undefined);
      return res.status === 200 ? res.json<{ items: { metadata: { name: string } }[] }>().items.map((i) => i.metadata.name) : [`HTTP ${res.status}`];
    };
    expect(await names('labelSelector=constructor')).to.deep.equal(['ctor']);
    expect(await names('labelSelector=toString')).to.deep.equal([]);
    expect(await names('labelSelector=!constructor')).to.not.include('ctor');
    expect(await names('labelSelector=hasOwnProperty%21%3Dx')).to.include('plain');
    expect((await names('fieldSelector=metadata.__proto__%3Dx'))[0]).to.equal('HTTP 400');
    expect((await names('fieldSelector=metadata.constructor%3Dx'))[0]).to.equal('HTTP 400');
  });

  it('should not follow dangerous keys in table printers, scale paths or CRD schemas', async () => {
    const crd = widgetCrd();
    const spec = crd['spec'] as Json;
    spec['group'] = 'evil.example.com';
    spec['names'] = { plural: 'evils', kind: 'Evil' };
    (crd['metadata'] as Json)['name'] = 'evils.evil.example.com';
    const versions = spec['versions'] as Json[];
    versions[0]!['additionalPrinterColumns'] = [
      { name: 'P', type: 'string', jsonPath: '.__proto__' },
      { name: 'C', type: 'string', jsonPath: '.spec.constructor.prototype' },
    ];
    versions[0]!['subresources'] = { scale: { specReplicasPath: '.spec.__proto__.replicas', statusReplicasPath: '.status.constructor' } };
    const schema = (versions[0]!['schema'] as { openAPIV3Schema: Json }).openAPIV3Schema;
    (schema['properties'] as Json)['spec'] = JSON.parse('{"type":"object","properties":{"__proto__":{"type":"object","default":{"pwn":"1"},"properties":{"pwn":{"type":"string","default":"1"}}},"constructor":{"type":"string","default":"c"}}}');
    await send('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    await installCrdOn(env.server, crd);
    await send('POST', '/apis/evil.example.com/v1/namespaces/default/evils', { apiVersion: 'evil.example.com/v1', kind: 'Evil', metadata: { name: 'e' }, spec: {} });
    await send('GET', '/apis/evil.example.com/v1/namespaces/default/evils', undefined);
    await rawRequest(env.server, '/apis/evil.example.com/v1/namespaces/default/evils', { headers: { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' } });
    await send('GET', '/apis/evil.example.com/v1/namespaces/default/evils/e/scale', undefined);
    await send('PATCH', '/apis/evil.example.com/v1/namespaces/default/evils/e/scale', { spec: { replicas: 3 } }, 'application/merge-patch+json');
    expect(prototypeChanges(baseline)).to.deep.equal([]);
  });
});
