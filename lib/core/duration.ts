// Go-style durations (`1h2m3.5s`, `150ms`), as used by kubeconfig, CLI flags and CRD fields.
import { KubeError } from './errors/kube-error.js';

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
/** Go's `Duration` is an int64 of nanoseconds: [-2^63, 2^63 - 1]. */
const MAX_NANOS = 2n ** 63n - 1n;
const TWO_63 = 2n ** 63n;

/**
 * Parses a Go duration (`time.ParseDuration`): an optional sign, then one or more
 * `number unit` pairs with units `ns`, `us`/`µs`, `ms`, `s`, `m`, `h`, e.g. `1h2m3.5s`,
 * `-1.5h`, `300ms`, `0`. Returns milliseconds (fractional below 1 ms).
 *
 * @throws {KubeError} `InvalidDuration`, naming the input and what was wrong.
 */
export function parseDuration(text: string): number {
  return Number(parseDurationNanos(text)) / 1e6;
}

/**
 * {@link parseDuration}, returning nanoseconds exactly as Go does. A fraction is converted as
 * Go converts it, in float64 (`uint64(float64(f) * (float64(unit) / scale))`), not in exact
 * decimal: the two differ by 1 ns now and then (`0.22997313472500h` is 827903285009 ns in
 * Go, 827903285010 exactly), and a duration must mean the same here as in the Go program
 * (kubectl, the API server) that wrote it.
 */
export function parseDurationNanos(text: string): bigint {
  const fail = (detail: string): never => {
    throw new KubeError('InvalidDuration', `duration ${JSON.stringify(text)}: ${detail}`);
  };
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest.startsWith('-');
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') fail('is empty');
  let total = 0n;
  while (rest !== '') {
    const match = /^(\d*)(?:\.(\d*))?([^\d.]+)/.exec(rest);
    if (match === null) return fail(`expected a number followed by a unit at ${JSON.stringify(rest)}`);
    const [whole, intPart = '', fracPart = '', unit = ''] = match;
    if (intPart === '' && fracPart === '') fail(`missing number before ${JSON.stringify(unit)}`);
    const scale = UNIT_NANOS[unit];
    if (scale === undefined) return fail(`unknown unit ${JSON.stringify(unit)} (use ns, us, ms, s, m or h)`);
    let value = BigInt(intPart === '' ? '0' : intPart);
    if (value > TWO_63 / scale) fail('is out of range');
    value *= scale;
    const { digits, divisor } = leadingFraction(fracPart);
    if (digits > 0n) {
      // float64 on purpose: Go's arithmetic, rounding included.
      value += BigInt(Math.trunc(Number(digits) * (Number(scale) / divisor)));
      if (value > TWO_63) fail('is out of range');
    }
    total += value;
    if (total > TWO_63) fail('is out of range');
    rest = rest.slice(whole.length);
  }
  if (negative) return -total;
  if (total > MAX_NANOS) fail('is out of range');
  return total;
}

/** Go's `leadingFraction`: the digits that fit an int64 (later ones are ignored) and 10^count as a float64. */
function leadingFraction(fraction: string): { digits: bigint; divisor: number } {
  let digits = 0n;
  let divisor = 1;
  let overflow = false;
  for (const char of fraction) {
    if (overflow) continue;
    if (digits > MAX_NANOS / 10n) {
      overflow = true;
      continue;
    }
    const next = digits * 10n + BigInt(char);
    if (next > TWO_63) {
      overflow = true;
      continue;
    }
    digits = next;
    divisor *= 10;
  }
  return { digits, divisor };
}

/**
 * Formats milliseconds as Go's `Duration.String()` does: `1h2m3.5s`, `1h0m0s`, `1.5s`,
 * `150ms`, `1.5µs`, `0s`. Sub-nanosecond parts are rounded.
 */
export function formatDuration(ms: number): string {
  return formatDurationNanos(BigInt(Math.round(ms * 1e6)));
}

/** {@link formatDuration} from exact nanoseconds. */
export function formatDurationNanos(nanos: bigint): string {
  if (nanos === 0n) return '0s';
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  if (abs < 1_000n) return `${sign}${abs}ns`;
  if (abs < 1_000_000n) return `${sign}${decimal(abs, 1_000n)}µs`;
  if (abs < 1_000_000_000n) return `${sign}${decimal(abs, 1_000_000n)}ms`;
  const hours = abs / 3_600_000_000_000n;
  const minutes = (abs / 60_000_000_000n) % 60n;
  const seconds = decimal(abs % 60_000_000_000n, 1_000_000_000n);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

function decimal(value: bigint, unit: bigint): string {
  const whole = value / unit;
  const frac = value % unit;
  if (frac === 0n) return whole.toString();
  const digits = unit.toString().length - 1;
  return `${whole}.${frac.toString().padStart(digits, '0').replace(/0+$/, '')}`;
}
