// A custom resource using every schema feature the CRD generator translates (for the crd specs).
import {
  defineCustomResource,
  embeddedResource,
  intOrString,
  listMap,
  optional,
  preserveUnknownFields,
  rule,
  withValidations,
  type EmbeddedResource,
  type IntOrString,
  type JSONSchemaType,
} from '../../lib/crd/index.js';

export interface Port {
  name: string;
  port: number;
  protocol?: 'TCP' | 'UDP';
}

export type Schedule = { kind: 'cron'; cron: string } | { kind: 'interval'; seconds: number };

export interface RichSpec {
  replicas: number;
  image: string;
  mode: 'fast' | 'safe';
  note?: string;
  labels?: Record<string, string>;
  port: IntOrString;
  tags: string[];
  ports?: Port[];
  config?: Record<string, unknown>;
  template?: EmbeddedResource;
  resources: { limits?: Record<string, IntOrString> };
  window: { start: number; end: number };
  schedule?: Schedule;
}

export interface RichStatus {
  readyReplicas: number;
  selector?: string;
  conditions?: { type: string; status: 'True' | 'False' | 'Unknown'; lastTransitionTime?: string }[];
}

const portSchema: JSONSchemaType<Port> = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    port: { type: 'integer', minimum: 1, exclusiveMaximum: 65536 },
    protocol: { type: 'string', enum: ['TCP', 'UDP'], nullable: true },
  },
  required: ['name', 'port'],
  additionalProperties: false,
};

export const richSpecSchema: JSONSchemaType<RichSpec> = {
  type: 'object',
  description: 'The desired state of a widget.',
  $defs: {
    window: {
      type: 'object',
      properties: { start: { type: 'integer' }, end: { type: 'integer' } },
      required: ['start', 'end'],
      'x-kubernetes-validations': [rule('self.start <= self.end').message('start must not be after end')],
    },
  },
  properties: {
    replicas: { type: 'integer', minimum: 0, maximum: 10, description: 'How many widgets.' },
    image: { type: 'string', minLength: 1 },
    mode: { type: 'string', enum: ['fast', 'safe'] },
    note: { type: 'string', nullable: true, maxLength: 200 },
    labels: { type: 'object', additionalProperties: { type: 'string' }, required: [], nullable: true },
    port: intOrString(),
    tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 16 },
    ports: optional(listMap(portSchema, ['name'])),
    config: optional(preserveUnknownFields()),
    template: optional(embeddedResource()),
    resources: {
      type: 'object',
      properties: {
        limits: { type: 'object', additionalProperties: intOrString(), required: [], nullable: true },
      },
      required: [],
    },
    window: { $ref: '#/$defs/window' },
    schedule: {
      nullable: true,
      oneOf: [
        {
          type: 'object',
          properties: { kind: { type: 'string', const: 'cron' }, cron: { type: 'string' } },
          required: ['kind', 'cron'],
        },
        {
          type: 'object',
          properties: { kind: { type: 'string', const: 'interval' }, seconds: { type: 'integer', minimum: 1 } },
          required: ['kind', 'seconds'],
        },
      ],
    },
  },
  required: ['replicas', 'image', 'mode', 'port', 'tags', 'resources', 'window'],
};

export const richStatusSchema: JSONSchemaType<RichStatus> = {
  type: 'object',
  properties: {
    readyReplicas: { type: 'integer' },
    selector: { type: 'string', nullable: true },
    conditions: {
      type: 'array',
      nullable: true,
      items: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          status: { type: 'string', enum: ['True', 'False', 'Unknown'] },
          lastTransitionTime: { type: 'string', format: 'date-time', nullable: true },
        },
        required: ['type', 'status'],
      },
    },
  },
  required: ['readyReplicas'],
};

/** The rich custom resource: namespaced, with status and scale subresources, columns and CEL rules. */
export const RichWidget = defineCustomResource<RichSpec, RichStatus>({
  group: 'example.com',
  version: 'v1',
  kind: 'RichWidget',
  namespaced: true,
  shortNames: ['rw'],
  categories: ['all', 'widgets'],
  printColumns: [
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
    { name: 'Mode', type: 'string', jsonPath: '.spec.mode', description: 'fast or safe' },
    { name: 'Ready', type: 'integer', jsonPath: '.status.readyReplicas', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
  selectableFields: ['.spec.mode'],
  subresources: { scale: { statusReplicasPath: '.status.readyReplicas', labelSelectorPath: '.status.selector' } },
  schema: withValidations(richSpecSchema, rule('self.replicas == 0 || self.image != ""')),
  statusSchema: richStatusSchema,
  validations: [
    rule("self.metadata.name != 'forbidden'").message('this name is reserved').reason('FieldValueForbidden'),
    { rule: 'self.spec.mode == "safe" || self.spec.replicas <= 5', message: 'fast mode allows at most 5 replicas', fieldPath: '.spec.replicas' },
  ],
});

/** A valid RichWidget spec touching every field kind, for specs to vary one field at a time. */
export const sampleRichSpec: RichSpec = {
  replicas: 2,
  image: 'nginx',
  mode: 'safe',
  port: 'http',
  tags: ['a', 'b'],
  resources: { limits: { cpu: '500m', pods: 3 } },
  window: { start: 1, end: 2 },
  ports: [{ name: 'http', port: 80 }],
  schedule: { kind: 'cron', cron: '* * * * *' },
  template: { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } },
  config: { anything: [1, 'two'] },
};
