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

/** An integer query parameter; `undefined` when absent, `NaN` when not an integer. */
export function queryInt(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null || value === '') return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
}
