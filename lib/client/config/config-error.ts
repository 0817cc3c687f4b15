// Raised when no usable configuration can be made: a malformed kubeconfig, a missing file, no cluster.
import { isKubeErrorNamed, KubeError } from '../../core/errors/kube-error.js';

/**
 * Why a configuration could not be made.
 *
 * - `InvalidYaml`: the kubeconfig is not YAML.
 * - `InvalidField`: a field has the wrong type or an unusable value (a bad URL, bad base64).
 * - `MissingField`: a required field is absent (`current-context`, `cluster.server`, ...).
 * - `NotFound`: a named context, cluster or user is not in the kubeconfig.
 * - `ConflictingFields`: two fields that exclude each other are both set (token and basic auth).
 * - `Unsupported`: a valid setting kube-rx does not implement (an `auth-provider` other
 *   than a static OIDC `id-token`, a `socks5://` proxy, an unknown exec API version).
 * - `ReadFailed`: a file the configuration points at cannot be read.
 * - `NoKubeconfig`: neither `$KUBECONFIG` nor `~/.kube/config` names an existing file.
 * - `NotInCluster`: the in-cluster environment (service host/port, service account) is absent.
 * - `InferFailed`: {@link Config.infer} tried everything; `causes` holds each attempt's error.
 */
export type ConfigErrorReason =
  | 'InvalidYaml'
  | 'InvalidField'
  | 'MissingField'
  | 'NotFound'
  | 'ConflictingFields'
  | 'Unsupported'
  | 'ReadFailed'
  | 'NoKubeconfig'
  | 'NotInCluster'
  | 'InferFailed';

/** Where a configuration problem is: the file (or `<text>`) and the field path. */
export interface ConfigErrorLocation {
  /** The kubeconfig file, `<text>` for a kubeconfig given as text, or a path read by in-cluster config. */
  readonly file?: string;
  /** The field, as a path: `users[name=admin].user.client-key-data`, `current-context`. */
  readonly field?: string;
}

/**
 * A configuration is unusable. The message names the file and the field, e.g.
 * `/home/me/.kube/config: clusters[name=prod].cluster.server: is required`, and never the
 * value of a credential.
 *
 * ## Example
 * ```ts
 * try {
 *   await Config.fromKubeconfig({ path: './broken.yaml' });
 * } catch (error) {
 *   if (isConfigError(error)) console.error(error.file, error.field, error.message);
 * }
 * ```
 */
export class ConfigError extends KubeError<ConfigErrorReason> {
  override name = 'ConfigError' as const;
  readonly file: string | undefined;
  readonly field: string | undefined;
  /** For `InferFailed`: the error of each source that was tried, in order. */
  readonly causes: readonly Error[];

  constructor(reason: ConfigErrorReason, detail: string, location: ConfigErrorLocation = {}, options?: ErrorOptions & { causes?: readonly Error[] }) {
    const where = [location.file, location.field].filter((part) => part !== undefined).join(': ');
    super(reason, where === '' ? detail : `${where}: ${detail}`, options);
    this.file = location.file;
    this.field = location.field;
    this.causes = options?.causes ?? [];
  }
}

/** True for a ConfigError, also from another copy of this package (the KubeError brand, then the name). */
export function isConfigError(error: unknown): error is ConfigError {
  return isKubeErrorNamed<ConfigError>(error, 'ConfigError');
}
