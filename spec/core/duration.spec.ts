// Checks Go durations: time.ParseDuration's grammar and Duration.String()'s output.
import { expect } from 'chai';
import { formatDuration, formatDurationNanos, parseDuration, parseDurationNanos } from '../../lib/core/duration.js';
import { isKubeError } from '../../lib/core/errors/kube-error.js';

const MAX = 2n ** 63n - 1n;
const MIN = -(2n ** 63n);

function durationError(text: string): Error & { reason: string } {
  try {
    parseDurationNanos(text);
  } catch (error) {
    if (isKubeError(error)) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('parseDuration', () => {
  const cases: [string, number][] = [
    ['1h2m3.5s', 3_723_500],
    ['-1.5h', -5_400_000],
    ['300ms', 300],
    ['1µs', 0.001],
    ['1μs', 0.001],
    ['1us', 0.001],
    ['1ns', 0.000001],
    ['0', 0],
    ['-0', 0],
    ['+0', 0],
    ['0s', 0],
    ['+5s', 5000],
    ['5s', 5000],
    ['1.s', 1000],
    ['.5s', 500],
    ['1.5m', 90_000],
    ['2h45m', 9_900_000],
    ['1h1h', 7_200_000],
    ['1m30s500ms', 90_500],
  ];

  for (const [text, ms] of cases) {
    it(`should read ${JSON.stringify(text)} as ${ms} ms`, () => {
      expect(parseDuration(text)).to.equal(ms);
    });
  }
});

describe('parseDurationNanos', () => {
  it('should be exact in nanoseconds', () => {
    expect(parseDurationNanos('1h2m3.5s')).to.equal(3_723_500_000_000n);
    expect(parseDurationNanos('1.000000001s')).to.equal(1_000_000_001n);
    expect(parseDurationNanos('0.1ns')).to.equal(0n);
    expect(parseDurationNanos('-1.5h')).to.equal(-5_400_000_000_000n);
  });

  it('should convert fractions in float64 as Go does, not in exact decimal (values from time.ParseDuration)', () => {
    // Go rounds up here where exact decimal truncates 1 ns short ...
    expect(parseDurationNanos('0.6565449323833333m')).to.equal(39_392_695_943n);
    expect(parseDurationNanos('0.20741381655055555h')).to.equal(746_689_739_582n);
    // ... and down here.
    expect(parseDurationNanos('0.22997313472500h')).to.equal(827_903_285_009n);
    expect(parseDurationNanos('0.49200000000000us')).to.equal(491n);
    // Digits beyond what fits an int64 are ignored, as Go's leadingFraction does.
    expect(parseDurationNanos('1.00000000000000000000000001s')).to.equal(1_000_000_000n);
  });

  it('should reach both ends of an int64, like Go', () => {
    expect(parseDurationNanos('9223372036854775807ns')).to.equal(MAX);
    expect(parseDurationNanos('2562047h47m16.854775807s')).to.equal(MAX);
    expect(parseDurationNanos('-9223372036854775808ns')).to.equal(MIN);
    expect(parseDurationNanos('-2562047h47m16.854775808s')).to.equal(MIN);
  });

  const bad: [string, string][] = [
    ['', 'empty'],
    ['-', 'empty'],
    ['+', 'empty'],
    ['1', 'unit'],
    ['1.5', 'unit'],
    ['1d', 'unknown unit "d"'],
    ['1 s', 'unknown unit " s"'],
    ['1S', 'unknown unit "S"'],
    ['.s', 'missing number'],
    ['-.s', 'missing number'],
    ['s', 'missing number'],
    ['1s ', 'unknown unit "s "'],
    [' 1s', 'missing number'],
    ['--1s', 'missing number'],
    ['1h2', 'unit'],
    ['00', 'unit'],
    ['9223372036854775808ns', 'out of range'],
    ['2562048h', 'out of range'],
    ['-9223372036854775809ns', 'out of range'],
  ];

  for (const [text, detail] of bad) {
    it(`should refuse ${JSON.stringify(text)} with InvalidDuration`, () => {
      const error = durationError(text);
      expect(error.reason).to.equal('InvalidDuration');
      expect(error.message).to.include(JSON.stringify(text));
      expect(error.message).to.include(detail);
    });
  }
});

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '0s'],
    [3_600_000, '1h0m0s'],
    [90_000, '1m30s'],
    [1500, '1.5s'],
    [150, '150ms'],
    [1.5, '1.5ms'],
    [0.0015, '1.5µs'],
    [0.001, '1µs'],
    [0.000001, '1ns'],
    [3_723_500, '1h2m3.5s'],
    [60_000, '1m0s'],
    [61_001, '1m1.001s'],
    [86_400_000, '24h0m0s'],
    [-1500, '-1.5s'],
    [-5_400_000, '-1h30m0s'],
    [-0.5, '-500µs'],
  ];

  for (const [ms, text] of cases) {
    it(`should print ${ms} ms as ${text}`, () => {
      expect(formatDuration(ms)).to.equal(text);
    });
  }
});

describe('formatDurationNanos', () => {
  it("should print like Go's Duration.String()", () => {
    expect(formatDurationNanos(1n)).to.equal('1ns');
    expect(formatDurationNanos(999n)).to.equal('999ns');
    expect(formatDurationNanos(1_100n)).to.equal('1.1µs');
    expect(formatDurationNanos(1_000_000_001n)).to.equal('1.000000001s');
    expect(formatDurationNanos(MAX)).to.equal('2562047h47m16.854775807s');
    expect(formatDurationNanos(MIN)).to.equal('-2562047h47m16.854775808s');
  });
});

describe('round trips', () => {
  it('should print what it parses in canonical form', () => {
    for (const text of ['1h2m3.5s', '-1h30m0s', '150ms', '1.5µs', '0s', '1m30s', '1ns', '2562047h47m16.854775807s', '-2562047h47m16.854775808s']) {
      expect(formatDurationNanos(parseDurationNanos(text)), text).to.equal(text);
    }
  });

  it('should canonicalize other spellings', () => {
    expect(formatDuration(parseDuration('90s'))).to.equal('1m30s');
    expect(formatDuration(parseDuration('1us'))).to.equal('1µs');
    expect(formatDuration(parseDuration('+0.5h'))).to.equal('30m0s');
    expect(formatDuration(parseDuration('0'))).to.equal('0s');
  });

  it('should parse what it prints', () => {
    for (const ms of [0, 1, 1.5, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, 123_456_789, -42, 0.000001]) {
      expect(parseDuration(formatDuration(ms)), String(ms)).to.equal(ms);
    }
  });
});
