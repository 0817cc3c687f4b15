// Go's name for the JSON kind of a value, as its decoder's type errors print it.

/**
 * The Go type `json.Unmarshal` reads a body's kind and apiVersion into; kube-apiserver's
 * errors print it when the body is not an object.
 */
export const FIND_KIND_TYPE = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** `object`, `array`, `string`, `number` or `bool` (`null` for null or absent), as in `json: cannot unmarshal array into ...`. */
export function goJsonKind(value: unknown): 'object' | 'array' | 'string' | 'number' | 'bool' | 'null' {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

/** `json: cannot unmarshal <kind> into Go value of type <type>`. */
export function cannotUnmarshal(value: unknown, goType: string): string {
  return `json: cannot unmarshal ${goJsonKind(value)} into Go value of type ${goType}`;
}
