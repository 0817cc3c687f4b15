import { expect } from 'chai';
import { decodeBase64, decodeBase64Text, encodeBase64, encodeBase64Text } from '../../../lib/core/json/base64.js';

describe('base64', () => {
  it("should encode like Node's Buffer, padding included", () => {
    for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'zürich ✓ 🚀', '[{"op":"add","path":"/a","value":1}]']) {
      expect(encodeBase64Text(text), text).to.equal(Buffer.from(text, 'utf8').toString('base64'));
    }
    const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeBase64(bytes)).to.equal(Buffer.from(bytes).toString('base64'));
  });

  it('should decode what it encodes, with or without padding', () => {
    const bytes = Uint8Array.from({ length: 257 }, (_, i) => (i * 7) % 256);
    expect([...(decodeBase64(encodeBase64(bytes)) ?? [])]).to.deep.equal([...bytes]);
    expect(decodeBase64Text('Zm9vYg==')).to.equal('foob');
    expect(decodeBase64Text('Zm9vYg')).to.equal('foob');
  });

  it('should refuse text that is not base64', () => {
    expect(decodeBase64('a!b=')).to.equal(undefined);
    expect(decodeBase64('abcde')).to.equal(undefined);
  });
});
