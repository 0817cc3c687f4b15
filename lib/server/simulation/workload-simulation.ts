// The workload simulation: nodes, scheduler, kubelets and workload controllers, in-process, in the spirit of kwok.
import type { ServerContext } from '../server-context.js';
import { ClusterWriter } from './cluster-writer.js';
import { DaemonSetController } from './daemon-set-controller.js';
import { DeploymentController } from './deployment-controller.js';
import { EndpointsController } from './endpoints-controller.js';
import { JobController } from './job-controller.js';
import { PodScheduler } from './pod-scheduler.js';
import { ReplicaSetController } from './replica-set-controller.js';
import { SimulatedKubelet } from './simulated-kubelet.js';
import { SimulatedNodes } from './simulated-nodes.js';
import { StatefulSetController } from './stateful-set-controller.js';
import { resolveSimulationOptions, type SimulationOptions } from './simulation-options.js';

/**
 * Makes workloads move without a real kubelet or kube-controller-manager, like kwok: simulated
 * nodes, a scheduler, a kubelet per simulated node (pods start, turn Ready and get IPs; Job pods
 * succeed), and the Deployment, ReplicaSet, ReplicationController, Job, StatefulSet, DaemonSet,
 * EndpointSlice and Endpoints controllers. Each part is an in-process controller on the
 * server's store events and background work, like the garbage collector; timed steps use the
 * server's deferred work with the delays of {@link SimulationOptions}.
 */
export class WorkloadSimulation {
  readonly #parts: { close(): void }[];

  constructor(ctx: ServerContext, options: SimulationOptions, onError: (error: unknown) => void) {
    const resolved = resolveSimulationOptions(options);
    const writer = (manager: string): ClusterWriter => new ClusterWriter(ctx, manager, onError);
    this.#parts = [
      new SimulatedNodes(ctx, writer('kubelet'), resolved.nodes),
      new PodScheduler(ctx, writer('kube-scheduler')),
      new SimulatedKubelet(ctx, writer('kubelet'), resolved),
      new ReplicaSetController(ctx, writer('kube-controller-manager')),
      new DeploymentController(ctx, writer('kube-controller-manager')),
      new JobController(ctx, writer('kube-controller-manager')),
      new StatefulSetController(ctx, writer('kube-controller-manager')),
      new DaemonSetController(ctx, writer('kube-controller-manager')),
      new EndpointsController(ctx, writer('kube-controller-manager')),
    ];
  }

  /** Stops every part. */
  close(): void {
    for (const part of this.#parts) part.close();
  }
}
