// The per-group-version OpenAPI v3 documents kube-apiserver serves under /openapi/v3.
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { builtinKindDefinitionName } from './builtin-definitions.js';
import { definitionSchema, PATCH, ref, schemaClosure, type OpenApiSchema } from './definition-schemas.js';
import { resourcePaths } from './resource-paths.js';

/** One resource the server serves, as the OpenAPI documents describe it. */
export interface ServedResource {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  /** `status`, `scale`, ... (other subresources get no paths). */
  subresources: readonly string[];
  /** Discovery verbs; a resource whose only verb is `create` (a review) gets only its POST. */
  verbs?: readonly string[];
  /** A custom resource version's `openAPIV3Schema`; absent for built-in kinds. */
  schema?: JSONSchemaProps;
}

const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
const LIST_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta';
const API_VERSION_DOC =
  'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources';
const KIND_DOC =
  'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds';
const METADATA_DOC = "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata";

/** The discovery key of a group version: `api/v1`, `apis/apps/v1`. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/** The component name apiextensions-apiserver gives a custom kind: the group reversed (`com.example.v1.Widget`). */
export function customResourceSchemaName(group: string, version: string, kind: string): string {
  return `${group.split('.').reverse().join('.')}.${version}.${kind}`;
}

/**
 * Builds the OpenAPI v3 document of every group version that `resources` cover, keyed by
 * `api/v1`, `apis/apps/v1`, ... (the server serves them at `/openapi/v3/<key>` and lists them in
 * `/openapi/v3` with a hash of their content).
 *
 * Each document has, as kube-apiserver's: `openapi: 3.0.0`; `paths` with the collection, item,
 * `status` and `scale` operations of each resource (PATCH operations with
 * `x-kubernetes-group-version-kind`, the `fieldValidation`/`fieldManager`/`dryRun`/`force` query
 * parameters and the patch content types — strategic merge patch for built-ins only — which
 * makes kubectl send `fieldValidation=Strict` and pick the right patch type for client-side
 * apply); and `components.schemas` with every schema these reach: built-in types with field
 * documentation from the Kubernetes API (so `kubectl explain pods.spec.containers` works),
 * `x-kubernetes-patch-strategy`/`-patch-merge-key`/`-list-type`/`-list-map-keys`/`-map-type`,
 * `x-kubernetes-group-version-kind` on kinds and lists; custom resources with their CRD schema
 * plus `apiVersion`, `kind` and an ObjectMeta `metadata`.
 *
 * ## Example
 * ```ts
 * const docs = openApiV3Documents([{ group: 'apps', version: 'v1', kind: 'Deployment', plural: 'deployments', namespaced: true, subresources: ['scale', 'status'] }]);
 * docs.get('apis/apps/v1'); // { openapi: '3.0.0', info, paths, components }
 * ```
 *
 * ## Guarantees
 * Pure and deterministic: the same resources give equal documents (paths and schemas sorted),
 * so a hash of the JSON changes exactly when a document does.
 */
export function openApiV3Documents(resources: readonly ServedResource[]): Map<string, object> {
  const byGroupVersion = new Map<string, ServedResource[]>();
  for (const resource of resources) {
    const key = groupVersionPath(resource.group, resource.version);
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), resource]);
  }
  const documents = new Map<string, object>();
  for (const key of [...byGroupVersion.keys()].sort()) documents.set(key, buildDocument(byGroupVersion.get(key) ?? []));
  return documents;
}

function buildDocument(resources: readonly ServedResource[]): object {
  const custom = new Map<string, OpenApiSchema>();
  const paths: Record<string, OpenApiSchema> = {};
  for (const resource of resources) {
    const { group, version, kind } = resource;
    let schemaName = builtinKindDefinitionName(resource);
    let listSchemaName = schemaName === undefined ? undefined : `${schemaName}List`;
    if (resource.schema !== undefined || schemaName === undefined) {
      schemaName = customResourceSchemaName(group, version, kind);
      listSchemaName = `${schemaName}List`;
      custom.set(schemaName, customResourceSchema(resource));
      custom.set(listSchemaName, customListSchema(resource, schemaName));
    }
    Object.assign(
      paths,
      resourcePaths({
        ...resource,
        schemaName,
        listSchemaName: listSchemaName ?? schemaName,
        strategicMergePatch: resource.schema === undefined && builtinKindDefinitionName(resource) !== undefined,
      }),
    );
  }
  const lookup = (name: string): OpenApiSchema | undefined => custom.get(name) ?? definitionSchema(name);
  const refs = new Set<string>([PATCH]);
  JSON.stringify(paths, (key, value: unknown) => {
    if (key === '$ref' && typeof value === 'string') refs.add(value.slice('#/components/schemas/'.length));
    return value;
  });
  const names = [...schemaClosure(refs, lookup)].sort();
  const schemas = Object.fromEntries(names.map((name) => [name, lookup(name)]));
  const sortedPaths = Object.fromEntries(Object.keys(paths).sort().map((path) => [path, paths[path]]));
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'v1.30.0' },
    paths: sortedPaths,
    components: {
      schemas,
      securitySchemes: { BearerToken: { type: 'apiKey', description: 'Bearer Token authentication', name: 'authorization', in: 'header' } },
    },
    security: [{ BearerToken: [] }],
  };
}

function customResourceSchema(resource: ServedResource): OpenApiSchema {
  const base = structuredClone((resource.schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }) as OpenApiSchema);
  const properties = typeof base['properties'] === 'object' && base['properties'] !== null ? (base['properties'] as Record<string, OpenApiSchema>) : {};
  return {
    ...base,
    type: 'object',
    properties: {
      ...properties,
      apiVersion: { description: API_VERSION_DOC, type: 'string' },
      kind: { description: KIND_DOC, type: 'string' },
      metadata: { allOf: [ref(OBJECT_META)], default: {}, description: METADATA_DOC },
    },
    'x-kubernetes-group-version-kind': [{ group: resource.group, kind: resource.kind, version: resource.version }],
  };
}

function customListSchema(resource: ServedResource, itemSchema: string): OpenApiSchema {
  return {
    description: `${resource.kind}List is a list of ${resource.kind}`,
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { description: API_VERSION_DOC, type: 'string' },
      items: { description: `List of ${resource.plural}. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md`, type: 'array', items: ref(itemSchema) },
      kind: { description: KIND_DOC, type: 'string' },
      metadata: { allOf: [ref(LIST_META)], default: {}, description: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds' },
    },
    'x-kubernetes-group-version-kind': [{ group: resource.group, kind: `${resource.kind}List`, version: resource.version }],
  };
}
