// `kube-rx serve`: starts the embedded API server, writes a kubeconfig, and runs until SIGINT/SIGTERM.
import { resolve } from 'node:path';
import { startApiServer, type ApiServer } from '../server/index.js';
import { CliError } from './cli-error.js';

/** The parsed flags of `kube-rx serve`. */
export interface ServeOptions {
  /** @default 0 (an ephemeral port) */
  readonly port: number;
  /** @default '127.0.0.1' */
  readonly host: string;
  /** Where to write the kubeconfig; a temporary file when absent. */
  readonly kubeconfig: string | undefined;
  /** Serve plain HTTP instead of HTTPS. @default false */
  readonly insecure: boolean;
  /** Simulate workloads (nodes, scheduler, kubelets, workload controllers). @default true */
  readonly simulate: boolean;
  /** How many simulated nodes to create. @default 2 */
  readonly nodes: number | undefined;
}

/** What the command talks to: an output, and something that emits process signals. */
export interface ServeIo {
  write(text: string): void;
  once(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): void;
}

/** The usage text of `kube-rx serve`. */
export const SERVE_USAGE = `Usage: kube-rx serve [--port N] [--host ADDRESS] [--kubeconfig FILE] [--insecure] [--no-simulate] [--nodes N]

Starts an in-memory Kubernetes API server on loopback and writes a kubeconfig for it.

  --port N           port to listen on (default: an ephemeral port)
  --host ADDRESS     address to listen on (default: 127.0.0.1); the serving certificate names it
                     (0.0.0.0: every interface address and the hostname; the kubeconfig dials 127.0.0.1)
  --kubeconfig FILE  where to write the kubeconfig (mode 0600), kept after stop (default: a temporary file, removed)
  --insecure         serve plain HTTP instead of HTTPS (bearer token still required)
  --no-simulate      keep workloads still: no simulated nodes, scheduler, kubelets or workload
                     controllers (by default pods get scheduled and run, Deployments roll out,
                     Jobs complete, Services get endpoints, as with kwok)
  --nodes N          how many simulated nodes to create (default: 2)
`;

/**
 * Parses the flags of `kube-rx serve` (`--flag value` and `--flag=value`).
 *
 * @throws {CliError} `InvalidArgument` for unknown flags and bad values.
 */
export function parseServeArgs(args: readonly string[]): ServeOptions {
  let port = 0;
  let host = '127.0.0.1';
  let kubeconfig: string | undefined;
  let insecure = false;
  let simulate = true;
  let nodes: number | undefined;
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i] as string;
    const eq = arg.indexOf('=');
    const flag = eq === -1 ? arg : arg.slice(0, eq);
    const value = (): string => {
      if (eq !== -1) return arg.slice(eq + 1);
      const next = args[i + 1];
      if (next === undefined) throw new CliError('InvalidArgument', `${flag} needs a value`);
      i += 1;
      return next;
    };
    switch (flag) {
      case '--port': {
        const text = value();
        port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new CliError('InvalidArgument', `--port must be a port number (0-65535), got ${JSON.stringify(text)}`);
        break;
      }
      case '--host':
        host = value();
        break;
      case '--kubeconfig':
        kubeconfig = resolve(value());
        break;
      case '--insecure':
        insecure = true;
        break;
      case '--no-simulate':
        simulate = false;
        break;
      case '--nodes': {
        const text = value();
        nodes = Number(text);
        if (!/^\d+$/.test(text) || nodes > 1000) throw new CliError('InvalidArgument', `--nodes must be a number of nodes (0-1000), got ${JSON.stringify(text)}`);
        break;
      }
      default:
        throw new CliError('InvalidArgument', `unknown flag ${JSON.stringify(arg)} for serve`);
    }
  }
  return { port, host, kubeconfig, insecure, simulate, nodes };
}

/**
 * Runs `kube-rx serve`: starts the server, writes the kubeconfig, prints how to point
 * kubectl at it, and stops cleanly on the first SIGINT or SIGTERM.
 *
 * ## Example
 * ```sh
 * npx kube-rx serve --port 6443 --kubeconfig ./kubeconfig.yaml
 * KUBECONFIG=./kubeconfig.yaml kubectl get namespaces
 * ```
 *
 * @returns The exit code (0) once the server has stopped.
 * @throws {CliError} for bad flags; the server's own errors when it cannot start.
 */
export async function serveCommand(args: readonly string[], io: ServeIo): Promise<number> {
  const options = parseServeArgs(args);
  // Listen for the signals before saying we are ready: a signal that arrives between the two
  // would otherwise kill the process instead of stopping the server.
  let requestStop: () => void = () => undefined;
  const stopRequested = new Promise<void>((done) => (requestStop = done));
  const stop = (): void => {
    io.off('SIGINT', stop);
    io.off('SIGTERM', stop);
    requestStop();
  };
  io.once('SIGINT', stop);
  io.once('SIGTERM', stop);
  let server: ApiServer;
  try {
    server = await startApiServer({
      port: options.port,
      host: options.host,
      tls: !options.insecure,
      simulate: options.simulate ? (options.nodes === undefined ? true : { nodes: options.nodes }) : false,
      ...(options.kubeconfig === undefined ? {} : { kubeconfigPath: options.kubeconfig }),
    });
  } catch (error) {
    stop();
    throw error;
  }
  io.write(
    [
      `kube-rx API server listening on ${server.url}`,
      `kubeconfig written to ${server.kubeconfigPath}`,
      '',
      'Point kubectl (or any client) at it:',
      '',
      `  export KUBECONFIG=${server.kubeconfigPath}`,
      '  kubectl get namespaces',
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  await stopRequested;
  await server.close();
  io.write('kube-rx API server stopped\n');
  return 0;
}
