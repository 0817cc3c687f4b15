import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { expect } from 'chai';
import { decodeMessage, MAX_MESSAGE_DEPTH } from '../../../lib/server/protobuf/decode-message.js';
import { messageType, type MessageType } from '../../../lib/server/protobuf/message-table.js';
import { isProtobufError } from '../../../lib/server/protobuf/protobuf-error.js';

const CORE = 'k8s.io.api.core.v1';
const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';

function type(name: string): MessageType {
  const found = messageType(name);
  if (found === undefined) throw new Error(name);
  return found;
}

function failure(t: MessageType, bytes: Uint8Array): [string, string] {
  try {
    decodeMessage(t, bytes);
  } catch (error) {
    if (isProtobufError(error)) return [error.reason, error.message];
    throw error;
  }
  throw new Error('decoded');
}

const writer = (): BinaryWriter => new BinaryWriter();

describe('decodeMessage', () => {
  it('should skip fields the message does not declare, as Go does', () => {
    const bytes = writer().tag(1, WireType.LengthDelimited).string('cm').tag(99, WireType.Varint).int32(1).tag(98, WireType.LengthDelimited).string('x').finish();
    expect(decodeMessage(type(`${META}.ObjectMeta`), bytes)).to.deep.equal({ name: 'cm', creationTimestamp: null });
  });

  it('should read repeated numbers packed or not', () => {
    const unpacked = writer().tag(3, WireType.Varint).int32(1).tag(3, WireType.Varint).int32(2).finish();
    const packed = writer().tag(3, WireType.LengthDelimited).fork().int32(1).int32(2).join().finish();
    const t = type('k8s.io.api.batch.v1.PodFailurePolicyOnExitCodesRequirement');
    expect(decodeMessage(t, unpacked)).to.deep.equal({ operator: '', values: [1, 2] });
    expect(decodeMessage(t, packed)).to.deep.equal({ operator: '', values: [1, 2] });
  });

  it("should merge a message field that appears twice, as protobuf's merge semantics say", () => {
    const bytes = writer()
      .tag(1, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('a').join()
      .tag(1, WireType.LengthDelimited).fork().tag(3, WireType.LengthDelimited).string('ns').join()
      .finish();
    expect((decodeMessage(type(`${CORE}.ConfigMap`), bytes) as { metadata: unknown }).metadata).to.deep.equal({ name: 'a', namespace: 'ns', creationTimestamp: null });
  });

  it('should keep map keys as data, sorted, with a missing value as the zero value', () => {
    const bytes = writer()
      .tag(2, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('__proto__').tag(2, WireType.LengthDelimited).string('x').join()
      .tag(2, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('constructor').join()
      .tag(2, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('A').tag(2, WireType.LengthDelimited).string('y').join()
      .finish();
    const decoded = decodeMessage(type(`${CORE}.ConfigMap`), bytes) as { data: Record<string, string> };
    expect(Object.keys(decoded.data)).to.deep.equal(['A', '__proto__', 'constructor']);
    expect(Object.getPrototypeOf(decoded.data)).to.equal(Object.prototype);
    expect(Object.hasOwn(decoded.data, '__proto__')).to.equal(true);
    expect(decoded.data['constructor']).to.equal('');
  });

  it('should write bytes in base64 and Secret data maps of bytes', () => {
    const bytes = writer().tag(2, WireType.LengthDelimited).fork().tag(1, WireType.LengthDelimited).string('k').tag(2, WireType.LengthDelimited).bytes(Uint8Array.of(0, 1, 255)).join().finish();
    expect((decodeMessage(type(`${CORE}.Secret`), bytes) as { data: unknown }).data).to.deep.equal({ k: 'AAH/' });
  });

  it('should refuse mistyped and truncated fields with the words of Go unmarshalers', () => {
    expect(failure(type(`${META}.ObjectMeta`), writer().tag(1, WireType.Varint).int32(1).finish())).to.deep.equal(['MalformedMessage', 'proto: wrong wireType = 0 for field Name']);
    expect(failure(type(`${META}.ObjectMeta`), Buffer.from('0a05616263', 'hex'))).to.deep.equal(['MalformedMessage', 'unexpected EOF']);
    expect(failure(type(`${META}.ObjectMeta`), Buffer.from('0a', 'hex'))).to.deep.equal(['MalformedMessage', 'unexpected EOF']);
  });

  it('should refuse messages nested deeper than the limit instead of exhausting the stack', () => {
    // JSONSchemaProps.not (field 28) nests itself: a 3 MiB body could nest it a million times.
    let inner = new Uint8Array(0);
    for (let i = 0; i < MAX_MESSAGE_DEPTH + 5; i++) inner = writer().tag(28, WireType.LengthDelimited).bytes(inner).finish();
    const [reason] = failure(type('k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps'), inner);
    expect(reason).to.equal('TooDeep');
  });

  describe('custom JSON forms', () => {
    const time = (seconds: number, nanos: number): Uint8Array => writer().tag(1, WireType.Varint).int64(seconds).tag(2, WireType.Varint).int32(nanos).finish();

    it('should write Time in whole seconds, empty or zero time as null', () => {
      expect(decodeMessage(type(`${META}.Time`), time(1714557600, 999))).to.equal('2024-05-01T10:00:00Z');
      expect(decodeMessage(type(`${META}.Time`), new Uint8Array(0))).to.equal(null);
      expect(decodeMessage(type(`${META}.Time`), time(-62135596800, 0))).to.equal(null);
      expect(decodeMessage(type(`${META}.Time`), time(0, 0))).to.equal('1970-01-01T00:00:00Z');
    });

    it('should write MicroTime truncated to microseconds', () => {
      expect(decodeMessage(type(`${META}.MicroTime`), time(1714557600, 123456789))).to.equal('2024-05-01T10:00:00.123456Z');
    });

    it('should write IntOrString as a number or a string by its type', () => {
      const t = type('k8s.io.apimachinery.pkg.util.intstr.IntOrString');
      expect(decodeMessage(t, writer().tag(1, WireType.Varint).int64(0).tag(2, WireType.Varint).int32(8080).finish())).to.equal(8080);
      expect(decodeMessage(t, writer().tag(1, WireType.Varint).int64(1).tag(3, WireType.LengthDelimited).string('http').finish())).to.equal('http');
      expect(decodeMessage(t, new Uint8Array(0))).to.equal(0);
      expect(failure(t, writer().tag(1, WireType.Varint).int64(2).finish())).to.deep.equal(['MalformedMessage', 'impossible IntOrString.Type 2']);
    });

    it('should write Quantity as its string, "0" when empty', () => {
      const t = type('k8s.io.apimachinery.pkg.api.resource.Quantity');
      expect(decodeMessage(t, writer().tag(1, WireType.LengthDelimited).string('250m').finish())).to.equal('250m');
      expect(decodeMessage(t, new Uint8Array(0))).to.equal('0');
    });

    it('should parse RawExtension bytes as JSON and refuse protobuf or garbage inside', () => {
      const t = type('k8s.io.apimachinery.pkg.runtime.RawExtension');
      expect(decodeMessage(t, writer().tag(1, WireType.LengthDelimited).bytes(Buffer.from('{"a":[1]}')).finish())).to.deep.equal({ a: [1] });
      expect(decodeMessage(t, new Uint8Array(0))).to.equal(null);
      expect(failure(t, writer().tag(1, WireType.LengthDelimited).bytes(Buffer.from('k8s\0\n')).finish())[0]).to.equal('MalformedMessage');
      expect(failure(t, writer().tag(1, WireType.LengthDelimited).bytes(Buffer.from('{nope')).finish())[0]).to.equal('MalformedMessage');
    });

    it('should write the apiextensions JSONSchemaPropsOr* unions as Go does', () => {
      const api = 'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1';
      const schema = writer().tag(5, WireType.LengthDelimited).string('string').finish();
      expect(decodeMessage(type(`${api}.JSONSchemaPropsOrBool`), writer().tag(1, WireType.Varint).bool(false).finish())).to.equal(false);
      expect(decodeMessage(type(`${api}.JSONSchemaPropsOrBool`), writer().tag(1, WireType.Varint).bool(true).finish())).to.equal(true);
      expect(decodeMessage(type(`${api}.JSONSchemaPropsOrBool`), writer().tag(1, WireType.Varint).bool(true).tag(2, WireType.LengthDelimited).bytes(schema).finish())).to.deep.equal({ type: 'string' });
      expect(decodeMessage(type(`${api}.JSONSchemaPropsOrArray`), writer().tag(2, WireType.LengthDelimited).bytes(schema).finish())).to.deep.equal([{ type: 'string' }]);
      expect(decodeMessage(type(`${api}.JSONSchemaPropsOrArray`), new Uint8Array(0))).to.equal(null);
      expect(decodeMessage(type(`${api}.JSONSchemaPropsOrStringArray`), writer().tag(2, WireType.LengthDelimited).string('a').finish())).to.deep.equal(['a']);
    });
  });
});
