// Reads a request body as JSON, bounded in size and nesting before anything parses it.
import type { IncomingMessage } from 'node:http';

/** Why a body was refused, and the HTTP code that says so. */
export interface BodyProblem {
  readonly code: 400 | 413;
  readonly message: string;
}

/** The deepest nesting of objects and arrays a review may have. */
export const MAX_JSON_DEPTH = 512;

/** The deepest `{`/`[` nesting of JSON text (outside strings); stops counting past `limit`. */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return max;
}

/**
 * The body of a request as JSON: at most `maxBytes` (more is refused with 413 as soon as it
 * arrives, without reading the rest), at most {@link MAX_JSON_DEPTH} levels deep, valid JSON
 * (400 otherwise).
 */
export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<{ readonly value: unknown } | BodyProblem> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > maxBytes) {
      resolve({ code: 413, message: `request body of ${declared} bytes is larger than the limit of ${maxBytes} bytes` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        resolve({ code: 413, message: `request body is larger than the limit of ${maxBytes} bytes` });
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => {
      if (!done) reject(error);
      done = true;
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      const text = Buffer.concat(chunks).toString('utf8');
      if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
        resolve({ code: 400, message: `request body is nested deeper than ${MAX_JSON_DEPTH} levels` });
        return;
      }
      try {
        resolve({ value: JSON.parse(text) as unknown });
      } catch (error) {
        resolve({ code: 400, message: `request body is not JSON: ${(error as Error).message}` });
      }
    });
  });
}
