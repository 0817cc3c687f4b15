// Builds a typed descriptor from a row of the built-in table; the scope type comes from the row.
import type { KubeObject } from '../object.js';
import { formatApiVersion, type ClusterScope, type NamespaceScope, type ResourceType } from '../resource-type.js';
import { BUILTIN_RESOURCES, type BuiltinRow } from './builtin-table.js';

type RowFor<G extends string, V extends string, Kd extends string> = Extract<
  BuiltinRow,
  { group: G; version: V; kind: Kd }
>;
type ScopeOfRow<R> = R extends { namespaced: true } ? NamespaceScope : ClusterScope;

/**
 * `builtin<Pod>()('', 'v1', 'Pod')`: the descriptor of a built-in kind, read from
 * {@link BUILTIN_RESOURCES}. The scope type parameter is taken from the table row, so a
 * descriptor can never claim a scope the table does not give it.
 *
 * @internal used by the per-group descriptor files
 */
export function builtin<K extends KubeObject>() {
  return <G extends BuiltinRow['group'], V extends BuiltinRow['version'], Kd extends RowFor<G, V, BuiltinRow['kind']>['kind']>(
    group: G,
    version: V,
    kind: Kd,
  ): ResourceType<K, ScopeOfRow<RowFor<G, V, Kd>>> => {
    const row = BUILTIN_RESOURCES.find((r) => r.group === group && r.version === version && r.kind === kind);
    if (row === undefined) throw new Error(`kube-rx: ${kind} is not in the built-in table`);
    return Object.freeze({
      group: row.group,
      version: row.version,
      apiVersion: formatApiVersion(row.group, row.version),
      kind: row.kind,
      plural: row.plural,
      singular: row.kind.toLowerCase(),
      namespaced: row.namespaced,
      shortNames: row.shortNames,
      categories: row.categories,
      subresources: 'gatedSubresources' in row ? [...row.subresources, ...row.gatedSubresources] : row.subresources,
    });
  };
}
