// SecretString: a credential that prints as [redacted] wherever it is logged or serialized.

/** Node's `util.inspect.custom`, by its registered name (core imports nothing from Node). */
const INSPECT: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/**
 * A credential (a bearer token, a password, a private key) that is safe to log: `inspect`,
 * `console.log`, `String()`, template strings and `JSON.stringify` all print `[redacted]`.
 * Only {@link SecretString.expose} gives the value, so each place that needs it says so (kube-rs keeps
 * such values in the `secrecy` crate's `SecretString` for the same reason). Named so as not
 * to clash with the `Secret` kind of the API.
 *
 * ## Example
 * ```ts
 * const token = new SecretString('eyJhbGciOi...');
 * console.log({ token });          // { token: SecretString [redacted] }
 * JSON.stringify({ token });       // '{"token":"[redacted]"}'
 * headers.set('Authorization', `Bearer ${token.expose()}`);
 * ```
 */
export class SecretString {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret value itself: pass it on, never log it. */
  expose(): string {
    return this.#value;
  }

  /** `[redacted]`: what `JSON.stringify` writes. */
  toJSON(): string {
    return '[redacted]';
  }

  /** `[redacted]`: what `String()` and template strings give. */
  toString(): string {
    return '[redacted]';
  }

  /** What `util.inspect` and `console.log` show. */
  [INSPECT](): string {
    return 'SecretString [redacted]';
  }
}

/** The value of a credential given either as a plain string or as a {@link SecretString}. */
export function exposeSecret(value: string | SecretString): string {
  return typeof value === 'string' ? value : value.expose();
}

/** `value` as a {@link SecretString} (one is returned as is). */
export function toSecret(value: string | SecretString): SecretString {
  return typeof value === 'string' ? new SecretString(value) : value;
}
