// Spec fixture: runs the real kubectl against an embedded server, with a private HOME and cache dir.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where kubectl lives on the machines this repository runs on. */
export const KUBECTL = '/usr/bin/kubectl';

/** What one kubectl invocation printed. */
export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A kubectl left running (`get -w`, `wait`, `delete` that waits). */
export interface RunningKubectl {
  readonly process: ChildProcess;
  /** Everything printed on stdout so far. */
  output(): string;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string | RegExp): Promise<void>;
  /** Resolves with the result when the process exits. */
  exited(): Promise<KubectlResult>;
  /** Stops the process. */
  stop(): void;
}

/**
 * kubectl pointed at one kubeconfig, with its own HOME and `--cache-dir`, so discovery and
 * HTTP caches never leak between servers (kubectl caches discovery for 6 h per host:port).
 */
export class Kubectl {
  readonly #env: NodeJS.ProcessEnv;
  readonly #cacheDir: string;
  readonly #dir: string;

  private constructor(dir: string, kubeconfigPath: string) {
    this.#dir = dir;
    this.#cacheDir = join(dir, 'cache');
    this.#env = { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: dir, KUBECONFIG: kubeconfigPath };
  }

  /** A kubectl for this kubeconfig text (written to a private temporary directory). */
  static async forKubeconfig(kubeconfig: string): Promise<Kubectl> {
    const dir = await mkdtemp(join(tmpdir(), 'kube-rx-kubectl-'));
    const path = join(dir, 'kubeconfig.yaml');
    await writeFile(path, kubeconfig, { mode: 0o600 });
    return new Kubectl(dir, path);
  }

  /** Removes the private directory. */
  async dispose(): Promise<void> {
    await rm(this.#dir, { recursive: true, force: true });
  }

  #args(args: readonly string[]): string[] {
    return [`--cache-dir=${this.#cacheDir}`, ...args];
  }

  /** Runs kubectl to completion (never rejects on a non-zero exit: check `code`). */
  run(args: readonly string[], stdin?: string): Promise<KubectlResult> {
    return new Promise((resolve, reject) => {
      const child = execFile(KUBECTL, this.#args(args), { env: this.#env, timeout: 30_000 }, (error, stdout, stderr) => {
        if (error !== null && typeof (error as { code?: unknown }).code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: error === null ? 0 : Number((error as { code: number }).code), stdout, stderr });
      });
      child.stdin?.end(stdin ?? '');
    });
  }

  /** Starts kubectl and leaves it running. */
  start(args: readonly string[]): RunningKubectl {
    const child = spawn(KUBECTL, this.#args(args), { env: this.#env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const waiters: { text: string | RegExp; resolve: () => void }[] = [];
    const matches = (text: string | RegExp): boolean => (typeof text === 'string' ? stdout.includes(text) : text.test(stdout));
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      for (const waiter of [...waiters]) {
        if (matches(waiter.text)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const exit = new Promise<KubectlResult>((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
    return {
      process: child,
      output: () => stdout,
      waitFor: (text) =>
        matches(text)
          ? Promise.resolve()
          : new Promise<void>((resolve, reject) => {
              waiters.push({ text, resolve });
              void exit.then((r) => reject(new Error(`kubectl exited (${r.code}) before printing ${String(text)}: ${r.stdout}${r.stderr}`)));
            }),
      exited: () => exit,
      stop: () => {
        child.kill('SIGTERM');
      },
    };
  }
}
