// defineCustomResource: kube-derive's #[derive(CustomResource)] for TypeScript, from an ajv-typed schema.
import { pluralize } from '../core/plural.js';
import { formatApiVersion, type ClusterScope, type NamespaceScope, type SubresourceName } from '../core/resource-type.js';
import { CrdError, formatIssue } from './crd-error.js';
import { crdManifest, type CrdManifestInput } from './crd-manifest.js';
import { crdToYaml } from './crd-to-yaml.js';
import type { CustomResource, CustomResourceOptions, CustomResourceOptionsBase, CustomResourceType, NewOptions } from './custom-resource.js';
import { checkNames, checkPrinterColumns, checkScale, checkSelectableFields } from './definition-checks.js';
import { objectValidator } from './object-validator.js';
import { checkRequiredAgreement } from './required-agreement.js';
import { normalizeRule } from './rule.js';
import { nonStructural } from './schema-walk.js';
import { toStructural } from './structural.js';
import { structuralIssues } from './structural-checks.js';
import type { StructuralSchema } from './structural-schema.js';

function rootSchema(options: CustomResourceOptionsBase<unknown> & { statusSchema?: unknown }, status: boolean): StructuralSchema {
  const spec = toStructural(options.schema, 'spec');
  const properties: Record<string, StructuralSchema> = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec,
  };
  if (options.statusSchema !== undefined) properties['status'] = toStructural(options.statusSchema, 'status');
  else if (status) properties['status'] = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
  const root: StructuralSchema = { type: 'object', properties, required: ['spec'] };
  if (options.description !== undefined) root.description = options.description;
  const rules = (options.validations ?? []).map((r, i) => normalizeRule(r, `validations[${i}]`));
  if (rules.length > 0) root['x-kubernetes-validations'] = rules;
  const first = structuralIssues(root, { root: true })[0];
  if (first !== undefined) throw nonStructural(first.path, `${first.message} (${first.keyword})`);
  return root;
}

function definitionOf(options: CustomResourceOptionsBase<unknown> & { statusSchema?: unknown }): CrdManifestInput {
  checkRequiredAgreement(options.schema, 'spec');
  if (options.statusSchema !== undefined) checkRequiredAgreement(options.statusSchema, 'status');
  const names = {
    group: options.group,
    version: options.version,
    kind: options.kind,
    plural: options.plural ?? pluralize(options.kind),
    singular: options.singular ?? options.kind.toLowerCase(),
    shortNames: [...(options.shortNames ?? [])],
    categories: [...(options.categories ?? [])],
  };
  checkNames(names);
  const status = options.subresources?.status ?? options.statusSchema !== undefined;
  const schema = rootSchema(options, status);
  const printColumns = [...(options.printColumns ?? [])];
  checkPrinterColumns(printColumns, schema);
  const selectableFields = [...(options.selectableFields ?? [])];
  checkSelectableFields(selectableFields, schema);
  const scale = options.subresources?.scale === undefined ? undefined : checkScale(options.subresources.scale, schema);
  return {
    ...names,
    namespaced: options.namespaced,
    printColumns,
    selectableFields,
    status,
    scale,
    schema,
    served: options.served ?? true,
    storage: options.storage ?? true,
    deprecated: options.deprecated ?? false,
    labels: options.labels,
    annotations: options.annotations,
  };
}

/**
 * Defines a custom resource from its spec (and status) TypeScript types and their ajv
 * `JSONSchemaType`s — kube-derive's `#[derive(CustomResource)]` without decorators or code
 * generation. The schema is checked against the type at compile time, made structural at
 * definition time, and enforced by `validate`.
 *
 * ## What is checked, and when
 * - `tsc` (ajv's `JSONSchemaType`): every property of the type has a schema and no other
 *   does; each schema's `type` matches the field's type (and `enum` values its union); an
 *   optional (`?:`) field's schema says `nullable: true` and a required one's does not;
 *   `required` names only required fields.
 * - At definition time (a `CrdError` `InvalidDefinition`, thrown when the module loads): that
 *   `required` lists *every* required field. TypeScript cannot check this one (it does not
 *   infer the literal list from a contextually typed schema), so a non-nullable property
 *   missing from `required` (and without a `default`) is refused here instead. Branches of
 *   `anyOf`/`oneOf` are typed loosely by ajv and checked by neither.
 *
 * The result is a `ResourceType` like the built-in descriptors (use it with `RequestBuilder`,
 * `Api`, `watcher`, `Controller`); its scope type follows the literal `namespaced`, so
 * `Api.namespaced(client, ClusterThing, 'ns')` does not compile.
 *
 * ## Example
 * ```ts
 * import { defineCustomResource, rule, type JSONSchemaType } from 'kube-rx/crd';
 *
 * interface WidgetSpec { replicas: number; color: 'red' | 'blue'; note?: string }
 * interface WidgetStatus { replicas: number }
 *
 * export const Widget = defineCustomResource<WidgetSpec, WidgetStatus>({
 *   group: 'example.com', version: 'v1', kind: 'Widget', namespaced: true, shortNames: ['wd'],
 *   printColumns: [{ name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' }],
 *   subresources: { scale: {} },
 *   schema: {
 *     type: 'object',
 *     properties: {
 *       replicas: { type: 'integer', minimum: 0 },
 *       color: { type: 'string', enum: ['red', 'blue'] },
 *       note: { type: 'string', nullable: true },
 *     },
 *     required: ['replicas', 'color'],
 *   },
 *   statusSchema: { type: 'object', properties: { replicas: { type: 'integer' } }, required: ['replicas'] },
 *   validations: [rule('self.spec.replicas <= 10').message('at most 10 replicas')],
 * });
 *
 * Widget.crd();                                  // the CustomResourceDefinition, name 'widgets.example.com'
 * const w = Widget.new('w1', { replicas: 1, color: 'red' }, { namespace: 'default' });
 * Widget.validate({ ...w, spec: { replicas: 'x' } }); // { valid: false, errors: [{ path: 'spec.replicas', message: 'must be integer', ... }, ...] }
 * ```
 *
 * ## Guarantees
 * - The CRD is structural: every node typed, no `$ref`, no forbidden keywords; `metadata.name`
 *   is `{plural}.{group}`; the root has `apiVersion`, `kind`, `metadata`, `spec` (required) and
 *   `status` (when there is a status schema or subresource).
 * - Printer-column and selectable-field paths into the spec/status are checked to exist; scale
 *   paths to exist and be integers (a missing one would be pruned and `/scale` would do nothing).
 * - `validate` does not evaluate CEL rules (the API server does) and does not apply defaults,
 *   but treats a required field with a default as present, as the server does.
 *
 * @throws {CrdError} `InvalidDefinition` for a malformed name, group, version, column, scale
 *   path, selectable field or CEL rule; `NonStructuralSchema` for a schema that cannot be made
 *   structural — both naming the option or field at fault.
 */
export function defineCustomResource<Spec, Status = never>(
  options: CustomResourceOptions<Spec, Status> & { readonly namespaced: true },
): CustomResourceType<Spec, Status, NamespaceScope>;
export function defineCustomResource<Spec, Status = never>(
  options: CustomResourceOptions<Spec, Status> & { readonly namespaced: false },
): CustomResourceType<Spec, Status, ClusterScope>;
export function defineCustomResource<Spec, Status = never>(
  options: CustomResourceOptions<Spec, Status>,
): CustomResourceType<Spec, Status, NamespaceScope | ClusterScope>;
export function defineCustomResource<Spec, Status = never>(
  options: CustomResourceOptions<Spec, Status>,
): CustomResourceType<Spec, Status, NamespaceScope | ClusterScope> {
  const definition = definitionOf(options as CustomResourceOptionsBase<unknown> & { statusSchema?: unknown });
  const apiVersion = formatApiVersion(definition.group, definition.version);
  const validator = objectValidator(definition.schema, apiVersion, definition.kind);
  const subresources: SubresourceName[] = [];
  if (definition.status) subresources.push('status');
  if (definition.scale !== undefined) subresources.push('scale');
  type K = CustomResource<Spec, Status>;

  const make = (name: string, spec: Spec, extra: NewOptions<Status, NamespaceScope> = {}): K => {
    const metadata: K['metadata'] = { name };
    if (extra.namespace !== undefined) metadata.namespace = extra.namespace;
    if (extra.labels !== undefined) metadata.labels = extra.labels;
    if (extra.annotations !== undefined) metadata.annotations = extra.annotations;
    if (extra.ownerReferences !== undefined) metadata.ownerReferences = extra.ownerReferences;
    if (extra.finalizers !== undefined) metadata.finalizers = extra.finalizers;
    const object: K = { apiVersion, kind: definition.kind, metadata, spec };
    if (extra.status !== undefined) object.status = extra.status;
    return object;
  };
  const validate: CustomResourceType<Spec, Status, NamespaceScope>['validate'] = (object, validateOptions = {}) => {
    const errors = validator.issues(object, validateOptions.strict ?? false);
    return errors.length === 0 ? { valid: true, object: object as K } : { valid: false, errors };
  };

  return Object.freeze({
    group: definition.group,
    version: definition.version,
    apiVersion,
    kind: definition.kind,
    plural: definition.plural,
    singular: definition.singular,
    namespaced: definition.namespaced,
    shortNames: Object.freeze([...definition.shortNames]),
    categories: Object.freeze([...definition.categories]),
    subresources: Object.freeze(subresources),
    crdName: `${definition.plural}.${definition.group}`,
    crd: () => crdManifest(definition),
    schema: () => structuredClone(definition.schema),
    toYaml: () => crdToYaml(crdManifest(definition)),
    new: make as CustomResourceType<Spec, Status, NamespaceScope | ClusterScope>['new'],
    validate,
    assertValid: (object: unknown, validateOptions = {}) => {
      const result = validate(object, validateOptions);
      if (result.valid) return result.object;
      const name = (object as { metadata?: { name?: unknown } } | null)?.metadata?.name;
      const what = `${definition.kind}.${definition.group}${typeof name === 'string' ? ` ${JSON.stringify(name)}` : ''}`;
      throw new CrdError('InvalidObject', '', `${what} is invalid: ${result.errors.map(formatIssue).join('; ')}`, { issues: result.errors });
    },
  });
}
