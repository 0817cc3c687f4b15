// Port-forwarding to a pod over a WebSocket: one duplex stream and one error channel per port.
import { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import { ClientError } from '../errors/client-error.js';
import { decodeFrame, encodeFrame } from './channel-protocol.js';

interface PortState {
  readonly port: number;
  readonly stream: Duplex;
  /** The 2-byte port prefix of the data and error channels has been seen. */
  dataReady: boolean;
  errorReady: boolean;
  errorText: string;
  resolveError: (text: string | undefined) => void;
  readonly error: Promise<string | undefined>;
}

/**
 * Forwards ports of a pod (kube-rs `Portforwarder`): port `ports[i]` uses channel `2i` for
 * data and `2i + 1` for errors; the server's first frame on each channel is the port as two
 * little-endian bytes, which is checked and dropped.
 *
 * ## Example
 * ```ts
 * const forwarder = await pods.portForward('web', [80]);
 * const http = forwarder.stream(80);
 * http.end('GET / HTTP/1.0\r\n\r\n');
 * http.pipe(process.stdout);
 * ```
 *
 * ## Guarantees
 * - Each stream ends when the connection closes; the connection closes once every stream's
 *   writable side has ended (or on {@link close}).
 * - {@link error} resolves with what the server reported for a port (e.g. nothing listens),
 *   or `undefined` when the connection closed without an error.
 * - A frame that breaks the protocol (a wrong port prefix) destroys the streams with a
 *   `ClientError` `BodyDecodeFailed`.
 */
export class PortForwarder {
  readonly ports: readonly number[];
  /** Resolves when the connection has closed. */
  readonly closed: Promise<void>;
  readonly #socket: WebSocket;
  readonly #states: PortState[];
  #writersOpen: number;

  constructor(socket: WebSocket, ports: readonly number[]) {
    this.#socket = socket;
    this.ports = ports;
    this.#writersOpen = ports.length;
    this.#states = ports.map((port, index) => {
      let resolveError!: (text: string | undefined) => void;
      const error = new Promise<string | undefined>((resolve) => {
        resolveError = resolve;
      });
      const stream = new Duplex({
        read: () => undefined,
        write: (chunk: Buffer, _encoding, callback) => socket.send(encodeFrame(2 * index, chunk), callback),
        final: (callback) => {
          this.#writersOpen -= 1;
          if (this.#writersOpen === 0) socket.close();
          callback();
        },
      });
      stream.on('error', () => undefined);
      return { port, stream, dataReady: false, errorReady: false, errorText: '', resolveError, error };
    });
    socket.on('message', (message: Buffer) => this.#receive(message));
    this.closed = new Promise<void>((resolve) => {
      socket.on('close', () => {
        for (const state of this.#states) {
          state.stream.push(null);
          state.resolveError(state.errorText === '' ? undefined : state.errorText);
        }
        resolve();
      });
    });
    socket.on('error', () => undefined);
  }

  /**
   * The stream of `port`.
   *
   * @throws {ClientError} `RequestFailed` when `port` is not being forwarded.
   */
  stream(port: number): Duplex {
    return this.#state(port).stream;
  }

  /** What the server reported on `port`'s error channel, once the connection closes. */
  error(port: number): Promise<string | undefined> {
    return this.#state(port).error;
  }

  /** Closes the connection and every stream. */
  close(): void {
    this.#socket.close();
  }

  #state(port: number): PortState {
    const state = this.#states.find((s) => s.port === port);
    if (state === undefined) throw new ClientError('RequestFailed', `port ${port} is not forwarded (ports: ${this.ports.join(', ')})`);
    return state;
  }

  #receive(message: Buffer): void {
    const frame = decodeFrame(message);
    if (frame === undefined) return;
    const state = this.#states[Math.floor(frame.channel / 2)];
    if (state === undefined) return;
    const isError = frame.channel % 2 === 1;
    let data = frame.data;
    if (isError ? !state.errorReady : !state.dataReady) {
      if (data.length < 2 || data.readUInt16LE(0) !== state.port) {
        const problem = new ClientError('BodyDecodeFailed', `port-forward channel ${frame.channel} did not start with port ${state.port}`);
        for (const s of this.#states) s.stream.destroy(problem);
        this.#socket.terminate();
        return;
      }
      if (isError) state.errorReady = true;
      else state.dataReady = true;
      data = data.subarray(2);
      if (data.length === 0) return;
    }
    if (isError) state.errorText += data.toString('utf8');
    else state.stream.push(data);
  }
}
