// mergeCrds: several single-version CRDs of one kind → one CRD with one storage version (kube-rs merge_crds).
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import { CrdError } from './crd-error.js';
import { canonical } from './schema-walk.js';

function mismatch(property: string, expected: unknown, got: unknown, version: string): CrdError {
  return new CrdError(
    'PropertyMismatch',
    property,
    `version ${JSON.stringify(version)} has ${JSON.stringify(got ?? null)} where the storage version has ${JSON.stringify(expected ?? null)}`,
  );
}

/**
 * Merges one CRD per version of the same kind (as `defineCustomResource(...).crd()` makes them)
 * into a single multi-version CRD whose only storage version is `storageVersion`.
 *
 * Rules (kube-rs `merge_crds`, plus name checks): at least one CRD; each with exactly one
 * version; every CRD with the same `metadata.name`, `group`, `scope` and `names` (kind,
 * plural, singular, listKind, shortNames, categories); no version twice; `storageVersion`
 * among them. The result is the storage version's CRD with the versions in input order,
 * `storage: true` on `storageVersion` and `false` on every other.
 *
 * ## Example
 * ```ts
 * const crd = mergeCrds([WidgetV1.crd(), WidgetV2.crd()], 'v1');
 * crd.spec.versions.map((v) => [v.name, v.storage]); // [['v1', true], ['v2', false]]
 * ```
 *
 * @throws {CrdError} `MissingCrds` (empty list), `MissingVersions` (a CRD without versions),
 *   `MultiVersionCrd` (a CRD with several), `DuplicateVersion`, `MissingStoredApi`
 *   (`storageVersion` not given), `PropertyMismatch` (naming the differing property).
 */
export function mergeCrds(crds: readonly CustomResourceDefinition[], storageVersion: string): CustomResourceDefinition {
  if (crds.length === 0) throw new CrdError('MissingCrds', '', 'an empty list of CRDs cannot be merged');
  crds.forEach((crd, i) => {
    const count = crd.spec.versions.length;
    if (count === 0) throw new CrdError('MissingVersions', `crds[${i}].spec.versions`, 'the CRD has no version');
    if (count > 1) throw new CrdError('MultiVersionCrd', `crds[${i}].spec.versions`, `each CRD must have exactly one version, found ${count}`);
  });
  const versionOf = (crd: CustomResourceDefinition): string => crd.spec.versions[0]?.name ?? '';
  const seen = new Set<string>();
  for (const crd of crds) {
    const name = versionOf(crd);
    if (seen.has(name)) throw new CrdError('DuplicateVersion', 'spec.versions', `version ${JSON.stringify(name)} is given twice`);
    seen.add(name);
  }
  const root = crds.find((crd) => versionOf(crd) === storageVersion);
  if (root === undefined) {
    throw new CrdError('MissingStoredApi', '', `storage version ${JSON.stringify(storageVersion)} is not among the versions ${[...seen].map((v) => JSON.stringify(v)).join(', ')}`);
  }
  for (const crd of crds) {
    const version = versionOf(crd);
    const checks: [string, unknown, unknown][] = [
      ['metadata.name', root.metadata?.name, crd.metadata?.name],
      ['spec.group', root.spec.group, crd.spec.group],
      ['spec.scope', root.spec.scope, crd.spec.scope],
      ['spec.names.kind', root.spec.names.kind, crd.spec.names.kind],
      ['spec.names.plural', root.spec.names.plural, crd.spec.names.plural],
      ['spec.names.singular', root.spec.names.singular, crd.spec.names.singular],
      ['spec.names.listKind', root.spec.names.listKind, crd.spec.names.listKind],
      ['spec.names.shortNames', root.spec.names.shortNames ?? [], crd.spec.names.shortNames ?? []],
      ['spec.names.categories', root.spec.names.categories ?? [], crd.spec.names.categories ?? []],
    ];
    for (const [property, expected, got] of checks) {
      if (canonical(expected) !== canonical(got)) throw mismatch(property, expected, got, version);
    }
  }
  const merged = structuredClone(root);
  merged.spec.versions = crds.flatMap((crd) => crd.spec.versions.map((v) => ({ ...structuredClone(v), storage: v.name === storageVersion })));
  return merged;
}
