// Reading query parameters the way kube-apiserver's conversion functions do.

/**
 * A boolean query parameter: absent, `"0"` and `"false"` (any case) are false; anything
 * else, including an empty value (`?watch`) and Python's `True`, is true
 * (apimachinery `Convert_Slice_string_To_bool`).
 */
export function queryBool(query: URLSearchParams, name: string): boolean {
  const value = query.get(name);
  if (value === null) return false;
  return !(value === '0' || value.toLowerCase() === 'false');
}

/** A boolean query parameter that may be absent (`undefined`). */
export function queryOptionalBool(query: URLSearchParams, name: string): boolean | undefined {
  return query.has(name) ? queryBool(query, name) : undefined;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/**
 * An int64 query parameter as apimachinery's `Convert_Slice_string_To_int64` reads it: the
 * first value, trimmed; absent or empty is `undefined`; otherwise Go's `strconv.ParseInt`
 * decides, and its error is the message kube-apiserver answers with
 * (`strconv.ParseInt: parsing "abc": invalid syntax`, `... value out of range`).
 */
export function queryInt64(query: URLSearchParams, name: string): { readonly value: number | undefined } | { readonly error: string } {
  const raw = query.get(name);
  const text = raw?.trim() ?? '';
  if (text === '') return { value: undefined };
  if (!/^[+-]?\d+$/.test(text)) return { error: `strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax` };
  const big = BigInt(text);
  if (big > INT64_MAX || big < INT64_MIN) return { error: `strconv.ParseInt: parsing ${JSON.stringify(text)}: value out of range` };
  return { value: Number(big) };
}

/** An integer query parameter; `undefined` when absent, `NaN` when not an integer. */
export function queryInt(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}
