import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { expect } from 'chai';
import { decodeEnvelope, encodeEnvelope, hasProtobufMagic } from '../../../lib/server/protobuf/kubernetes-envelope.js';
import { isProtobufError } from '../../../lib/server/protobuf/protobuf-error.js';

function failure(bytes: Uint8Array): [string, string] {
  try {
    decodeEnvelope(bytes);
  } catch (error) {
    if (isProtobufError(error)) return [error.reason, error.message];
    throw error;
  }
  throw new Error('decoded');
}

describe('kubernetes envelope', () => {
  it('should write k8s\\0 then runtime.Unknown with every field, in number order', () => {
    const bytes = encodeEnvelope({ apiVersion: 'v1', kind: 'Pod' }, Uint8Array.of(0x0a, 0x00));
    expect(Buffer.from(bytes).toString('hex')).to.equal(
      '6b387300' + '0a09' + '0a027631' + '1203506f64' + '12020a00' + '1a00' + '2200',
    );
    expect(hasProtobufMagic(bytes)).to.equal(true);
  });

  it('should read what it writes, skipping fields it does not know', () => {
    const writer = new BinaryWriter().raw(encodeEnvelope({ apiVersion: 'apps/v1', kind: 'Deployment' }, Uint8Array.of(1, 2)));
    writer.tag(9, WireType.Varint).int32(5);
    expect(decodeEnvelope(writer.finish())).to.deep.equal({ apiVersion: 'apps/v1', kind: 'Deployment', raw: Uint8Array.of(1, 2), contentEncoding: '', contentType: '' });
  });

  it("should refuse bytes that are not an envelope with apimachinery's messages", () => {
    expect(failure(new Uint8Array(0))).to.deep.equal(['NotProtobuf', 'empty data']);
    expect(failure(Buffer.from('{"kind":"Pod"}'))).to.deep.equal(['NotProtobuf', 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]']);
    expect(failure(Buffer.from('k8s\0'))).to.deep.equal(['NotProtobuf', 'empty body']);
    expect(failure(Buffer.from('6b3873000a09', 'hex'))).to.deep.equal(['MalformedMessage', 'unexpected EOF']);
    expect(failure(Buffer.from('6b3873001005', 'hex'))).to.deep.equal(['MalformedMessage', 'proto: wrong wireType = 0 for field Raw']);
  });
});
