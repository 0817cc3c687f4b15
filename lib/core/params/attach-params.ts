// Parameters of exec and attach, and of port-forward.
import { RequestBuildError } from '../errors/request-build-error.js';
import { checkInteger } from './checks.js';

/** Which streams to attach to a container process. */
export interface AttachParams {
  readonly container?: string;
  /** @default false */
  readonly stdin?: boolean;
  /** @default true */
  readonly stdout?: boolean;
  /** @default !tty (a terminal merges stderr into stdout) */
  readonly stderr?: boolean;
  /** @default false */
  readonly tty?: boolean;
}

/**
 * Checks attach params before any request exists.
 *
 * @throws {RequestBuildError} `InvalidParams` when no stream is selected, or `tty` is combined
 *   with `stderr` (a terminal merges the two).
 */
export function validateAttachParams(params: AttachParams): void {
  const { stdin, stdout, stderr, tty } = resolveAttachParams(params);
  if (!stdin && !stdout && !stderr) {
    throw new RequestBuildError('InvalidParams', 'AttachParams', 'at least one of stdin, stdout and stderr must be true');
  }
  if (tty && stderr) {
    throw new RequestBuildError('InvalidParams', 'AttachParams.stderr', 'must be false when tty is true');
  }
}

/** The streams actually requested once defaults are applied (`stderr` defaults to `!tty`). */
export function resolveAttachParams(params: AttachParams): {
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
} {
  const tty = params.tty ?? false;
  return { stdin: params.stdin ?? false, stdout: params.stdout ?? true, stderr: params.stderr ?? !tty, tty };
}

/**
 * Checks port-forward ports: 1 to 128 distinct ports, each 1-65535.
 *
 * @throws {RequestBuildError} `InvalidParams` naming the offending port.
 */
export function validatePorts(ports: readonly number[]): void {
  if (ports.length === 0 || ports.length > 128) {
    throw new RequestBuildError('InvalidParams', 'ports', `must list 1 to 128 ports, got ${ports.length}`);
  }
  ports.forEach((port, i) => checkInteger(`ports[${i}]`, port, 1, 65535));
  if (new Set(ports).size !== ports.length) throw new RequestBuildError('InvalidParams', 'ports', 'must not repeat a port');
}
