// What exec, attach and port-forward hand to the test hooks that play the container.
import type { Duplex, Readable, Writable } from 'node:stream';

/** One `exec` or `attach` into a pod's container. */
export interface ExecSession {
  readonly kind: 'exec' | 'attach';
  readonly namespace: string;
  readonly pod: string;
  readonly container: string;
  /** The command (`exec` only; empty for `attach`). */
  readonly command: readonly string[];
  readonly tty: boolean;
  /** The client's stdin (ends when the client closes it), or `undefined` without `stdin=true`. */
  readonly stdin: Readable | undefined;
  /** Writes to the client's stdout. */
  readonly stdout: Writable;
  /** Writes to the client's stderr (merged into stdout with a tty, as kubelet does). */
  readonly stderr: Writable;
  /** Terminal size changes sent by the client (tty only). */
  onResize(listener: (size: { width: number; height: number }) => void): void;
}

/**
 * Plays the process of an exec or attach: resolves with its exit code (0 = success), or
 * rejects to report that it could not run.
 */
export type ExecHandler = (session: ExecSession) => number | Promise<number>;

/** One forwarded port of a pod. */
export interface PortForwardSession {
  readonly namespace: string;
  readonly pod: string;
  readonly port: number;
  /** The client's connection: what it writes is readable here, what is written here it reads. */
  readonly stream: Duplex;
}

/** Plays what listens on a pod's port; throwing reports an error on the port's error channel. */
export type PortForwardHandler = (session: PortForwardSession) => void;
