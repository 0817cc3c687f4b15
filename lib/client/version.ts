// The kube-rx version and the User-Agent every request carries.

/** The version of kube-rx; kept equal to package.json's by `spec/client/version.spec.ts`. */
export const KUBE_RX_VERSION = '0.1.0';

/** The `User-Agent` sent by default: `kube-rx/<version>`. */
export const DEFAULT_USER_AGENT = `kube-rx/${KUBE_RX_VERSION}`;
