// A process in a container reached over a WebSocket: stdin/stdout/stderr streams, resize, exit status.
import { PassThrough, Writable, type Readable } from 'node:stream';
import type WebSocket from 'ws';
import type { Status } from '../../core/status.js';
import { ClientError } from '../errors/client-error.js';
import { Channel, decodeFrame, encodeFrame, V5_CHANNEL_PROTOCOL, type ChannelProtocol } from './channel-protocol.js';

/** Which streams were asked for (`AttachParams` after defaults). */
export interface AttachedStreams {
  readonly stdin: boolean;
  readonly stdout: boolean;
  readonly stderr: boolean;
  readonly tty: boolean;
}

/** A terminal size. */
export interface TerminalSize {
  readonly width: number;
  readonly height: number;
}

/**
 * A running `exec` or `attach` (kube-rs `AttachedProcess`). Its output arrives on the
 * `stdout`/`stderr` Node streams (present when asked for), input goes to `stdin`, and
 * `status` resolves with the API's `Status` once the process ends (`Success`, or
 * `Failure` with reason `NonZeroExitCode`: see {@link exitCode}).
 *
 * ## Example
 * ```ts
 * const proc = await pods.exec('web', ['sh', '-c', 'cat; echo done >&2'], { stdin: true });
 * proc.stdout?.pipe(process.stdout);
 * proc.stdin?.end('hello\n');          // v5: the process sees EOF
 * console.log(exitCode(await proc.status));
 * ```
 *
 * ## Guarantees
 * - `stdout`/`stderr` end when the process ends or the connection closes.
 * - `status` resolves once: with the server's Status, or a `Success` when the server closes
 *   normally without one; it rejects with `ClientError` `ConnectionReset` when the connection
 *   breaks first, `Aborted` after {@link close}.
 * - Ending `stdin` sends EOF with `v5.channel.k8s.io`; the older `v4.channel.k8s.io` has no
 *   such signal, so the process keeps its stdin open until it exits.
 */
export class AttachedProcess {
  /** The negotiated protocol. */
  readonly protocol: ChannelProtocol;
  readonly stdin: Writable | undefined;
  readonly stdout: Readable | undefined;
  readonly stderr: Readable | undefined;
  /** The process's end: see the class notes. */
  readonly status: Promise<Status>;
  readonly #socket: WebSocket;
  readonly #tty: boolean;
  #closed = false;

  constructor(socket: WebSocket, protocol: ChannelProtocol, streams: AttachedStreams) {
    this.#socket = socket;
    this.#tty = streams.tty;
    this.protocol = protocol;
    const stdout = streams.stdout ? new PassThrough() : undefined;
    const stderr = streams.stderr ? new PassThrough() : undefined;
    this.stdout = stdout;
    this.stderr = stderr;
    this.stdin = streams.stdin
      ? new Writable({
          write: (chunk: Buffer, _encoding, callback) => socket.send(encodeFrame(Channel.stdin, chunk), callback),
          final: (callback) => {
            if (protocol === V5_CHANNEL_PROTOCOL && socket.readyState === socket.OPEN) socket.send(encodeFrame(Channel.close, Uint8Array.of(Channel.stdin)), callback);
            else callback();
          },
        })
      : undefined;
    this.stdin?.on('error', () => undefined);
    let status: Partial<Status> | undefined;
    let statusText = '';
    this.status = new Promise<Status>((resolve, reject) => {
      socket.on('message', (message: Buffer) => {
        const frame = decodeFrame(message);
        if (frame === undefined) return;
        switch (frame.channel) {
          case Channel.stdout:
            stdout?.write(frame.data);
            break;
          case Channel.stderr:
            stderr?.write(frame.data);
            break;
          case Channel.error:
            statusText += frame.data.toString('utf8');
            try {
              status = JSON.parse(statusText) as Partial<Status>;
            } catch {
              // a Status split over frames: wait for the rest
            }
            break;
          default:
            break;
        }
      });
      socket.on('close', (code: number) => {
        stdout?.end();
        stderr?.end();
        if (status !== undefined) resolve({ kind: 'Status', apiVersion: 'v1', metadata: {}, ...status });
        else if (this.#closed) reject(new ClientError('Aborted', 'the attached process was closed'));
        else if (code === 1000 || code === 1005) resolve({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' });
        else reject(new ClientError('ConnectionReset', `the connection closed with code ${code} before the process ended`));
      });
      socket.on('error', () => undefined);
    });
    this.status.catch(() => undefined);
  }

  /**
   * Sets the terminal size (tty only; ignored otherwise).
   */
  resize(size: TerminalSize): void {
    if (!this.#tty || this.#socket.readyState !== this.#socket.OPEN) return;
    this.#socket.send(encodeFrame(Channel.resize, JSON.stringify({ Width: size.width, Height: size.height })));
  }

  /** Closes the connection (the process may go on running in the container). */
  close(): void {
    this.#closed = true;
    this.#socket.close();
  }
}

/**
 * The exit code in a process's `Status`: 0 for `Success`, the code of a `NonZeroExitCode`
 * failure, `undefined` for another failure (the command could not start, ...).
 */
export function exitCode(status: Status): number | undefined {
  if (status.status === 'Success') return 0;
  if (status.reason !== 'NonZeroExitCode') return undefined;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : undefined;
}
