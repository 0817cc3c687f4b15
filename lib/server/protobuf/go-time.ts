// metav1.Time and MicroTime as Go writes them: RFC 3339 text in JSON, seconds + nanos on the protobuf wire.

/** A point in time as the protobuf `Timestamp` carries it. */
export interface Timestamp {
  readonly seconds: number;
  readonly nanos: number;
}

/** Go's zero `time.Time` (`0001-01-01T00:00:00Z`) in Unix seconds: JSON `null`. */
export const ZERO_TIME_SECONDS = -62135596800;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses RFC 3339 text as Go's `time.Parse(time.RFC3339, ...)` does (fractional seconds allowed,
 * `Z` or a numeric offset). `undefined` when the text is not RFC 3339.
 */
export function parseRfc3339(text: string): Timestamp | undefined {
  const match = RFC3339.exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
  const [m, d, h, mi, s] = [month, day, hour, minute, second].map(Number) as [number, number, number, number, number];
  if (m < 1 || m > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(Number(year), m - 1, d);
  if (date.getUTCDate() !== d) return undefined;
  date.setUTCHours(h, mi, s, 0);
  const offset = zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 3600 + Number(zone.slice(4, 6)) * 60);
  return { seconds: date.getTime() / 1000 - offset, nanos: Number(fraction.padEnd(9, '0')) };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `2006-01-02T15:04:05Z`: Go's `Time.MarshalJSON` of a non-zero time (UTC, whole seconds). */
export function formatRfc3339(seconds: number): string {
  const date = new Date(seconds * 1000);
  if (Number.isNaN(date.getTime())) throw new RangeError(`time out of range: ${seconds} seconds`);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1, 2)}-${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}:${pad(date.getUTCMinutes(), 2)}:${pad(date.getUTCSeconds(), 2)}Z`
  );
}

/** `2006-01-02T15:04:05.000000Z`: Go's `MicroTime.MarshalJSON` (UTC, microseconds). */
export function formatRfc3339Micro(seconds: number, nanos: number): string {
  return `${formatRfc3339(seconds).slice(0, -1)}.${pad(Math.floor(nanos / 1000), 6)}Z`;
}
