// Checks the NDJSON line splitter against arbitrary chunk boundaries, in linear time.
import { expect } from 'chai';
import { DEFAULT_MAX_LINE_LENGTH, LineDecoder, LineTooLongError } from '../../../lib/core/watch/line-decoder.js';

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);

/** Feeds `chunks` and returns every line, the one `end()` flushes included. */
function decodeAll(chunks: (Uint8Array | string)[], options?: { skipEmpty?: boolean; maxLineLength?: number }): string[] {
  const decoder = new LineDecoder(options);
  const lines: string[] = [];
  for (const chunk of chunks) lines.push(...decoder.push(chunk));
  const last = decoder.end();
  if (last !== undefined) lines.push(last);
  return lines;
}

/** `data` cut at the given byte offsets. */
function cut(data: Uint8Array, offsets: number[]): Uint8Array[] {
  const bounds = [0, ...offsets, data.length];
  return bounds.slice(1).map((end, i) => data.subarray(bounds[i], end));
}

describe('LineDecoder', () => {
  describe('push', () => {
    it('should return nothing until a line is complete', () => {
      const decoder = new LineDecoder();
      expect(decoder.push(bytes('{"type":"ADD'))).to.deep.equal([]);
      expect(decoder.push(bytes('ED"}\n{"ty'))).to.deep.equal(['{"type":"ADDED"}']);
      expect(decoder.push(bytes('pe":"DELETED"}\n'))).to.deep.equal(['{"type":"DELETED"}']);
    });

    it('should return many lines from one chunk', () => {
      const decoder = new LineDecoder();
      expect(decoder.push(bytes('a\nb\nc\nd'))).to.deep.equal(['a', 'b', 'c']);
      expect(decoder.end()).to.equal('d');
    });

    it('should join a line split over many chunks', () => {
      expect(decodeAll(['ab', 'cd', 'ef', '\n'].map(bytes))).to.deep.equal(['abcdef']);
    });

    it('should give the same lines for every way of cutting the input in two', () => {
      const text = '{"a":"é"}\r\n\n{"b":"日本"}\n{"c":"😀"}\r\nlast';
      const data = bytes(text);
      for (let at = 0; at <= data.length; at += 1) {
        expect(decodeAll(cut(data, [at])), `cut at ${at}`).to.deep.equal(['{"a":"é"}', '{"b":"日本"}', '{"c":"😀"}', 'last']);
      }
    });

    it('should decode a 4-byte character split at every byte offset', () => {
      const data = bytes('x😀y\n');
      expect(data.length).to.equal(7);
      for (let a = 1; a < data.length; a += 1) {
        for (let b = a; b < data.length; b += 1) {
          expect(decodeAll(cut(data, [a, b])), `cuts at ${a},${b}`).to.deep.equal(['x😀y']);
        }
      }
      expect(decodeAll(cut(data, [1, 2, 3, 4, 5, 6]))).to.deep.equal(['x😀y']);
    });

    it('should end lines at CRLF, also when CR and LF arrive in different chunks', () => {
      expect(decodeAll([bytes('a\r\nb\r\n')])).to.deep.equal(['a', 'b']);
      expect(decodeAll([bytes('a\r'), bytes('\nb\r'), bytes('\n')])).to.deep.equal(['a', 'b']);
    });

    it('should keep a CR that does not end a line', () => {
      expect(decodeAll([bytes('a\rb\n')])).to.deep.equal(['a\rb']);
    });

    it('should drop empty lines by default', () => {
      expect(decodeAll([bytes('\n\na\n\r\n\nb\n\n')])).to.deep.equal(['a', 'b']);
    });

    it('should keep empty lines with skipEmpty: false', () => {
      expect(decodeAll([bytes('\na\n\r\nb\n')], { skipEmpty: false })).to.deep.equal(['', 'a', '', 'b']);
    });

    it('should accept string chunks', () => {
      expect(decodeAll(['{"x":', '1}\n{"y"', ':2}\n'])).to.deep.equal(['{"x":1}', '{"y":2}']);
    });

    it('should accept empty chunks', () => {
      expect(decodeAll([bytes(''), bytes('a'), bytes(''), bytes('\n'), bytes('')])).to.deep.equal(['a']);
    });
  });

  describe('end', () => {
    it('should flush a final unterminated line', () => {
      const decoder = new LineDecoder();
      decoder.push(bytes('a\nlast'));
      expect(decoder.end()).to.equal('last');
    });

    it('should strip a final CR', () => {
      const decoder = new LineDecoder();
      decoder.push(bytes('last\r'));
      expect(decoder.end()).to.equal('last');
    });

    it('should return undefined when the stream ended with a newline, or was empty', () => {
      const decoder = new LineDecoder();
      decoder.push(bytes('a\n'));
      expect(decoder.end()).to.equal(undefined);
      expect(new LineDecoder().end()).to.equal(undefined);
    });

    it('should turn a dangling partial UTF-8 character into U+FFFD', () => {
      const decoder = new LineDecoder();
      decoder.push(bytes('ab😀').subarray(0, 4));
      expect(decoder.end()).to.equal('ab\uFFFD');
    });

    it('should leave the decoder ready for a new stream', () => {
      const decoder = new LineDecoder();
      decoder.push(bytes('one'));
      expect(decoder.end()).to.equal('one');
      expect(decoder.push(bytes('two\n'))).to.deep.equal(['two']);
    });
  });

  describe('cost', () => {
    it('should split a 1 MB line fed one byte at a time (linear, not quadratic)', () => {
      const size = 1_000_000;
      const data = bytes(`${'x'.repeat(size)}\n`);
      const decoder = new LineDecoder();
      let lines: string[] = [];
      for (let i = 0; i < data.length; i += 1) {
        const out = decoder.push(data.subarray(i, i + 1));
        if (out.length > 0) lines = out;
      }
      expect(lines).to.have.length(1);
      expect(lines[0]).to.have.length(size);
    });

    it('should split 10,000 watch events fed one byte at a time', () => {
      const event = JSON.stringify({ type: 'MODIFIED', object: { kind: 'Pod', metadata: { name: 'pod-ü', resourceVersion: '1' } } });
      const data = bytes(`${event}\n`.repeat(10_000));
      const decoder = new LineDecoder();
      let count = 0;
      for (let i = 0; i < data.length; i += 1) {
        for (const line of decoder.push(data.subarray(i, i + 1))) {
          if (line !== event) throw new Error(`line ${count} is ${line}`);
          count += 1;
        }
      }
      expect(count).to.equal(10_000);
    });
  });

  describe('maxLineLength', () => {
    it('should throw a LineTooLongError once an unterminated line grows past the cap', () => {
      const decoder = new LineDecoder({ maxLineLength: 10 });
      expect(decoder.push('12345')).to.deep.equal([]);
      expect(decoder.push('67890')).to.deep.equal([]);
      const error = (() => {
        try {
          decoder.push('1');
          return undefined;
        } catch (e) {
          return e as LineTooLongError;
        }
      })();
      expect(error).to.be.instanceOf(LineTooLongError);
      expect([error?.reason, error?.limit]).to.deep.equal(['LineTooLong', 10]);
    });

    it('should throw for a complete line longer than the cap in one chunk', () => {
      expect(() => new LineDecoder({ maxLineLength: 3 }).push('abcd\n')).to.throw(LineTooLongError);
    });

    it('should accept lines up to the cap, however they are chunked', () => {
      expect(decodeAll(['ab', 'c\nde', 'f\n', 'ghi'], { maxLineLength: 3 })).to.deep.equal(['abc', 'def', 'ghi']);
    });

    it('should hold no more than the cap: 256 MB of one line are refused after 16 MiB by default', () => {
      const decoder = new LineDecoder();
      const chunk = 'x'.repeat(1024 * 1024);
      let fed = 0;
      expect(() => {
        for (; fed < 256; fed++) decoder.push(chunk);
      }).to.throw(LineTooLongError);
      expect(fed).to.equal(16);
      expect(DEFAULT_MAX_LINE_LENGTH).to.equal(16 * 1024 * 1024);
    });
  });
});
