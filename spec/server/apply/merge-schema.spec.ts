// Specs for the merge schemas of built-in kinds and custom resources.
import { expect } from 'chai';
import type { JSONSchemaProps } from 'kubernetes-types/apiextensions/v1.js';
import { builtinMergeSchema, crdMergeSchema } from '../../../lib/server/apply/merge-schema.js';

describe('builtinMergeSchema', () => {
  const deployment = builtinMergeSchema({ group: 'apps', version: 'v1', kind: 'Deployment' });
  const pod = builtinMergeSchema({ group: '', version: 'v1', kind: 'Pod' });

  it('should key containers by name and ports by containerPort and protocol (defaulting TCP)', () => {
    expect(deployment.listType(['spec', 'template', 'spec', 'containers'])).to.deep.equal({ type: 'map', keys: ['name'] });
    expect(deployment.listType(['spec', 'template', 'spec', 'containers', 'ports'])).to.deep.equal({ type: 'map', keys: ['containerPort', 'protocol'], defaults: { protocol: 'TCP' } });
    expect(pod.listType(['spec', 'containers', 'env'])).to.deep.equal({ type: 'map', keys: ['name'] });
  });

  it('should treat finalizers as a set and lists without markers as atomic', () => {
    expect(pod.listType(['metadata', 'finalizers'])).to.deep.equal({ type: 'set' });
    expect(pod.listType(['spec', 'tolerations'])).to.deep.equal({ type: 'atomic' });
    expect(pod.listType(['spec', 'containers', 'args'])).to.deep.equal({ type: 'atomic' });
    expect(pod.listType(['spec', 'nope'])).to.deep.equal({ type: 'atomic' });
  });

  it('should mark LabelSelectors and nodeSelector atomic and other maps granular', () => {
    expect(deployment.mapType?.(['spec', 'selector'])).to.equal('atomic');
    expect(pod.mapType?.(['spec', 'nodeSelector'])).to.equal('atomic');
    expect(pod.mapType?.(['metadata', 'labels'])).to.equal('granular');
    expect(pod.mapType?.(['spec'])).to.equal('granular');
  });

  it('should be all-atomic for unknown kinds', () => {
    expect(builtinMergeSchema({ group: 'example.com', version: 'v1', kind: 'Widget' }).listType(['spec', 'items'])).to.deep.equal({ type: 'atomic' });
  });
});

describe('crdMergeSchema', () => {
  const schema = {
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        properties: {
          plain: { type: 'array', items: { type: 'string' } },
          tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
          ports: {
            type: 'array',
            'x-kubernetes-list-type': 'map',
            'x-kubernetes-list-map-keys': ['port', 'protocol'],
            items: { type: 'object', properties: { port: { type: 'integer' }, protocol: { type: 'string', default: 'TCP' }, hosts: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' } } },
          },
          settings: { type: 'object', 'x-kubernetes-map-type': 'atomic', additionalProperties: { type: 'string' } },
          groups: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' } },
        },
      },
    },
  } as unknown as JSONSchemaProps;
  const merge = crdMergeSchema(schema);

  it('should make lists without markers atomic', () => {
    expect(merge.listType(['spec', 'plain'])).to.deep.equal({ type: 'atomic' });
  });

  it('should read set and map markers, map-key defaults, nested lists and map values', () => {
    expect(merge.listType(['spec', 'tags'])).to.deep.equal({ type: 'set' });
    expect(merge.listType(['spec', 'ports'])).to.deep.equal({ type: 'map', keys: ['port', 'protocol'], defaults: { protocol: 'TCP' } });
    expect(merge.listType(['spec', 'ports', 'hosts'])).to.deep.equal({ type: 'set' });
    expect(merge.listType(['spec', 'groups', 'anyKey'])).to.deep.equal({ type: 'set' });
  });

  it('should read x-kubernetes-map-type', () => {
    expect(merge.mapType?.(['spec', 'settings'])).to.equal('atomic');
    expect(merge.mapType?.(['spec'])).to.equal('granular');
  });
});
