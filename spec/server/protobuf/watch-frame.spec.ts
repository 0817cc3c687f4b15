import { expect } from 'chai';
import { encodeWatchFrame } from '../../../lib/server/protobuf/watch-frame.js';

describe('encodeWatchFrame', () => {
  it('should prefix a raw WatchEvent{type, object{raw}} with its 4-byte big-endian length', () => {
    const frame = Buffer.from(encodeWatchFrame('ADDED', Uint8Array.of(0x6b, 0x38, 0x73, 0x00)));
    expect(frame.toString('hex')).to.equal('0000000f' + '0a054144444544' + '12060a046b387300');
    expect(frame.readUInt32BE(0)).to.equal(frame.length - 4);
  });

  it('should carry lengths past 16 bits', () => {
    const frame = Buffer.from(encodeWatchFrame('MODIFIED', new Uint8Array(70000)));
    expect(frame.readUInt32BE(0)).to.equal(frame.length - 4);
    expect(frame.length).to.be.greaterThan(70000);
  });
});
