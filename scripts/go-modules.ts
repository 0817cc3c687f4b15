// Where the Go modules the generators read live: the module cache, filled through the Go module proxy.
import { execFileSync } from 'node:child_process';

/** The Kubernetes release the embedded server reproduces, and its staging modules' version. */
export const KUBERNETES_VERSION = 'v1.32.13';
/** The version of the `k8s.io/api`, `k8s.io/apimachinery`, ... staging modules of that release. */
export const STAGING_VERSION = 'v0.32.13';

const dirs = new Map<string, string>();

/**
 * The directory of a Go module in the module cache (`go mod download -json`, which fetches
 * it through the module proxy when it is not cached yet).
 *
 * @throws {Error} naming the command to run when `go` cannot provide the module.
 */
export function goModuleDir(path: string, version: string): string {
  const key = `${path}@${version}`;
  const cached = dirs.get(key);
  if (cached !== undefined) return cached;
  let output: string;
  try {
    output = execFileSync('go', ['mod', 'download', '-json', key], { encoding: 'utf8', env: { ...process.env, GOFLAGS: '-mod=mod' }, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`cannot read the Go module ${key} (go mod download -json ${key}): ${(error as Error).message}`);
  }
  const dir = (JSON.parse(output) as { Dir?: string }).Dir;
  if (dir === undefined) throw new Error(`go mod download -json ${key} did not name a directory`);
  dirs.set(key, dir);
  return dir;
}

/** The module (path and version) that holds a Kubernetes import path, e.g. `k8s.io/api/core/v1`. */
export function kubernetesModuleOf(importPath: string): { readonly module: string; readonly version: string; readonly subdir: string } {
  for (const module of ['k8s.io/apimachinery', 'k8s.io/apiextensions-apiserver', 'k8s.io/kube-aggregator', 'k8s.io/api']) {
    if (importPath === module || importPath.startsWith(`${module}/`)) {
      return { module, version: STAGING_VERSION, subdir: importPath.slice(module.length + 1) };
    }
  }
  throw new Error(`no Kubernetes module holds ${importPath}`);
}
