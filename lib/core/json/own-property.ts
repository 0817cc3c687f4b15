// Own-property access for objects whose keys come from data: `__proto__`, `constructor` and the other
// names of `Object.prototype` are ordinary keys there, never links to a prototype.

/**
 * The value of `key` when `object` has it as an own property; `undefined` otherwise. Never returns
 * an inherited member, so `ownProperty({}, '__proto__')` and `ownProperty({}, 'constructor')` are
 * `undefined`, as a Go map lookup of those keys would be.
 */
export function ownProperty(object: object | null | undefined, key: string): unknown {
  return object !== null && object !== undefined && Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

/**
 * Sets `key` on `object` as an own, enumerable data property. Unlike `object[key] = value`, a key of
 * `__proto__` never calls the inherited setter (which would replace the object's prototype), and the
 * key stays an ordinary member that `JSON.stringify` and `Object.entries` see.
 */
export function setOwnProperty(object: object, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else (object as Record<string, unknown>)[key] = value;
}
