// A byte scan of a JSON document that answers Go's encoding/json syntax errors, depth limit included.
import { goQuoteByte } from './go-text.js';

/** What the scanner expects next; the names follow the JSON grammar. */
type ScanState =
  | 'beginValueOrEmpty'
  | 'beginValue'
  | 'beginStringOrEmpty'
  | 'beginString'
  | 'endValue'
  | 'endTop'
  | 'inString'
  | 'inStringEsc'
  | 'inStringEscU'
  | 'inStringEscU1'
  | 'inStringEscU12'
  | 'inStringEscU123'
  | 'neg'
  | 'one'
  | 'zero'
  | 'dot'
  | 'dot0'
  | 'exponent'
  | 'exponentSign'
  | 'exponent0'
  | 'literal';

/** Where a container is in its grammar: expecting a key, a value of a key, or an array element. */
const OBJECT_KEY = 0;
const OBJECT_VALUE = 1;
const ARRAY_VALUE = 2;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** The literals `true`, `false`, `null`, by first letter. */
const LITERALS: Readonly<Record<number, string>> = { 0x74: 'true', 0x66: 'false', 0x6e: 'null' };

/** A syntax error as Go's `encoding/json` words it. */
export interface JsonSyntaxError {
  /** `invalid character '}' looking for beginning of value`, `unexpected end of JSON input`, ... */
  readonly message: string;
  /** The byte offset Go reports (`SyntaxError.Offset`): the bytes read when the error was found. */
  readonly offset: number;
}

/**
 * Checks that `bytes` is one JSON value, the way Go's `encoding/json` does before it decodes
 * anything (its `checkValid` scan), and answers the first error in Go's words — which is
 * what kube-apiserver puts in its Status messages. Containers nested deeper than `maxDepth`
 * are an error too (`invalid character '[' exceeded max depth`; Go's own limit is 10000).
 *
 * The scan is one pass over the bytes, with no recursion and no allocation beyond one small
 * entry per open container, so it bounds a hostile body before `JSON.parse` or any recursive
 * walk sees it. Bytes above 0x7f are accepted in strings as Go does (it coerces invalid
 * UTF-8 when decoding).
 *
 * ## Example
 * ```ts
 * jsonSyntaxError(Buffer.from('{"a":}'), 10000)?.message; // "invalid character '}' looking for beginning of value"
 * jsonSyntaxError(Buffer.from('{"a":1}'), 10000);          // undefined
 * ```
 */
export function jsonSyntaxError(bytes: Uint8Array, maxDepth: number): JsonSyntaxError | undefined {
  const stack: number[] = [];
  let state: ScanState = 'beginValue';
  let literal = '';
  let literalIndex = 0;
  let offset = 0;
  const fail = (c: number, context: string): JsonSyntaxError => ({ message: `invalid character ${goQuoteByte(c)} ${context}`, offset });

  // Feeds one byte; answers an error, or undefined to go on.
  const step = (c: number): JsonSyntaxError | undefined => {
    for (;;) {
      switch (state) {
        case 'beginValueOrEmpty':
          if (isSpace(c)) return undefined;
          if (c === 0x5d) {
            state = 'endValue';
            continue;
          }
          state = 'beginValue';
          continue;
        case 'beginValue':
          if (isSpace(c)) return undefined;
          switch (c) {
            case 0x7b: // {
              stack.push(OBJECT_KEY);
              if (stack.length > maxDepth) return fail(c, 'exceeded max depth');
              state = 'beginStringOrEmpty';
              return undefined;
            case 0x5b: // [
              stack.push(ARRAY_VALUE);
              if (stack.length > maxDepth) return fail(c, 'exceeded max depth');
              state = 'beginValueOrEmpty';
              return undefined;
            case 0x22:
              state = 'inString';
              return undefined;
            case 0x2d:
              state = 'neg';
              return undefined;
            case 0x30:
              state = 'zero';
              return undefined;
          }
          if (c >= 0x31 && c <= 0x39) {
            state = 'one';
            return undefined;
          }
          if (LITERALS[c] !== undefined) {
            literal = LITERALS[c];
            literalIndex = 1;
            state = 'literal';
            return undefined;
          }
          return fail(c, 'looking for beginning of value');
        case 'beginStringOrEmpty':
          if (isSpace(c)) return undefined;
          if (c === 0x7d) {
            stack[stack.length - 1] = OBJECT_VALUE;
            state = 'endValue';
            continue;
          }
          state = 'beginString';
          continue;
        case 'beginString':
          if (isSpace(c)) return undefined;
          if (c === 0x22) {
            state = 'inString';
            return undefined;
          }
          return fail(c, 'looking for beginning of object key string');
        case 'endValue': {
          if (stack.length === 0) {
            state = 'endTop';
            continue;
          }
          if (isSpace(c)) return undefined;
          const top = stack.length - 1;
          switch (stack[top]) {
            case OBJECT_KEY:
              if (c === 0x3a) {
                stack[top] = OBJECT_VALUE;
                state = 'beginValue';
                return undefined;
              }
              return fail(c, 'after object key');
            case OBJECT_VALUE:
              if (c === 0x2c) {
                stack[top] = OBJECT_KEY;
                state = 'beginString';
                return undefined;
              }
              if (c === 0x7d) {
                stack.pop();
                state = stack.length === 0 ? 'endTop' : 'endValue';
                return undefined;
              }
              return fail(c, 'after object key:value pair');
            default:
              if (c === 0x2c) {
                state = 'beginValue';
                return undefined;
              }
              if (c === 0x5d) {
                stack.pop();
                state = stack.length === 0 ? 'endTop' : 'endValue';
                return undefined;
              }
              return fail(c, 'after array element');
          }
        }
        case 'endTop':
          return isSpace(c) ? undefined : fail(c, 'after top-level value');
        case 'inString':
          if (c === 0x22) {
            state = 'endValue';
            return undefined;
          }
          if (c === 0x5c) {
            state = 'inStringEsc';
            return undefined;
          }
          return c < 0x20 ? fail(c, 'in string literal') : undefined;
        case 'inStringEsc':
          switch (c) {
            case 0x62: // b
            case 0x66: // f
            case 0x6e: // n
            case 0x72: // r
            case 0x74: // t
            case 0x5c: // \
            case 0x2f: // /
            case 0x22: // "
              state = 'inString';
              return undefined;
            case 0x75: // u
              state = 'inStringEscU';
              return undefined;
          }
          return fail(c, 'in string escape code');
        case 'inStringEscU':
        case 'inStringEscU1':
        case 'inStringEscU12':
        case 'inStringEscU123':
          if (!isHex(c)) return fail(c, 'in \\u hexadecimal character escape');
          state = state === 'inStringEscU' ? 'inStringEscU1' : state === 'inStringEscU1' ? 'inStringEscU12' : state === 'inStringEscU12' ? 'inStringEscU123' : 'inString';
          return undefined;
        case 'neg':
          if (c === 0x30) {
            state = 'zero';
            return undefined;
          }
          if (c >= 0x31 && c <= 0x39) {
            state = 'one';
            return undefined;
          }
          return fail(c, 'in numeric literal');
        case 'one':
          if (isDigit(c)) return undefined;
          state = 'zero';
          continue;
        case 'zero':
          if (c === 0x2e) {
            state = 'dot';
            return undefined;
          }
          if (c === 0x65 || c === 0x45) {
            state = 'exponent';
            return undefined;
          }
          state = 'endValue';
          continue;
        case 'dot':
          if (isDigit(c)) {
            state = 'dot0';
            return undefined;
          }
          return fail(c, 'after decimal point in numeric literal');
        case 'dot0':
          if (isDigit(c)) return undefined;
          if (c === 0x65 || c === 0x45) {
            state = 'exponent';
            return undefined;
          }
          state = 'endValue';
          continue;
        case 'exponent':
          state = 'exponentSign';
          if (c === 0x2b || c === 0x2d) return undefined;
          continue;
        case 'exponentSign':
          if (isDigit(c)) {
            state = 'exponent0';
            return undefined;
          }
          return fail(c, 'in exponent of numeric literal');
        case 'exponent0':
          if (isDigit(c)) return undefined;
          state = 'endValue';
          continue;
        case 'literal': {
          const expected = literal.charCodeAt(literalIndex);
          if (c !== expected) return fail(c, `in literal ${literal} (expecting '${literal[literalIndex] ?? ''}')`);
          literalIndex += 1;
          if (literalIndex === literal.length) state = 'endValue';
          return undefined;
        }
      }
    }
  };

  for (let i = 0; i < bytes.length; i++) {
    offset = i + 1;
    const error = step(bytes[i] as number);
    if (error !== undefined) return error;
  }
  // At the end Go feeds one space: it ends a number, or reveals an unfinished literal.
  if ((state as ScanState) === 'endTop') return undefined;
  const atEnd = step(0x20);
  if (atEnd !== undefined) return atEnd;
  if ((state as ScanState) === 'endTop') return undefined;
  return { message: 'unexpected end of JSON input', offset };
}
