// Builds the apiextensions.k8s.io/v1 CustomResourceDefinition object of one custom resource version.
import type { CustomResourceDefinition, CustomResourceDefinitionVersion } from 'kubernetes-types/apiextensions/v1.js';
import type { PrinterColumn, ScaleSubresource } from './custom-resource.js';
import type { StructuralSchema } from './structural-schema.js';

/** Everything a CRD manifest is made of, already checked and defaulted. */
export interface CrdManifestInput {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly printColumns: readonly PrinterColumn[];
  readonly selectableFields: readonly string[];
  readonly status: boolean;
  readonly scale: ScaleSubresource | undefined;
  /** The root `openAPIV3Schema`. */
  readonly schema: StructuralSchema;
  readonly served: boolean;
  readonly storage: boolean;
  readonly deprecated: boolean | string;
  readonly labels: Readonly<Record<string, string>> | undefined;
  readonly annotations: Readonly<Record<string, string>> | undefined;
}

/**
 * The CRD of one version: `metadata.name` `{plural}.{group}`, names (with `listKind`), scope,
 * and a single version entry with its schema, printer columns, selectable fields and
 * subresources. Empty lists and false flags are left out, as `kubectl get -o yaml` shows them.
 *
 * ## Example
 * ```ts
 * crdManifest({ group: 'example.com', version: 'v1', kind: 'Widget', plural: 'widgets', ... }).metadata?.name; // 'widgets.example.com'
 * ```
 */
export function crdManifest(input: CrdManifestInput): CustomResourceDefinition {
  const version: CustomResourceDefinitionVersion = {
    name: input.version,
    served: input.served,
    storage: input.storage,
    schema: { openAPIV3Schema: structuredClone(input.schema) },
  };
  if (input.deprecated !== false) {
    version.deprecated = true;
    if (typeof input.deprecated === 'string') version.deprecationWarning = input.deprecated;
  }
  if (input.printColumns.length > 0) {
    version.additionalPrinterColumns = input.printColumns.map((column) => {
      const out: NonNullable<CustomResourceDefinitionVersion['additionalPrinterColumns']>[number] = {
        name: column.name,
        type: column.type,
        jsonPath: column.jsonPath,
      };
      if (column.description !== undefined) out.description = column.description;
      if (column.format !== undefined) out.format = column.format;
      if (column.priority !== undefined) out.priority = column.priority;
      return out;
    });
  }
  if (input.selectableFields.length > 0) version.selectableFields = input.selectableFields.map((jsonPath) => ({ jsonPath }));
  if (input.status || input.scale !== undefined) {
    version.subresources = {};
    if (input.status) version.subresources.status = {};
    if (input.scale !== undefined) {
      const { specReplicasPath = '.spec.replicas', statusReplicasPath = '.status.replicas', labelSelectorPath } = input.scale;
      version.subresources.scale = { specReplicasPath, statusReplicasPath };
      if (labelSelectorPath !== undefined) version.subresources.scale.labelSelectorPath = labelSelectorPath;
    }
  }
  const names: CustomResourceDefinition['spec']['names'] = {
    kind: input.kind,
    listKind: `${input.kind}List`,
    plural: input.plural,
    singular: input.singular,
  };
  if (input.shortNames.length > 0) names.shortNames = [...input.shortNames];
  if (input.categories.length > 0) names.categories = [...input.categories];
  const metadata: NonNullable<CustomResourceDefinition['metadata']> = { name: `${input.plural}.${input.group}` };
  if (input.labels !== undefined) metadata.labels = { ...input.labels };
  if (input.annotations !== undefined) metadata.annotations = { ...input.annotations };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata,
    spec: {
      group: input.group,
      names,
      scope: input.namespaced ? 'Namespaced' : 'Cluster',
      versions: [version],
    },
  };
}
