// Go's time.Parse(time.RFC3339, ...) errors, which kube-apiserver answers for a malformed metav1.Time.
import { goQuote } from './go-text.js';

const LAYOUT = '2006-01-02T15:04:05Z07:00';

/** Leading digits of `value` that Go's fixed-width number parser takes (exactly `width`). */
function fixedNumber(value: string, width: number): number | undefined {
  const digits = value.slice(0, width);
  return digits.length === width && /^\d+$/.test(digits) ? Number(digits) : undefined;
}

/**
 * Why Go's `time.Parse(time.RFC3339, text)` refuses `text`, in its words, or `undefined` when
 * it accepts it: `parsing time "2021-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as
 * "T"`, `parsing time "2021-13-01T00:00:00Z": month out of range`, `...: extra text: "x"`.
 * kube-apiserver answers these when a `metav1.Time` field holds such a string.
 */
export function rfc3339Error(text: string): string | undefined {
  const cannot = (rest: string, element: string): string => `parsing time ${goQuote(text)} as ${goQuote(LAYOUT)}: cannot parse ${goQuote(rest)} as ${goQuote(element)}`;
  const outOfRange = (what: string): string => `parsing time ${goQuote(text)}: ${what} out of range`;
  let rest = text;
  const steps: [element: string, width: number, max: number, min: number, name: string][] = [
    ['2006', 4, 9999, 0, 'year'],
    ['01', 2, 12, 1, 'month'],
    ['02', 2, 31, 1, 'day'],
    ['15', 2, 23, 0, 'hour'],
    ['04', 2, 59, 0, 'minute'],
    ['05', 2, 59, 0, 'second'],
  ];
  const separators = ['-', '-', 'T', ':', ':', ''];
  const values: number[] = [];
  for (let i = 0; i < steps.length; i++) {
    const [element, width, max, min, name] = steps[i] as (typeof steps)[number];
    const number = fixedNumber(rest, width);
    if (number === undefined) return cannot(rest, element);
    if (name !== 'day' && (number < min || number > max)) return outOfRange(name);
    values.push(number);
    rest = rest.slice(width);
    const separator = separators[i] as string;
    if (separator !== '') {
      if (!rest.startsWith(separator)) return cannot(rest, separator);
      rest = rest.slice(separator.length);
    }
  }
  // Fractional seconds are taken after the seconds even though the layout has none.
  const fraction = /^[.,]\d+/.exec(rest);
  if (fraction !== null) rest = rest.slice(fraction[0].length);
  if (rest.startsWith('Z')) rest = rest.slice(1);
  else {
    const zone = /^[+-](\d\d):(\d\d)/.exec(rest);
    if (zone === null) return cannot(rest, 'Z07:00');
    if (Number(zone[1]) > 24 || Number(zone[2]) > 59) return `parsing time ${goQuote(text)}: time zone offset out of range`;
    rest = rest.slice(zone[0].length);
  }
  if (rest !== '') return `parsing time ${goQuote(text)}: extra text: ${goQuote(rest)}`;
  const [year = 0, month = 1, day = 0] = values;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return outOfRange('day');
  return undefined;
}
