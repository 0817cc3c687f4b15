// The hash that names a workload's pod template (`pod-template-hash`, `controller-revision-hash`).
import { canonicalObject } from '../objects/canonical-object.js';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1a, 32 bits, of a string's UTF-8 bytes. */
function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * A template's hash, as the controllers compute it: FNV-1a 32 of the template (here its
 * canonical JSON; Go hashes a dump of the struct) and the collision count, written with
 * apimachinery's `SafeEncodeString` (each decimal digit mapped into an alphabet without vowels),
 * e.g. `7c5ddbdf54`. Equal templates get equal hashes.
 */
export function templateHash(template: unknown, collisionCount = 0): string {
  const digits = String(fnv32a(`${JSON.stringify(canonicalObject(template ?? {}))}#${collisionCount}`));
  let out = '';
  for (const char of digits) out += SAFE_ALPHABET.charAt(char.charCodeAt(0) % SAFE_ALPHABET.length);
  return out;
}
