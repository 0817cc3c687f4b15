// A reference to one object: its identity key (for stores and queues) and a display form.
import { KubeError } from './errors/kube-error.js';
import type { KubeObject } from './object.js';
import type { ResourceType } from './resource-type.js';

/**
 * Points at one object. Identity is group + kind + namespace + name ({@link objectRefKey});
 * `uid` and `resourceVersion` ride along but are not part of it (kube-rs `ObjectRef`).
 */
export interface ObjectRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Absent for cluster-scoped objects. */
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
}

/**
 * The reference to an object. `apiVersion`/`kind` come from the object, else from
 * `resource` (list items often lack them).
 *
 * @throws {KubeError} `MissingField` when the object has no name, or its kind is unknown.
 */
export function objectRef(object: KubeObject, resource?: Pick<ResourceType, 'apiVersion' | 'kind'>): ObjectRef {
  const name = object.metadata?.name;
  const apiVersion = object.apiVersion ?? resource?.apiVersion;
  const kind = object.kind ?? resource?.kind;
  if (name === undefined || name === '') throw new KubeError('MissingField', 'object has no metadata.name');
  if (apiVersion === undefined || kind === undefined) {
    throw new KubeError('MissingField', `object ${name} has no apiVersion/kind and no resource was given`);
  }
  const meta = object.metadata;
  return {
    apiVersion,
    kind,
    name,
    ...(meta?.namespace === undefined || meta.namespace === '' ? {} : { namespace: meta.namespace }),
    ...(meta?.uid === undefined ? {} : { uid: meta.uid }),
    ...(meta?.resourceVersion === undefined ? {} : { resourceVersion: meta.resourceVersion }),
  };
}

/**
 * The identity of a reference as a string: `group/Kind/namespace/name` (namespace empty
 * for cluster scope). Equal keys mean the same object, whatever the version, uid or
 * resourceVersion; use it as a `Map` key.
 */
export function objectRefKey(ref: Pick<ObjectRef, 'apiVersion' | 'kind' | 'namespace' | 'name'>): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : ref.apiVersion.slice(0, slash);
  return `${group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}

/**
 * The human form kube-rs prints: `Kind.version.group/name.namespace`, e.g.
 * `Deployment.v1.apps/web.default` or `Node.v1./node-1`. Meant for logs and messages, so it
 * never throws: a malformed `apiVersion` is split at its first `/` as it is.
 */
export function formatObjectRef(ref: ObjectRef): string {
  const slash = ref.apiVersion.indexOf('/');
  const group = slash === -1 ? '' : ref.apiVersion.slice(0, slash);
  const version = slash === -1 ? ref.apiVersion : ref.apiVersion.slice(slash + 1);
  const ns = ref.namespace === undefined ? '' : `.${ref.namespace}`;
  return `${ref.kind}.${version}.${group}/${ref.name}${ns}`;
}
