// generateName: a prefix plus five random characters, as kube-apiserver's SimpleNameGenerator makes them.
import { randomInt } from 'node:crypto';

const ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const MAX_PREFIX = 58;

/** `prefix` (cut to 58 characters) followed by 5 characters from `bcdfghjklmnpqrstvwxz2456789`. */
export function generateName(prefix: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i += 1) suffix += ALPHABET.charAt(randomInt(ALPHABET.length));
  return `${prefix.slice(0, MAX_PREFIX)}${suffix}`;
}
