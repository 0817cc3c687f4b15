// The answer of GET /version: the Kubernetes version the embedded server emulates.

/** The emulated Kubernetes minor version. */
export const KUBERNETES_MINOR = 32;

/** The emulated patch: the release the test suite's real control plane is built from. */
export const KUBERNETES_PATCH = 13;

/** `/version`, as kube-apiserver 1.32 answers it (`gitVersion` is valid semver). */
export function versionInfo(): Record<string, string> {
  return {
    major: '1',
    minor: String(KUBERNETES_MINOR),
    gitVersion: `v1.${KUBERNETES_MINOR}.${KUBERNETES_PATCH}`,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2024-12-11T00:00:00Z',
    goVersion: 'go1.23.3',
    compiler: 'gc',
    platform: `${process.platform}/${process.arch === 'x64' ? 'amd64' : process.arch}`,
  };
}
