// Pods of a workload: made from its template, owned by it, found by its controller reference.
import { controllerUid, isTerminating, objectAt, uidOf, type ClusterWriter, type Json } from './cluster-writer.js';

/** The pods a controller owns in its namespace (terminating ones included). */
export function ownedPods(writer: ClusterWriter, owner: Json, namespace: string): Json[] {
  const uid = uidOf(owner);
  return writer.list('pods', namespace).filter((p) => controllerUid(p) === uid);
}

/** The owned pods that are not being deleted. */
export function activePods(pods: readonly Json[]): Json[] {
  return pods.filter((p) => !isTerminating(p));
}

/** What a new pod looks like besides its template: name or generateName, extra labels, more spec. */
export interface PodShape {
  readonly name?: string;
  readonly generateName?: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly spec?: Json;
}

/**
 * Creates a pod from a workload's pod template, controlled by `ownerRef` (what every
 * workload controller's `PodControl.CreatePods` does): template labels and annotations, the
 * template spec, plus `shape`.
 */
export function createPodFromTemplate(writer: ClusterWriter, namespace: string, template: Json, ownerRef: Json, shape: PodShape): Json | undefined {
  const meta = objectAt(template, 'metadata');
  const labels = { ...(objectAt(meta, 'labels') as Record<string, string>), ...(shape.labels ?? {}) };
  const annotations = { ...(objectAt(meta, 'annotations') as Record<string, string>), ...(shape.annotations ?? {}) };
  return writer.create('pods', namespace, {
    metadata: {
      ...(shape.name === undefined ? { generateName: shape.generateName ?? '' } : { name: shape.name }),
      namespace,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ownerReferences: [ownerRef],
    },
    spec: { ...structuredClone(objectAt(template, 'spec')), ...(shape.spec ?? {}) },
  });
}
