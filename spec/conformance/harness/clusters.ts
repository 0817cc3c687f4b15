// The two servers of the differential suite, started alike.
import { startTestCluster, type TestCluster } from '../../../lib/testing/index.js';
import { clusterTarget, type Target } from './target.js';

/**
 * The kube-controller-manager controllers the real cluster runs for the suite: those whose work
 * the embedded server also does in process (garbage collection, namespace finalization,
 * `default` ServiceAccounts, the `kube-root-ca.crt` ConfigMap, the volume protection finalizers). Workload controllers
 * (Deployments, ReplicaSets, StatefulSets, Jobs, CronJobs, DaemonSets), endpoints and the
 * volume binder are left out: they are clients of the API server, not part of it, and their
 * timing would make the compared answers race. The suite judges the API server.
 */
export const REAL_CONTROLLERS = [
  'garbage-collector-controller',
  'namespace-controller',
  'serviceaccount-controller',
  'root-ca-certificate-publisher-controller',
  'persistentvolumeclaim-protection-controller',
  'persistentvolume-protection-controller',
] as const;

/** A started cluster and the target of the suite on it. */
export interface ConformanceCluster {
  readonly cluster: TestCluster;
  readonly target: Target;
  close(): Promise<void>;
}

/** Starts the embedded server or the real control plane for the suite. */
export async function startConformanceCluster(kind: 'embedded' | 'real'): Promise<ConformanceCluster> {
  // The embedded server's kwok-style workload simulation stays off: the real control plane of
  // the suite runs no scheduler, kubelet or workload controllers either.
  const cluster = await startTestCluster({ kind, controllers: kind === 'real' ? REAL_CONTROLLERS : true, embedded: { simulate: false } });
  const target = await clusterTarget(cluster);
  return {
    cluster,
    target,
    async close() {
      await target.close();
      await cluster.close();
    },
  };
}
