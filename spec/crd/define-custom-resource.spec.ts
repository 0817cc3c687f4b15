// Specs for defineCustomResource: the descriptor, the CRD it generates, .new(), .validate() and the compile-time checks.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { RequestBuildError } from '../../lib/core/errors/request-build-error.js';
import { RequestBuilder } from '../../lib/core/request/request-builder.js';
import type { KubeObject } from '../../lib/core/object.js';
import type { ClusterScope, NamespaceScope, ResourceType } from '../../lib/core/resource-type.js';
import {
  CrdError,
  defineCustomResource,
  formatIssue,
  isCrdError,
  structuralIssues,
  type CustomResource,
  type JSONSchemaType,
} from '../../lib/crd/index.js';
import { RichWidget, type RichSpec, sampleRichSpec } from '../helpers/rich-widget.js';

interface GadgetSpec {
  size: number;
  color?: string;
}

const gadgetSchema: JSONSchemaType<GadgetSpec> = {
  type: 'object',
  properties: { size: { type: 'integer' }, color: { type: 'string', nullable: true } },
  required: ['size'],
};

const base = { group: 'example.com', version: 'v1', kind: 'Gadget', schema: gadgetSchema } as const;

function thrown(fn: () => unknown): CrdError {
  try {
    fn();
  } catch (error) {
    expect(isCrdError(error), String(error)).to.equal(true);
    return error as CrdError;
  }
  expect.fail('expected a CrdError');
}

const richSpec: RichSpec = sampleRichSpec;

describe('defineCustomResource', () => {
  describe('descriptor', () => {
    it('should describe the kind like a built-in ResourceType', () => {
      const Gadget = defineCustomResource<GadgetSpec>({ ...base, namespaced: true, shortNames: ['gd'], categories: ['all'] });
      expect(Gadget).to.include({ group: 'example.com', version: 'v1', apiVersion: 'example.com/v1', kind: 'Gadget', plural: 'gadgets', singular: 'gadget', namespaced: true });
      expect(Gadget.shortNames).to.deep.equal(['gd']);
      expect(Gadget.categories).to.deep.equal(['all']);
      expect(Gadget.subresources).to.deep.equal([]);
      expect(Gadget.crdName).to.equal('gadgets.example.com');
    });

    it('should derive the plural as kube-derive does and take an explicit one', () => {
      expect(defineCustomResource<GadgetSpec>({ ...base, kind: 'Policy', namespaced: true }).plural).to.equal('policies');
      expect(defineCustomResource<GadgetSpec>({ ...base, kind: 'Box', namespaced: true }).plural).to.equal('boxes');
      expect(defineCustomResource<GadgetSpec>({ ...base, namespaced: true, plural: 'gadgetry', singular: 'gizmo' })).to.include({ plural: 'gadgetry', singular: 'gizmo' });
    });

    it('should list the status and scale subresources it serves', () => {
      expect(RichWidget.subresources).to.deep.equal(['status', 'scale']);
    });

    it('should build requests with RequestBuilder, including its subresources', () => {
      const requests = new RequestBuilder(RichWidget, 'default');
      expect(requests.get('w').path).to.equal('/apis/example.com/v1/namespaces/default/richwidgets/w');
      expect(requests.getSubresource('scale', 'w').path).to.equal('/apis/example.com/v1/namespaces/default/richwidgets/w/scale');
      const Gadget = defineCustomResource<GadgetSpec>({ ...base, namespaced: false });
      expect(new RequestBuilder(Gadget).list().path).to.equal('/apis/example.com/v1/gadgets');
      expect(() => new RequestBuilder(Gadget).getSubresource('status', 'g')).to.throw(RequestBuildError, /no status subresource/);
    });
  });

  describe('crd', () => {
    it('should generate the structural CRD written out by hand from the Kubernetes documentation', () => {
      const expected: unknown = parse(readFileSync(new URL('../fixtures/crd/rich-widget.crd.yaml', import.meta.url), 'utf8'));
      expect(RichWidget.crd()).to.deep.equal(expected);
    });

    it('should pass the structural-schema rules', () => {
      expect(structuralIssues(RichWidget.schema(), { root: true })).to.deep.equal([]);
    });

    it('should return a fresh copy on every call', () => {
      const crd = RichWidget.crd();
      crd.spec.group = 'changed.example.com';
      expect(RichWidget.crd().spec.group).to.equal('example.com');
    });

    it('should make a cluster-scoped CRD for namespaced: false', () => {
      expect(defineCustomResource<GadgetSpec>({ ...base, namespaced: false }).crd().spec.scope).to.equal('Cluster');
    });

    it('should leave out subresources, columns and empty names when none are asked for', () => {
      const crd = defineCustomResource<GadgetSpec>({ ...base, namespaced: true }).crd();
      expect(crd.spec.names).to.deep.equal({ kind: 'Gadget', listKind: 'GadgetList', plural: 'gadgets', singular: 'gadget' });
      expect(crd.spec.versions[0]).to.have.keys('name', 'served', 'storage', 'schema');
      expect(crd.spec.versions[0]?.schema?.openAPIV3Schema?.properties).to.have.keys('apiVersion', 'kind', 'metadata', 'spec');
    });

    it('should add a free-form status when the status subresource has no schema', () => {
      const crd = defineCustomResource<GadgetSpec>({ ...base, namespaced: true, subresources: { status: true } }).crd();
      expect(crd.spec.versions[0]?.subresources).to.deep.equal({ status: {} });
      expect(crd.spec.versions[0]?.schema?.openAPIV3Schema?.properties?.['status']).to.deep.equal({ type: 'object', 'x-kubernetes-preserve-unknown-fields': true });
    });

    it('should let a status schema go without the status subresource when asked', () => {
      const Gadget = defineCustomResource<GadgetSpec, { ok: boolean }>({
        ...base,
        namespaced: true,
        subresources: { status: false },
        statusSchema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
      });
      expect(Gadget.crd().spec.versions[0]?.subresources).to.equal(undefined);
      expect(Gadget.subresources).to.deep.equal([]);
    });

    it('should carry served, storage, deprecation, labels and annotations', () => {
      const crd = defineCustomResource<GadgetSpec>({
        ...base,
        namespaced: true,
        served: false,
        storage: false,
        deprecated: 'example.com/v1 Gadget is deprecated; use v2',
        labels: { team: 'a' },
        annotations: { note: 'b' },
      }).crd();
      expect(crd.spec.versions[0]).to.include({ served: false, storage: false, deprecated: true, deprecationWarning: 'example.com/v1 Gadget is deprecated; use v2' });
      expect(crd.metadata).to.deep.equal({ name: 'gadgets.example.com', labels: { team: 'a' }, annotations: { note: 'b' } });
    });

    it('should render the CRD as YAML that parses back to it', () => {
      const text = RichWidget.toYaml();
      expect(text.startsWith('apiVersion: apiextensions.k8s.io/v1\n')).to.equal(true);
      expect(parse(text)).to.deep.equal(RichWidget.crd());
    });
  });

  describe('errors', () => {
    it('should refuse a group without a dot', () => {
      const error = thrown(() => defineCustomResource<GadgetSpec>({ ...base, group: 'example', namespaced: true }));
      expect(error.reason).to.equal('InvalidDefinition');
      expect(error.message).to.equal('group: "example" should be a domain with at least one dot');
    });

    it('should refuse names that are not DNS labels', () => {
      expect(thrown(() => defineCustomResource<GadgetSpec>({ ...base, version: 'V1', namespaced: true })).path).to.equal('version');
      expect(thrown(() => defineCustomResource<GadgetSpec>({ ...base, kind: '9Gadget', namespaced: true })).path).to.equal('kind');
      expect(thrown(() => defineCustomResource<GadgetSpec>({ ...base, plural: 'Gadgets', namespaced: true })).path).to.equal('plural');
      expect(thrown(() => defineCustomResource<GadgetSpec>({ ...base, shortNames: ['ok', 'not_ok'], namespaced: true })).path).to.equal('shortNames[1]');
    });

    it('should refuse a printer column whose path is not in the schema', () => {
      const error = thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, printColumns: [{ name: 'Size', type: 'integer', jsonPath: '.spec.sise' }] }));
      expect(error.reason).to.equal('InvalidDefinition');
      expect(error.message).to.equal('printColumns[0].jsonPath: ".spec.sise" does not refer to a field of the schema');
    });

    it('should refuse a printer column path that does not start with a dot', () => {
      const error = thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, printColumns: [{ name: 'Size', type: 'integer', jsonPath: 'spec.size' }] }));
      expect(error.path).to.equal('printColumns[0].jsonPath');
    });

    it('should refuse a scale path missing from the spec schema or not an integer', () => {
      const missing = thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, subresources: { scale: {} } }));
      expect(missing.message).to.equal('subresources.scale.specReplicasPath: ".spec.replicas" does not refer to a field of the schema');
      const wrongType = thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, subresources: { scale: { specReplicasPath: '.spec.color' } } }));
      expect(wrongType.message).to.equal('subresources.scale.specReplicasPath: ".spec.color" must point at a field of type integer');
      const notUnderSpec = thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, subresources: { scale: { specReplicasPath: '.status.size' } } }));
      expect(notUnderSpec.message).to.equal('subresources.scale.specReplicasPath: ".status.size" should be a json path under .spec');
    });

    it('should accept scale paths into a free-form status', () => {
      const Gadget = defineCustomResource<GadgetSpec>({ ...base, namespaced: true, subresources: { status: true, scale: { specReplicasPath: '.spec.size' } } });
      expect(Gadget.crd().spec.versions[0]?.subresources?.scale).to.deep.equal({ specReplicasPath: '.spec.size', statusReplicasPath: '.status.replicas' });
    });

    it('should refuse selectable fields in metadata, of object type, or more than 8', () => {
      expect(thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, selectableFields: ['.metadata.name'] })).message).to.equal('selectableFields[0]: must not point to fields in metadata');
      expect(thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, selectableFields: ['.spec'] })).message).to.equal('selectableFields[0]: selectable fields must be of type string, integer or boolean');
      const many = Array.from({ length: 9 }, () => '.spec.size');
      expect(thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, selectableFields: many })).message).to.equal('selectableFields: must have at most 8 items');
    });

    it('should refuse a schema that cannot be made structural, naming the field', () => {
      const schema = {
        type: 'object',
        properties: { size: { type: 'integer' }, color: { anyOf: [{ type: 'string' }, { type: 'boolean' }], nullable: true } },
        required: ['size'],
      } as unknown as JSONSchemaType<GadgetSpec>;
      const error = thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, schema }));
      expect(error.reason).to.equal('NonStructuralSchema');
      expect(error.path).to.equal('spec.color');
      expect(error.message).to.match(/^spec\.color: anyOf mixes the types string, boolean/);
    });

    it('should refuse a malformed CEL rule, naming it', () => {
      const error = thrown(() => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, validations: [{ rule: 'self.spec.size > 0', message: 'two\nlines' }] }));
      expect(error.message).to.equal('validations[0].message: must not contain line breaks');
    });
  });

  describe('new', () => {
    it('should make an object with apiVersion, kind, name, namespace and spec', () => {
      const w = RichWidget.new('w1', richSpec, { namespace: 'default', labels: { app: 'x' } });
      expect(w).to.deep.equal({ apiVersion: 'example.com/v1', kind: 'RichWidget', metadata: { name: 'w1', namespace: 'default', labels: { app: 'x' } }, spec: richSpec });
    });

    it('should set a status when given', () => {
      expect(RichWidget.new('w1', richSpec, { status: { readyReplicas: 1 } }).status).to.deep.equal({ readyReplicas: 1 });
    });
  });

  describe('validate', () => {
    const valid = RichWidget.new('w1', richSpec, { namespace: 'default' });

    it('should accept a valid object and return it typed', () => {
      const result = RichWidget.validate(valid as unknown);
      expect(result).to.deep.equal({ valid: true, object: valid });
    });

    it('should name the path of every problem', () => {
      const bad = { ...valid, spec: { ...richSpec, replicas: 'two', mode: 'slow', port: 1.5, tags: ['a', 'a'], ports: [{ name: 'http', port: 80 }, { name: 'http', port: 81 }], window: { start: 1 } } };
      const result = RichWidget.validate(bad);
      expect(result.valid).to.equal(false);
      if (result.valid) return;
      expect(result.errors.map(formatIssue)).to.have.members([
        'spec.replicas: must be integer',
        'spec.mode: must be one of "fast", "safe"',
        'spec.port: must be an integer or a string',
        'spec.tags[1]: duplicate value "a"',
        'spec.ports[1]: duplicate entry with key name="http"',
        'spec.window.end: is required',
      ]);
    });

    it('should check nested maps, embedded objects, formats and bounds', () => {
      const bad = {
        ...valid,
        spec: { ...richSpec, labels: { 'app.kubernetes.io/name': 3 }, template: { kind: 'Pod' }, ports: [{ name: 'x', port: 65536 }] },
        status: { readyReplicas: 1, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: 'yesterday' }] },
      };
      const result = RichWidget.validate(bad);
      expect(result.valid ? [] : result.errors.map(formatIssue)).to.have.members([
        'spec.labels[app.kubernetes.io/name]: must be string',
        'spec.template.apiVersion: is required',
        'spec.ports[0].port: must be < 65536',
        'status.conditions[0].lastTransitionTime: must match format "date-time"',
      ]);
    });

    it('should report a missing spec, a wrong apiVersion or kind, and a bad name', () => {
      const result = RichWidget.validate({ apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name: 'Not_A_Name' } });
      expect(result.valid ? [] : result.errors.map((e) => e.path)).to.have.members(['apiVersion', 'kind', 'metadata.name', 'spec']);
    });

    it('should refuse null where the field is optional but not nullable', () => {
      const result = RichWidget.validate({ ...valid, spec: { ...richSpec, note: null } });
      expect(result.valid ? [] : result.errors.map(formatIssue)).to.deep.equal(['spec.note: must be string']);
    });

    it('should report unknown fields only when strict', () => {
      const extra = { ...valid, spec: { ...richSpec, colour: 'red' } };
      expect(RichWidget.validate(extra).valid).to.equal(true);
      const strict = RichWidget.validate(extra, { strict: true });
      expect(strict.valid ? [] : strict.errors.map(formatIssue)).to.deep.equal(['spec.colour: unknown field']);
    });

    it('should not descend into preserved or embedded free-form data even when strict', () => {
      expect(RichWidget.validate(valid, { strict: true }).valid).to.equal(true);
    });

    it('should enforce a oneOf of objects through its discriminator', () => {
      const result = RichWidget.validate({ ...valid, spec: { ...richSpec, schedule: { kind: 'cron', seconds: 5 } } });
      expect(result.valid ? [] : result.errors.map(formatIssue)).to.deep.equal(['spec.schedule: must match exactly one schema in oneOf']);
    });

    it('should treat a required field with a default as present, as the server defaults first', () => {
      const Gadget = defineCustomResource<GadgetSpec>({
        ...base,
        namespaced: true,
        schema: { type: 'object', properties: { size: { type: 'integer', default: 1 }, color: { type: 'string', nullable: true } }, required: ['size'] },
      });
      expect(Gadget.validate({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: {} }).valid).to.equal(true);
    });

    it('should throw a CrdError listing every issue from assertValid', () => {
      const error = thrown(() => RichWidget.assertValid({ ...valid, spec: { ...richSpec, replicas: -1 } }));
      expect(error.reason).to.equal('InvalidObject');
      expect(error.issues.map(formatIssue)).to.deep.equal(['spec.replicas: must be >= 0']);
      expect(error.message).to.equal('RichWidget.example.com "w1" is invalid: spec.replicas: must be >= 0');
    });

    it('should return the object from assertValid when valid', () => {
      const object: CustomResource<RichSpec, unknown> = RichWidget.assertValid(valid as unknown);
      expect(object).to.equal(valid);
    });
  });

  describe('required fields the type demands', () => {
    it('should refuse, when defined, a schema whose required list omits a field the type requires', () => {
      // This compiles (ajv's JSONSchemaType cannot demand every required key), so it is refused at definition time.
      const error = thrown(() =>
        defineCustomResource<GadgetSpec>({ ...base, namespaced: true, schema: { type: 'object', properties: { size: { type: 'integer' }, color: { type: 'string', nullable: true } }, required: [] } }),
      );
      expect([error.reason, error.path]).to.deep.equal(['InvalidDefinition', 'spec.size']);
      expect(error.message).to.contain('add it to required');
    });

    it('should check nested objects, list items and the status schema too', () => {
      interface Nested {
        parts: { name: string; weight?: number }[];
      }
      const nested = thrown(() =>
        defineCustomResource<Nested>({
          ...base,
          namespaced: true,
          schema: {
            type: 'object',
            properties: { parts: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, weight: { type: 'number', nullable: true } }, required: [] } } },
            required: ['parts'],
          },
        }),
      );
      expect(nested.path).to.equal('spec.parts[*].name');
      const status = thrown(() =>
        defineCustomResource<GadgetSpec, { ready: boolean }>({ ...base, namespaced: true, statusSchema: { type: 'object', properties: { ready: { type: 'boolean' } }, required: [] } }),
      );
      expect(status.path).to.equal('status.ready');
    });

    it('should accept a required field that the schema defaults instead of requiring', () => {
      const defaulted = defineCustomResource<GadgetSpec>({
        ...base,
        namespaced: true,
        schema: { type: 'object', properties: { size: { type: 'integer', default: 1 }, color: { type: 'string', nullable: true } }, required: [] },
      });
      expect(defaulted.validate({ apiVersion: 'example.com/v1', kind: 'Gadget', metadata: { name: 'g' }, spec: {} }).valid).to.equal(true);
    });
  });

  describe('type checking', () => {
    // These cases are checked by `tsc -p tsconfig.json` (part of npm test): each @ts-expect-error
    // fails the build if the line below it compiles. The functions are never called.
    function namespacedOnly<K extends KubeObject>(resource: ResourceType<K, NamespaceScope>): K | undefined {
      return resource.object;
    }
    function clusterOnly<K extends KubeObject>(resource: ResourceType<K, ClusterScope>): K | undefined {
      return resource.object;
    }

    it('should refuse schemas that disagree with the type at compile time', () => {
      // Each case differs from a valid definition in one place only.
      const cases = [
        () =>
          defineCustomResource<GadgetSpec>({
            ...base,
            namespaced: true,
            // @ts-expect-error size is a number, not a string
            schema: { type: 'object', properties: { size: { type: 'string' }, color: { type: 'string', nullable: true } }, required: ['size'] },
          }),
        () =>
          defineCustomResource<GadgetSpec>({
            ...base,
            namespaced: true,
            // @ts-expect-error the optional color must be nullable in a JSONSchemaType
            schema: { type: 'object', properties: { size: { type: 'integer' }, color: { type: 'string' } }, required: ['size'] },
          }),
        () =>
          defineCustomResource<GadgetSpec>({
            ...base,
            namespaced: true,
            // @ts-expect-error the schema lacks color
            schema: { type: 'object', properties: { size: { type: 'integer' } }, required: ['size'] },
          }),
        () =>
          defineCustomResource<GadgetSpec>({
            ...base,
            namespaced: true,
            // @ts-expect-error weight is not a field of GadgetSpec
            schema: { type: 'object', properties: { size: { type: 'integer' }, color: { type: 'string', nullable: true } }, required: ['size', 'weight'] },
          }),
        () =>
          // @ts-expect-error an enum value outside the union
          defineCustomResource<{ mode: 'a' | 'b' }>({ ...base, namespaced: true, schema: { type: 'object', properties: { mode: { type: 'string', enum: ['a', 'c'] } }, required: ['mode'] } }),
        // @ts-expect-error a Status type needs a statusSchema
        () => defineCustomResource<GadgetSpec, { ok: boolean }>({ ...base, namespaced: true }),
        // @ts-expect-error without a Status type there is no statusSchema
        () => defineCustomResource<GadgetSpec>({ ...base, namespaced: true, statusSchema: { type: 'object', properties: {}, required: [] } }),
        // @ts-expect-error a cluster-scoped kind is not a namespaced one
        () => namespacedOnly(defineCustomResource<GadgetSpec>({ ...base, namespaced: false })),
        // @ts-expect-error a namespaced kind is not a cluster-scoped one
        () => clusterOnly(defineCustomResource<GadgetSpec>({ ...base, namespaced: true })),
        // @ts-expect-error a cluster-scoped object has no namespace
        () => defineCustomResource<GadgetSpec>({ ...base, namespaced: false }).new('g', { size: 1 }, { namespace: 'default' }),
        // @ts-expect-error .new checks the spec type
        () => defineCustomResource<GadgetSpec>({ ...base, namespaced: true }).new('g', { size: '1' }),
        () => namespacedOnly(RichWidget),
        () => clusterOnly(defineCustomResource<GadgetSpec>({ ...base, namespaced: false })),
        () => defineCustomResource<{ mode: 'a' | 'b' }>({ ...base, namespaced: true, schema: { type: 'object', properties: { mode: { type: 'string', enum: ['a', 'b'] } }, required: ['mode'] } }),
      ];
      expect(cases).to.have.length(14);
    });

    it('should type the object of a descriptor from the Spec and Status types', () => {
      const w = RichWidget.new('w', richSpec);
      const replicas: number = w.spec.replicas;
      const ready: number | undefined = w.status?.readyReplicas;
      expect([replicas, ready]).to.deep.equal([2, undefined]);
    });
  });
});
