// Where the real control plane's binaries are: envtest's KUBEBUILDER_ASSETS, or kube-rx's build cache.
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { TestClusterError } from './test-cluster-error.js';

/** The Kubernetes version `npm run cluster:build` builds, and that the embedded server claims. */
export const CONTROL_PLANE_VERSION = '1.32.13';

/** The binaries of a control plane, laid out as envtest's `KUBEBUILDER_ASSETS` is. */
export interface ControlPlaneAssets {
  /** The directory that holds them. */
  readonly dir: string;
  readonly kubeApiserver: string;
  readonly etcd: string;
  /** Absent from envtest's assets; the controllers it runs are then missing too. */
  readonly kubeControllerManager: string | undefined;
  readonly kubectl: string | undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The default assets directory: `$KUBEBUILDER_ASSETS` when set (a user who ran `setup-envtest`),
 * else `$KUBE_RX_CACHE/k8s-<version>` (default `~/.cache/kube-rx/k8s-1.32.13`, where this
 * repository's `npm run cluster:build` puts them).
 */
export function defaultAssetsDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnvtest = env['KUBEBUILDER_ASSETS'];
  if (fromEnvtest !== undefined && fromEnvtest !== '') return fromEnvtest;
  const cacheRoot = env['KUBE_RX_CACHE'] ?? join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'kube-rx');
  return join(cacheRoot, `k8s-${CONTROL_PLANE_VERSION}`);
}

/**
 * Finds `kube-apiserver` and `etcd` (required) and `kube-controller-manager`/`kubectl` (optional)
 * in `dir`.
 *
 * @throws {TestClusterError} `AssetsMissing`, saying how to get them.
 */
export function controlPlaneAssets(dir: string = defaultAssetsDir()): ControlPlaneAssets {
  const at = (name: string): string | undefined => (executable(join(dir, name)) ? join(dir, name) : undefined);
  const kubeApiserver = at('kube-apiserver');
  const etcd = at('etcd');
  if (kubeApiserver === undefined || etcd === undefined) {
    throw new TestClusterError(
      'AssetsMissing',
      `no kube-apiserver and etcd in ${dir}: set KUBEBUILDER_ASSETS to envtest's binaries (setup-envtest use 1.32.x), or in a kube-rx checkout run npm run cluster:build`,
    );
  }
  return { dir, kubeApiserver, etcd, kubeControllerManager: at('kube-controller-manager'), kubectl: at('kubectl') };
}
