// Runs a kubeconfig exec credential plugin and caches its ExecCredential until it expires.
import { spawn } from 'node:child_process';
import { parse as parseYaml } from 'yaml';
import { redact } from '../../core/errors/redact.js';
import type { ExecConfig } from '../config/kubeconfig.js';
import type { Environment } from '../http/proxy-for-url.js';
import type { ExecClusterInfo } from './auth-config.js';
import { AuthError } from './auth-error.js';
import type { Authenticator, Credentials } from './authenticator.js';

/** Options of an {@link ExecPlugin}. */
export interface ExecPluginOptions {
  /** Sent as `spec.cluster` in `KUBERNETES_EXEC_INFO` (with `provideClusterInfo: true`). */
  readonly cluster?: ExecClusterInfo;
  /** The environment the plugin inherits, before the config's `env`. @default process.env */
  readonly env?: Environment;
  /** The clock, in epoch milliseconds. @default Date.now */
  readonly now?: () => number;
  /** Whether standard input is a terminal. @default process.stdin.isTTY === true */
  readonly isTerminal?: boolean;
  /** Where the plugin was configured, for messages (`file: users[name=x].user.exec`). */
  readonly where?: string;
}

/** A credential is treated as expired this long before its `expirationTimestamp`. */
export const EXEC_EXPIRY_MARGIN_MS = 10_000;
const MAX_STDOUT = 1024 * 1024;
const MAX_STDERR = 4 * 1024;

interface Cached {
  readonly credentials: Credentials;
  readonly expiresAt: number | undefined;
}

/**
 * An exec credential plugin (`client.authentication.k8s.io/v1` or `v1beta1`), as kubectl
 * runs it: `command args...` with the config's `env` added to the inherited environment and
 * `KUBERNETES_EXEC_INFO` set to `{"apiVersion":..., "kind":"ExecCredential", "spec":
 * {"interactive": bool, "cluster": {...}}}`.
 *
 * - `interactiveMode`: `Never` gives the plugin no stdin; `IfAvailable` (the v1beta1
 *   default) passes the terminal when there is one; `Always` requires one.
 * - The answer (JSON or YAML `ExecCredential`) carries a bearer `token` or a client
 *   certificate and key. It is cached until `expirationTimestamp` (less
 *   {@link EXEC_EXPIRY_MARGIN_MS}), or for good when there is none; concurrent requests
 *   share one run.
 * - After a 401 the Client calls {@link refresh}, so the plugin runs again once.
 * - The plugin's standard error is captured for error messages, and also passed on to
 *   this process's standard error when interactive (for prompts).
 *
 * ## Example
 * ```ts
 * const plugin = new ExecPlugin({ command: 'aws', args: ['eks', 'get-token', '--cluster-name', 'prod'],
 *   apiVersion: 'client.authentication.k8s.io/v1beta1' });
 * (await plugin.credentials()).headers; // [['Authorization', 'Bearer k8s-aws-v1...']]
 * ```
 */
export class ExecPlugin implements Authenticator {
  readonly config: ExecConfig;
  readonly #options: ExecPluginOptions;
  #cached: Cached | undefined;
  #pending: Promise<Cached> | undefined;
  /** How many times the plugin has been run (for diagnostics and specs). */
  runs = 0;

  constructor(config: ExecConfig, options: ExecPluginOptions = {}) {
    this.config = config;
    this.#options = options;
  }

  /**
   * The cached credentials, or those of a fresh run when there are none or they expired.
   *
   * @throws {AuthError} `ExecFailed` (could not start, or exited non-zero: with the exit code
   *   and standard error), `ExecInvalidOutput`, `ExecNotInteractive`.
   */
  async credentials(): Promise<Credentials> {
    const now = (this.#options.now ?? Date.now)();
    const cached = this.#cached;
    if (cached !== undefined && (cached.expiresAt === undefined || now < cached.expiresAt - EXEC_EXPIRY_MARGIN_MS)) return cached.credentials;
    this.#pending ??= this.#run().finally(() => {
      this.#pending = undefined;
    });
    const fresh = await this.#pending;
    this.#cached = fresh;
    return fresh.credentials;
  }

  /** Drops the cached credential, so the next request runs the plugin again; resolves `true`. */
  refresh(): Promise<boolean> {
    this.#cached = undefined;
    return Promise.resolve(true);
  }

  async #run(): Promise<Cached> {
    const { command, args = [], env = [], apiVersion } = this.config;
    const mode = this.config.interactiveMode ?? 'IfAvailable';
    const terminal = this.#options.isTerminal ?? process.stdin.isTTY === true;
    if (mode === 'Always' && !terminal) {
      throw new AuthError('ExecNotInteractive', `exec plugin ${JSON.stringify(command)} needs a terminal (interactiveMode Always) and standard input is not one`);
    }
    const interactive = mode !== 'Never' && terminal;
    const info = {
      apiVersion,
      kind: 'ExecCredential',
      spec: { interactive, ...(this.#options.cluster === undefined ? {} : { cluster: this.#options.cluster }) },
    };
    const childEnv: Record<string, string | undefined> = { ...(this.#options.env ?? process.env) };
    for (const variable of env) childEnv[variable.name] = variable.value;
    childEnv['KUBERNETES_EXEC_INFO'] = JSON.stringify(info);
    this.runs += 1;
    const { code, signal, stdout, stderr } = await run(command, args, childEnv, interactive, this.config.installHint);
    if (code !== 0) {
      const why = signal !== null ? `was killed by ${signal}` : `exited with code ${String(code)}`;
      const text = redact(stderr.trim());
      throw new AuthError('ExecFailed', `exec plugin ${JSON.stringify(command)} ${why}${text === '' ? '' : `: ${text}`}`, {
        ...(code === null ? {} : { exitCode: code }),
        stderr: text,
      });
    }
    return this.#decode(stdout);
  }

  #decode(stdout: string): Cached {
    const command = this.config.command;
    const invalid = (detail: string, cause?: unknown): AuthError =>
      new AuthError('ExecInvalidOutput', `exec plugin ${JSON.stringify(command)} printed ${detail}`, cause === undefined ? {} : { cause });
    let value: unknown;
    try {
      value = parseYaml(stdout);
    } catch (error) {
      throw invalid('something that is not JSON or YAML', error);
    }
    if (typeof value !== 'object' || value === null) throw invalid('no ExecCredential');
    const credential = value as { kind?: unknown; apiVersion?: unknown; status?: Record<string, unknown> };
    if (credential.kind !== 'ExecCredential') throw invalid(`kind ${JSON.stringify(credential.kind)}, not ExecCredential`);
    if (credential.apiVersion !== this.config.apiVersion) {
      throw invalid(`apiVersion ${JSON.stringify(credential.apiVersion)}, but it is configured for ${this.config.apiVersion}`);
    }
    const status = credential.status;
    if (typeof status !== 'object' || status === null) throw invalid('an ExecCredential without status');
    const { token, clientCertificateData: cert, clientKeyData: key, expirationTimestamp } = status;
    let expiresAt: number | undefined;
    if (expirationTimestamp !== undefined && expirationTimestamp !== null) {
      expiresAt = typeof expirationTimestamp === 'string' ? Date.parse(expirationTimestamp) : Number.NaN;
      if (Number.isNaN(expiresAt)) throw invalid(`an unparsable status.expirationTimestamp ${JSON.stringify(expirationTimestamp)}`);
    }
    const hasCert = typeof cert === 'string' && cert !== '';
    const hasKey = typeof key === 'string' && key !== '';
    if (hasCert !== hasKey) throw invalid(`status.${hasCert ? 'clientKeyData' : 'clientCertificateData'} missing: a certificate needs both`);
    if (typeof token === 'string' && token !== '') {
      return { credentials: { headers: [['Authorization', `Bearer ${token}`]] }, expiresAt };
    }
    if (hasCert && hasKey) return { credentials: { headers: [], certificate: { cert: cert as string, key: key as string } }, expiresAt };
    throw invalid('an ExecCredential with neither status.token nor status.clientCertificateData');
  }
}

interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], env: Record<string, string | undefined>, interactive: boolean, installHint: string | undefined): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [interactive ? 'inherit' : 'ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let outSize = 0;
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      outSize += chunk.length;
      if (outSize <= MAX_STDOUT) out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (interactive) process.stderr.write(chunk);
      if (err.length < MAX_STDERR) err += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      const hint = installHint === undefined || installHint.trim() === '' ? '' : `; ${installHint.trim()}`;
      reject(new AuthError('ExecFailed', `exec plugin ${JSON.stringify(command)} could not be started (${error.code ?? error.message})${hint}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      if (outSize > MAX_STDOUT) {
        reject(new AuthError('ExecInvalidOutput', `exec plugin ${JSON.stringify(command)} printed more than ${MAX_STDOUT} bytes`));
        return;
      }
      resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: err.slice(0, MAX_STDERR) });
    });
  });
}
