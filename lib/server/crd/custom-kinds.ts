// Builds the served kinds (one per served version) of a CRD, with compiled schemas and printer columns.
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { customFieldLabels } from '../registry/field-labels.js';
import { CUSTOM_RESOURCE_RULES } from '../registry/kind-rules.js';
import { bucketName, type PrinterColumnSpec, type ResourceKind, type ScalePaths } from '../registry/resource-kind.js';
import { CUSTOM_RESOURCE_VERBS, TERMINATING_VERBS } from '../registry/resource-registry.js';
import { compileSchema, type CompiledSchema } from '../schema/compile-schema.js';
import { crdNames } from './crd-names.js';
import { crdVersions } from './validate-crd.js';

type Json = Record<string, unknown>;

/** Where a CRD stands in its lifecycle, for what its kinds serve. */
export interface CrdState {
  readonly namesAccepted: boolean;
  readonly established: boolean;
  readonly terminating: boolean;
}

function compiled(schema: unknown, group: string, kind: string): CompiledSchema | undefined {
  if (schema === undefined || schema === null) return undefined;
  try {
    return compileSchema(schema as JSONSchemaProps, { group, kind });
  } catch {
    return undefined;
  }
}

function printerColumns(version: Json): PrinterColumnSpec[] {
  const columns = version['additionalPrinterColumns'];
  if (!Array.isArray(columns)) return [];
  return (columns as Json[]).map((c) => ({
    name: String(c['name'] ?? ''),
    type: String(c['type'] ?? 'string'),
    jsonPath: String(c['jsonPath'] ?? ''),
    ...(typeof c['format'] === 'string' ? { format: c['format'] } : {}),
    ...(typeof c['description'] === 'string' ? { description: c['description'] } : {}),
    ...(typeof c['priority'] === 'number' ? { priority: c['priority'] } : {}),
  }));
}

function scalePaths(subresources: Json): ScalePaths | undefined {
  const scale = subresources['scale'] as Json | undefined;
  if (scale === undefined || scale === null) return undefined;
  return {
    specReplicasPath: String(scale['specReplicasPath'] ?? '.spec.replicas'),
    statusReplicasPath: String(scale['statusReplicasPath'] ?? '.status.replicas'),
    ...(typeof scale['labelSelectorPath'] === 'string' ? { labelSelectorPath: scale['labelSelectorPath'] } : {}),
  };
}

/**
 * The kinds a CRD serves: one per `served` version, all stored in the one storage version's
 * bucket (`group/plural`), with the version's schema compiled (prune, default, validate,
 * merge topology), printer columns, `status`/`scale` subresources and selectable fields.
 * Verbs are apiextensions' fixed list, reduced while the CRD terminates.
 */
export function customKinds(crd: Json, state: CrdState): ResourceKind[] {
  const spec = (crd['spec'] ?? {}) as Json;
  const meta = (crd['metadata'] ?? {}) as Json;
  const group = String(spec['group'] ?? '');
  const names = crdNames(crd);
  const versions = crdVersions(crd);
  const storage = versions.find((v) => v['storage'] === true);
  if (storage === undefined) return [];
  const storageApiVersion = `${group}/${String(storage['name'])}`;
  return versions
    .filter((v) => v['served'] === true)
    .map((version): ResourceKind => {
      const name = String(version['name']);
      const subresources = (version['subresources'] ?? {}) as Json;
      const schema = ((version['schema'] ?? {}) as Json)['openAPIV3Schema'] as Readonly<Record<string, unknown>> | undefined;
      const selectable = Array.isArray(version['selectableFields'])
        ? (version['selectableFields'] as Json[]).map((f) => String(f['jsonPath'] ?? '').replace(/^\./, '')).filter((f) => f !== '')
        : [];
      return {
        group,
        version: name,
        apiVersion: `${group}/${name}`,
        kind: names.kind,
        listKind: names.listKind,
        plural: names.plural,
        singular: names.singular,
        namespaced: spec['scope'] === 'Namespaced',
        shortNames: names.shortNames,
        categories: names.categories,
        subresources: [...(subresources['status'] !== undefined ? ['status'] : []), ...(subresources['scale'] !== undefined ? ['scale'] : [])],
        verbs: state.terminating ? TERMINATING_VERBS : CUSTOM_RESOURCE_VERBS,
        stored: true,
        bucket: bucketName(group, names.plural),
        storageApiVersion,
        storageKind: names.kind,
        rules: CUSTOM_RESOURCE_RULES,
        fieldLabels: customFieldLabels(selectable),
        custom: {
          crdName: String(meta['name'] ?? ''),
          crdUid: String(meta['uid'] ?? ''),
          schema,
          compiled: compiled(schema, group, names.kind),
          printerColumns: printerColumns(version),
          scale: scalePaths(subresources),
          terminating: state.terminating,
          serving: state.namesAccepted || state.established,
          established: state.established,
        },
      };
    });
}
