// Specs for the validated OpenAPI formats.
import { expect } from 'chai';
import { NUMBER_FORMATS, STRING_FORMATS } from '../../../lib/server/schema/formats.js';

const ok = (format: string, text: string) => STRING_FORMATS[format]?.(text);

describe('STRING_FORMATS', () => {
  it('should accept and refuse dates and times', () => {
    expect(ok('date-time', '2024-05-01T10:00:00Z')).to.equal(true);
    expect(ok('date-time', '2024-05-01T10:00:00.123+02:00')).to.equal(true);
    expect(ok('date-time', '2024-02-30T10:00:00Z')).to.equal(false);
    expect(ok('date', '2024-02-29')).to.equal(true);
    expect(ok('date', '2023-02-29')).to.equal(false);
    expect(ok('duration', '1h30m')).to.equal(true);
    expect(ok('duration', 'P1DT2H')).to.equal(true);
    expect(ok('duration', 'soon')).to.equal(false);
  });

  it('should accept and refuse network formats', () => {
    expect(ok('ipv4', '10.0.0.1')).to.equal(true);
    expect(ok('ipv4', '10.0.0.256')).to.equal(false);
    expect(ok('ipv6', '2001:db8::1')).to.equal(true);
    expect(ok('ipv6', '10.0.0.1')).to.equal(false);
    expect(ok('cidr', '10.0.0.0/8')).to.equal(true);
    expect(ok('cidr', '10.0.0.0/33')).to.equal(false);
    expect(ok('hostname', 'api.example.com')).to.equal(true);
    expect(ok('hostname', '-bad-.example')).to.equal(false);
    expect(ok('mac', '00:1a:2b:3c:4d:5e')).to.equal(true);
    expect(ok('uri', 'https://example.com/x')).to.equal(true);
    expect(ok('uri', 'not a uri')).to.equal(false);
  });

  it('should accept and refuse encodings and identifiers', () => {
    expect(ok('byte', 'aGVsbG8=')).to.equal(true);
    expect(ok('byte', 'a*b')).to.equal(false);
    expect(ok('uuid', '123e4567-e89b-12d3-a456-426614174000')).to.equal(true);
    expect(ok('uuid4', '123e4567-e89b-42d3-a456-426614174000')).to.equal(true);
    expect(ok('uuid4', '123e4567-e89b-12d3-a456-426614174000')).to.equal(false);
    expect(ok('email', 'a@b.co')).to.equal(true);
  });
});

describe('NUMBER_FORMATS', () => {
  it('should bound int32 and require integers', () => {
    expect(NUMBER_FORMATS['int32']?.(2147483647)).to.equal(true);
    expect(NUMBER_FORMATS['int32']?.(2147483648)).to.equal(false);
    expect(NUMBER_FORMATS['int64']?.(1.5)).to.equal(false);
  });
});
