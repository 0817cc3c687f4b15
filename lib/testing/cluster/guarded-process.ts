// Child processes that die with the process that started them, even when it is killed with SIGKILL.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

/**
 * A shell guard between us and the binary: it holds the read end of our stdin pipe and, when that
 * pipe reaches end of file (we closed it, or we died and the kernel closed it), stops the binary
 * with SIGTERM and, five seconds later, SIGKILL, then removes `$KUBE_RX_GUARD_REMOVE` if set. The
 * binary itself gets /dev/null as stdin.
 */
const GUARD = [
  'exec 3<&0',
  '"$@" 3<&- </dev/null &',
  'child=$!',
  '( while read -r _ <&3; do :; done; kill -TERM "$child" 2>/dev/null; i=0; while kill -0 "$child" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done; kill -KILL "$child" 2>/dev/null; [ -n "$KUBE_RX_GUARD_REMOVE" ] && sleep 1 && rm -rf "$KUBE_RX_GUARD_REMOVE" ) &',
  'exec 3<&-',
  'wait "$child"',
].join('\n');

/** A running guarded process. */
export interface GuardedProcess {
  /** The name it was started under (for messages). */
  readonly name: string;
  /** Resolves with the exit code (or the signal's name) when the process has ended. */
  readonly exited: Promise<number | string>;
  /** True once the process has ended. */
  readonly ended: boolean;
  /** Stops the process (SIGTERM, then SIGKILL after 5 s) and resolves once it has ended. */
  stop(): Promise<void>;
}

/**
 * Starts `binary args…` so that it stops when {@link GuardedProcess.stop} is called or when this
 * process ends in any way, SIGKILL included: nothing it starts outlives a test run. Its stdout and
 * stderr go to `logFile`; `removeAfter` is a directory the guard deletes once the binary has
 * stopped (the caller's own cleanup cannot run after a SIGKILL).
 */
export function startGuarded(name: string, binary: string, args: readonly string[], logFile: string, options: { readonly removeAfter?: string } = {}): GuardedProcess {
  const log: WriteStream = createWriteStream(logFile, { flags: 'a' });
  const env = { ...process.env, KUBE_RX_GUARD_REMOVE: options.removeAfter ?? '' };
  const child: ChildProcess = spawn('sh', ['-c', GUARD, 'sh', binary, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  let ended = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      ended = true;
      resolve(code ?? signal ?? 'unknown');
    });
    child.once('error', () => {
      ended = true;
      resolve('spawn-failed');
    });
  });
  void exited.then(() => setTimeout(() => log.end(), 100).unref());
  // Our end of the pipe must not keep the event loop alive on its own.
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  return {
    name,
    exited,
    get ended() {
      return ended;
    },
    async stop() {
      if (ended) return;
      child.stdin?.end();
      const late = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(late);
    },
  };
}
