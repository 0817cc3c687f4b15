import { BinaryReader } from '@bufbuild/protobuf/wire';
import { expect } from 'chai';
import { encodeMessage } from '../../../lib/server/protobuf/encode-message.js';
import { messageType, type MessageType } from '../../../lib/server/protobuf/message-table.js';

function type(name: string): MessageType {
  const found = messageType(name);
  if (found === undefined) throw new Error(name);
  return found;
}

/** The field numbers of a message's bytes, in order. */
function fieldNumbers(bytes: Uint8Array): number[] {
  const reader = new BinaryReader(bytes);
  const numbers: number[] = [];
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    numbers.push(number);
    reader.skip(wireType, number);
  }
  return numbers;
}

/** The keys of a map field's entries, in wire order. */
function mapKeys(bytes: Uint8Array, field: number): string[] {
  const reader = new BinaryReader(bytes);
  const keys: string[] = [];
  while (reader.pos < reader.len) {
    const [number, wireType] = reader.tag();
    if (number !== field) {
      reader.skip(wireType, number);
      continue;
    }
    const entry = new BinaryReader(reader.bytes());
    entry.tag();
    keys.push(entry.string());
  }
  return keys;
}

describe('encodeMessage', () => {
  it('should write value fields always and pointer fields only when set, in number order', () => {
    const meta = type('k8s.io.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    // name, generateName, namespace, selfLink, uid, resourceVersion, generation, creationTimestamp are values.
    expect(fieldNumbers(encodeMessage(meta, {}))).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(fieldNumbers(encodeMessage(meta, { deletionGracePeriodSeconds: 30, deletionTimestamp: null }))).to.deep.equal([1, 2, 3, 4, 5, 6, 7, 8, 10]);
  });

  it("should write map entries in Go's key order (UTF-8 bytes, not UTF-16 units)", () => {
    const configMap = type('k8s.io.api.core.v1.ConfigMap');
    // U+FF5A sorts before U+1F600 in UTF-8 (EF < F0) but after it in UTF-16 (FF5A > D83D).
    const bytes = encodeMessage(configMap, { data: { '😀': '1', ｚ: '2', b: '3', A: '4' } });
    expect(mapKeys(bytes, 2)).to.deep.equal(['A', 'b', 'ｚ', '😀']);
  });

  it('should leave a null []byte map value out of its entry, as Go leaves a nil slice', () => {
    const secret = type('k8s.io.api.core.v1.Secret');
    const bytes = encodeMessage(secret, { data: { a: null, b: '' } });
    const reader = new BinaryReader(bytes);
    const entries: number[][] = [];
    while (reader.pos < reader.len) {
      const [number, wireType] = reader.tag();
      if (number === 2) entries.push(fieldNumbers(reader.bytes()));
      else reader.skip(wireType, number);
    }
    expect(entries).to.deep.equal([[1], [1, 2]]);
  });

  it('should drop members the type does not declare and encode mistyped members as zero values', () => {
    const configMap = type('k8s.io.api.core.v1.ConfigMap');
    expect(encodeMessage(configMap, { data: { a: 'b' }, bogus: 1 })).to.deep.equal(encodeMessage(configMap, { data: { a: 'b' } }));
    const port = type('k8s.io.api.core.v1.ContainerPort');
    expect(encodeMessage(port, { containerPort: 'eighty' })).to.deep.equal(encodeMessage(port, { containerPort: 0 }));
  });
});
