import { expect } from 'chai';
import { formatRfc3339, formatRfc3339Micro, parseRfc3339, ZERO_TIME_SECONDS } from '../../../lib/server/protobuf/go-time.js';

describe('go-time', () => {
  it('should parse RFC 3339 with Z, offsets and fractions as Go does', () => {
    expect(parseRfc3339('2024-05-01T10:00:00Z')).to.deep.equal({ seconds: 1714557600, nanos: 0 });
    expect(parseRfc3339('2024-05-01T12:30:00+02:30')).to.deep.equal({ seconds: 1714557600, nanos: 0 });
    expect(parseRfc3339('2024-05-01T10:00:00.123456789Z')).to.deep.equal({ seconds: 1714557600, nanos: 123456789 });
    expect(parseRfc3339('2024-05-01T10:00:00.5Z')).to.deep.equal({ seconds: 1714557600, nanos: 500000000 });
    expect(parseRfc3339('0001-01-01T00:00:00Z')).to.deep.equal({ seconds: ZERO_TIME_SECONDS, nanos: 0 });
  });

  it('should refuse what is not RFC 3339', () => {
    for (const text of ['2024-05-01', '2024-05-01 10:00:00Z', '2024-13-01T10:00:00Z', '2024-02-30T10:00:00Z', '2024-05-01T10:00:00']) {
      expect(parseRfc3339(text), text).to.equal(undefined);
    }
  });

  it('should format whole seconds in UTC, and microseconds for MicroTime', () => {
    expect(formatRfc3339(1714557600)).to.equal('2024-05-01T10:00:00Z');
    expect(formatRfc3339(0)).to.equal('1970-01-01T00:00:00Z');
    expect(formatRfc3339(ZERO_TIME_SECONDS)).to.equal('0001-01-01T00:00:00Z');
    expect(formatRfc3339Micro(1714557600, 123456789)).to.equal('2024-05-01T10:00:00.123456Z');
    expect(formatRfc3339Micro(1714557600, 0)).to.equal('2024-05-01T10:00:00.000000Z');
  });
});
