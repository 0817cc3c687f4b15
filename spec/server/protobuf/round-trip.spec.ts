// JSON → protobuf → JSON for every built-in kind the server serves, with every field of every message set.
import { expect } from 'chai';
import { BUILTIN_RESOURCES } from '../../../lib/core/resources/builtin-table.js';
import { decodeMessage } from '../../../lib/server/protobuf/decode-message.js';
import { kindMessageType, type MessageType } from '../../../lib/server/protobuf/message-table.js';
import { decodeProtobufObject, encodeProtobufObject } from '../../../lib/server/protobuf/protobuf-object.js';

type Json = Record<string, unknown>;

/** A JSONSchemaProps nests itself: below this depth a sample leaves its optional fields unset. */
const SAMPLE_DEPTH = 4;

/**
 * A JSON value of `type` with every field set to a non-zero value, in Go's field order — the
 * JSON a Go program would print for such an object, so decoding its protobuf form must give it
 * back exactly. Past {@link SAMPLE_DEPTH}, fields that may be unset are unset (`null` unless omitempty).
 */
function sample(type: MessageType, depth: number, counter: { n: number }): unknown {
  counter.n += 1;
  const n = counter.n;
  switch (type.fullName.slice(type.fullName.lastIndexOf('.') + 1)) {
    case 'Time':
      return '2024-05-01T10:00:00Z';
    case 'MicroTime':
      return '2024-05-01T10:00:00.123456Z';
    case 'Quantity':
      return '1500m';
    case 'IntOrString':
      return n % 2 === 0 ? 8080 : 'http';
    case 'RawExtension':
      return { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } };
    case 'FieldsV1':
      return { 'f:metadata': { 'f:labels': { '.': {} } } };
    case 'JSON':
      return { x: [1, 'two', null, true] };
    case 'JSONSchemaPropsOrArray':
      return n % 2 === 0 ? [{ type: 'string' }, { type: 'integer' }] : { type: 'object' };
    case 'JSONSchemaPropsOrBool':
      return n % 2 === 0 ? false : { type: 'string' };
    case 'JSONSchemaPropsOrStringArray':
      return n % 2 === 0 ? ['a', 'b'] : { type: 'string' };
  }
  if (type.form === 'custom') throw new Error(`no sample for ${type.fullName}`);
  if (type.form === 'slice') return [`item-${n}`, 'ü-second'];
  const out: Json = {};
  for (const field of type.fields) {
    const value = (): unknown => {
      if (field.message !== undefined) return sample(field.message, depth + 1, counter);
      switch (field.scalar) {
        case 'string':
          return `${field.json}-${n}`;
        case 'bytes':
          return Buffer.from(`bytes-${n}`).toString('base64');
        case 'int32':
          return 7;
        case 'int64':
          return 1234567890123;
        case 'bool':
          return true;
        case 'double':
          return 1.5;
        default:
          throw new Error(`unknown scalar in ${type.fullName}`);
      }
    };
    if (field.inline) {
      Object.assign(out, field.message === undefined ? {} : sample(field.message, depth + 1, counter));
      continue;
    }
    const optional = field.nilable || field.repeated || field.map;
    if (depth > SAMPLE_DEPTH && optional) {
      if (!field.omitempty) out[field.json] = null;
      continue;
    }
    if (field.map) out[field.json] = { 'a-key': value(), 'b-key': value(), 'ü-key': value() };
    else if (field.repeated) out[field.json] = [value(), value()];
    else out[field.json] = value();
  }
  return out;
}

/** Built-in kinds Kubernetes defines no list for: they are only ever created (bindings, reviews). */
const WITHOUT_LIST: ReadonlySet<string> = new Set([
  'v1/Binding',
  'authentication.k8s.io/v1/TokenReview',
  'authentication.k8s.io/v1/SelfSubjectReview',
  'authorization.k8s.io/v1/SubjectAccessReview',
  'authorization.k8s.io/v1/LocalSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectAccessReview',
  'authorization.k8s.io/v1/SelfSubjectRulesReview',
]);

/** The kinds to round-trip: every served built-in kind and its list, and the request/response kinds of subresources. */
const KINDS: [string, string][] = [
  ...BUILTIN_RESOURCES.flatMap((row): [string, string][] => {
    const apiVersion = row.group === '' ? row.version : `${row.group}/${row.version}`;
    return WITHOUT_LIST.has(`${apiVersion}/${row.kind}`)
      ? [[apiVersion, row.kind]]
      : [
          [apiVersion, row.kind],
          [apiVersion, `${row.kind}List`],
        ];
  }),
  ['v1', 'Status'],
  ['meta.k8s.io/v1', 'DeleteOptions'],
  ['meta.k8s.io/v1', 'CreateOptions'],
  ['meta.k8s.io/v1', 'PartialObjectMetadata'],
  ['meta.k8s.io/v1', 'PartialObjectMetadataList'],
  ['authentication.k8s.io/v1', 'TokenRequest'],
  ['authorization.k8s.io/v1', 'SelfSubjectAccessReview'],
  ['autoscaling/v1', 'Scale'],
  ['policy/v1', 'Eviction'],
  ['v1', 'Binding'],
  ['v1', 'PodTemplate'],
  ['autoscaling/v1', 'HorizontalPodAutoscaler'],
  ['apiregistration.k8s.io/v1', 'APIService'],
];

describe('protobuf round trips', () => {
  for (const [apiVersion, kind] of KINDS) {
    it(`should give back a ${apiVersion} ${kind} with every field set`, () => {
      const type = kindMessageType(apiVersion, kind);
      expect(type, `${apiVersion} ${kind}`).to.not.equal(undefined);
      const object = { kind, apiVersion, ...(sample(type as MessageType, 0, { n: 0 }) as Json) };
      const decoded = decodeProtobufObject(encodeProtobufObject(object), { apiVersion: '', kind: '' });
      expect(decoded).to.deep.equal(object);
      expect(JSON.stringify(decoded)).to.equal(JSON.stringify(object));
    });
  }

  it('should decode an empty message to the Go zero value, as json.Marshal(appsv1.Deployment{}) prints it', () => {
    expect(decodeMessage(kindMessageType('apps/v1', 'Deployment') as MessageType, new Uint8Array(0))).to.deep.equal({
      metadata: { creationTimestamp: null },
      spec: { selector: null, template: { metadata: { creationTimestamp: null }, spec: { containers: null } }, strategy: {} },
      status: {},
    });
  });

  it('should give a sparse object back in Go form: zero value fields added, unset pointers left out', () => {
    const object = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } };
    expect(decodeProtobufObject(encodeProtobufObject(object), { apiVersion: '', kind: '' })).to.deep.equal({
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: null },
      spec: { ports: [{ port: 80, targetPort: 0 }] },
      status: { loadBalancer: {} },
    });
  });
});
