// Prints the CustomResourceDefinition of a typed custom resource as YAML, as `kube-rx crd` could:
//   npx tsx examples/crd-gen.ts > crd.yaml && kubectl apply -f crd.yaml
import {
  crdToYaml,
  defineCustomResource,
  intOrString,
  listMap,
  optional,
  rule,
  type IntOrString,
  type JSONSchemaType,
} from '../lib/crd/index.js';

/** What the user asks for (kube-rs's `FooSpec` in examples/crd_derive.rs). */
export interface FooSpec {
  name: string;
  info: string;
  replicas: number;
  port?: IntOrString;
  endpoints?: { name: string; url: string }[];
}

/** What the controller reports. */
export interface FooStatus {
  replicas: number;
  isBad: boolean;
}

const specSchema: JSONSchemaType<FooSpec> = {
  type: 'object',
  properties: {
    name: { type: 'string', description: 'A short name.', maxLength: 63 },
    info: { type: 'string' },
    replicas: { type: 'integer', minimum: 0, maximum: 100 },
    port: optional(intOrString({ description: 'A port number or name.' })),
    endpoints: optional(
      listMap(
        { type: 'object', properties: { name: { type: 'string' }, url: { type: 'string', format: 'uri' } }, required: ['name', 'url'] },
        ['name'],
        { maxItems: 8 },
      ),
    ),
  },
  required: ['name', 'info', 'replicas'],
};

const statusSchema: JSONSchemaType<FooStatus> = {
  type: 'object',
  properties: { replicas: { type: 'integer' }, isBad: { type: 'boolean' } },
  required: ['replicas', 'isBad'],
};

/** The descriptor: usable with Api, watcher and Controller, and the source of the CRD below. */
export const Foo = defineCustomResource<FooSpec, FooStatus>({
  group: 'clux.dev',
  version: 'v1',
  kind: 'Foo',
  namespaced: true,
  shortNames: ['f'],
  printColumns: [
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Info', type: 'string', jsonPath: '.spec.info', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  subresources: { scale: {} },
  schema: specSchema,
  statusSchema,
  validations: [rule('self.spec.name == self.metadata.name || self.spec.name.startsWith("foo-")').message('spec.name must be the object name or start with foo-')],
});

process.stdout.write(crdToYaml(Foo.crd()));
