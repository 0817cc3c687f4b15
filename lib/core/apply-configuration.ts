// Apply configurations: the typed body of a server-side apply, a deep-partial of the kind.
import type { KubeObject, ObjectMeta } from './object.js';

/**
 * `T` with every field optional, all the way down: objects become partial, arrays become
 * arrays of partial items, scalars (and unions of them, like int-or-string) stay as they are.
 * Object literals of this type still refuse unknown fields (TypeScript's excess property check).
 */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly DeepPartial<U>[]
  : T extends object
    ? { [P in keyof T]?: DeepPartial<T[P]> }
    : T;

/**
 * The body of a typed server-side apply of kind `K` (client-go's `applyconfigurations`, as one
 * type instead of generated builders): what this field manager wants set, and nothing else.
 *
 * - `apiVersion`, `kind` and `metadata.name` are required, as the API server requires them.
 * - Every other field is optional, at every depth (`spec: { replicas: 3 }` is a whole intent).
 * - Unknown fields do not compile (`spec: { replicsa: 3 }`), nor does `metadata.managedFields`.
 *
 * ## Example
 * ```ts
 * await deployments.patch('web', Patch.apply<Deployment>({
 *   apiVersion: 'apps/v1',
 *   kind: 'Deployment',
 *   metadata: { name: 'web' },
 *   spec: { replicas: 3 },
 * }), { fieldManager: 'scaler' });
 * ```
 */
export type ApplyConfiguration<K extends KubeObject> = DeepPartial<Omit<K, 'apiVersion' | 'kind' | 'metadata'>> & {
  apiVersion: string;
  kind: string;
  metadata: DeepPartial<Omit<ObjectMeta, 'name' | 'managedFields'>> & { name: string };
};

/**
 * What `Patch.apply<K>` takes: an {@link ApplyConfiguration} of `K` when the kind is given,
 * any object when it is not (`Patch.apply(crd.crd())`, untyped bodies).
 */
export type ApplyBody<K> = [K] extends [never] ? object : K extends KubeObject ? ApplyConfiguration<K> : never;
