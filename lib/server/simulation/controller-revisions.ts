// ControllerRevisions: the template history StatefulSets and DaemonSets keep (`kubectl rollout history`).
import { controllerRef, controllerUid, labelsOf, nameOf, numberAt, objectAt, uidOf, type ClusterWriter, type Json } from './cluster-writer.js';
import { templateHash } from './template-hash.js';

/** The label naming a pod's (and a revision's) template revision. */
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

/** The revision of a workload's current template: `<name>-<hash>`, and its number. */
export interface TemplateRevision {
  readonly name: string;
  readonly hash: string;
  readonly revision: number;
}

/**
 * Finds or creates the ControllerRevision of `owner`'s current template (named
 * `<owner>-<hash>`, labelled with the template's labels and `controller-revision-hash`, holding
 * `{spec: {template}}` as a patch with `$patch: replace`, numbered one above the newest), as
 * the StatefulSet and DaemonSet controllers do. A revision whose template comes back gets the
 * newest number again.
 */
export function currentRevision(writer: ClusterWriter, owner: Json, apiVersion: string, kind: string): TemplateRevision {
  const namespace = String(objectAt(owner, 'metadata')['namespace'] ?? '');
  const template = objectAt(owner, 'spec', 'template');
  const hash = templateHash(template, numberAt(owner, 0, 'status', 'collisionCount'));
  const name = `${nameOf(owner)}-${hash}`;
  const revisions = writer.list('controllerrevisions', namespace).filter((r) => controllerUid(r) === uidOf(owner));
  const newest = revisions.reduce((max, r) => Math.max(max, numberAt(r, 0, 'revision')), 0);
  const existing = revisions.find((r) => nameOf(r) === name);
  if (existing !== undefined) {
    const revision = numberAt(existing, 0, 'revision');
    if (revision < newest) {
      writer.update('controllerrevisions', { ...existing, revision: newest + 1 });
      return { name, hash, revision: newest + 1 };
    }
    return { name, hash, revision };
  }
  writer.create('controllerrevisions', namespace, {
    metadata: {
      name,
      namespace,
      labels: { ...(objectAt(template, 'metadata', 'labels') as Record<string, string>), [CONTROLLER_REVISION_HASH]: hash },
      ownerReferences: [controllerRef(owner, apiVersion, kind)],
    },
    data: { spec: { template: { ...template, $patch: 'replace' } } },
    revision: newest + 1,
  });
  return { name, hash, revision: newest + 1 };
}

/** Deletes the oldest revisions beyond `revisionHistoryLimit`, never one still in use. */
export function pruneRevisions(writer: ClusterWriter, owner: Json, inUse: ReadonlySet<string>): void {
  const namespace = String(objectAt(owner, 'metadata')['namespace'] ?? '');
  const limit = numberAt(owner, 10, 'spec', 'revisionHistoryLimit');
  const revisions = writer
    .list('controllerrevisions', namespace)
    .filter((r) => controllerUid(r) === uidOf(owner) && !inUse.has(nameOf(r)))
    .sort((a, b) => numberAt(a, 0, 'revision') - numberAt(b, 0, 'revision'));
  for (const revision of revisions.slice(0, Math.max(0, revisions.length - limit))) writer.delete('controllerrevisions', namespace, nameOf(revision));
}

/** The revision hash label a pod carries. */
export function podRevision(pod: Json): string {
  return labelsOf(pod)[CONTROLLER_REVISION_HASH] ?? '';
}
