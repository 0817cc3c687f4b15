// What the workload simulation does and how fast.

/** Options of the workload simulation (`startApiServer({ simulate })`, `kube-rx serve --no-simulate`). */
export interface SimulationOptions {
  /** Nodes created at start (`kube-rx-node-1`, ...), as kwok users create fake nodes. @default 2 */
  readonly nodes?: number;
  /** How long a scheduled pod takes to start its containers and turn Ready, in milliseconds. @default 100 */
  readonly podStartMs?: number;
  /** How long a Job's pod runs before its containers exit 0, in milliseconds. @default 200 */
  readonly jobPodRunMs?: number;
  /** How long a deleted pod takes to stop before it is gone, in milliseconds. @default 0 */
  readonly podStopMs?: number;
}

/** {@link SimulationOptions} with every default applied. */
export type ResolvedSimulationOptions = Required<SimulationOptions>;

/** The options with their defaults. */
export function resolveSimulationOptions(options: SimulationOptions = {}): ResolvedSimulationOptions {
  return {
    nodes: options.nodes ?? 2,
    podStartMs: options.podStartMs ?? 100,
    jobPodRunMs: options.jobPodRunMs ?? 200,
    podStopMs: options.podStopMs ?? 0,
  };
}

/** The annotation kwok puts on the nodes it manages; the simulation manages nodes carrying it too. */
export const SIMULATED_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
