// The errors of startTestCluster and the real control plane it starts.
import { KubeError } from '../../core/index.js';

/** Why a test cluster could not start. */
export type TestClusterErrorReason =
  /** The kube-apiserver/etcd binaries were not found (build them, or set KUBEBUILDER_ASSETS). */
  | 'AssetsMissing'
  /** A control-plane process exited or never became ready. */
  | 'StartFailed'
  /** `KUBE_RX_TEST_CLUSTER` or the `kind` option names no known cluster kind. */
  | 'UnknownKind';

/** A test cluster could not be started. */
export class TestClusterError extends KubeError<TestClusterErrorReason> {
  override name = 'TestClusterError' as const;
}
