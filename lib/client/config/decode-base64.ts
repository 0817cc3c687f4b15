// Strict base64 decoding for the kubeconfig's *-data fields.
import { ConfigError, type ConfigErrorLocation } from './config-error.js';

/**
 * Decodes a standard base64 field (whitespace and line breaks allowed, as YAML folds long
 * values) to UTF-8 text.
 *
 * @throws {ConfigError} `InvalidField` at `location` when the text is not base64; the value
 *   itself is never in the message.
 */
export function decodeBase64(text: string, location: ConfigErrorLocation): string {
  const compact = text.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 === 1) {
    throw new ConfigError('InvalidField', 'is not valid base64', location);
  }
  return Buffer.from(compact, 'base64').toString('utf8');
}
