// Specs for mergeCrds: kube-rs merge_crds rules and errors.
import { expect } from 'chai';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import { defineCustomResource, isCrdError, mergeCrds, type CrdError, type JSONSchemaType } from '../../lib/crd/index.js';

interface V1Spec { size: number }
interface V2Spec { size: number; unit: string }

const v1Schema: JSONSchemaType<V1Spec> = { type: 'object', properties: { size: { type: 'integer' } }, required: ['size'] };
const v2Schema: JSONSchemaType<V2Spec> = { type: 'object', properties: { size: { type: 'integer' }, unit: { type: 'string' } }, required: ['size', 'unit'] };
const names = { group: 'example.com', kind: 'Widget', shortNames: ['wd'] } as const;

const v1 = (): CustomResourceDefinition => defineCustomResource<V1Spec>({ ...names, version: 'v1', namespaced: true, schema: v1Schema }).crd();
const v2 = (): CustomResourceDefinition => defineCustomResource<V2Spec>({ ...names, version: 'v2', namespaced: true, schema: v2Schema }).crd();
const v3 = (): CustomResourceDefinition => defineCustomResource<V1Spec>({ ...names, version: 'v3', namespaced: true, schema: v1Schema, served: false }).crd();

function refused(fn: () => unknown): CrdError {
  try {
    fn();
  } catch (error) {
    expect(isCrdError(error), String(error)).to.equal(true);
    return error as CrdError;
  }
  expect.fail('expected a CrdError');
}

describe('mergeCrds', () => {
  it('should put every version in one CRD with the storage version marked', () => {
    const merged = mergeCrds([v1(), v2(), v3()], 'v2');
    expect(merged.metadata?.name).to.equal('widgets.example.com');
    expect(merged.spec.versions.map((v) => [v.name, v.served, v.storage])).to.deep.equal([
      ['v1', true, false],
      ['v2', true, true],
      ['v3', false, false],
    ]);
  });

  it('should keep each version its own schema', () => {
    const merged = mergeCrds([v1(), v2()], 'v1');
    expect(merged.spec.versions[0]?.schema).to.deep.equal(v1().spec.versions[0]?.schema);
    expect(merged.spec.versions[1]?.schema).to.deep.equal(v2().spec.versions[0]?.schema);
  });

  it('should not change its inputs', () => {
    const inputs = [v1(), v2()];
    mergeCrds(inputs, 'v2');
    expect(inputs).to.deep.equal([v1(), v2()]);
  });

  it('should merge a single CRD into itself', () => {
    expect(mergeCrds([v1()], 'v1')).to.deep.equal(v1());
  });

  it('should refuse an empty list', () => {
    expect(refused(() => mergeCrds([], 'v1')).reason).to.equal('MissingCrds');
  });

  it('should refuse a CRD with several versions', () => {
    const error = refused(() => mergeCrds([mergeCrds([v1(), v2()], 'v1'), v3()], 'v1'));
    expect(error.reason).to.equal('MultiVersionCrd');
    expect(error.message).to.equal('crds[0].spec.versions: each CRD must have exactly one version, found 2');
  });

  it('should refuse a CRD without versions', () => {
    const empty = v1();
    empty.spec.versions = [];
    expect(refused(() => mergeCrds([empty], 'v1')).reason).to.equal('MissingVersions');
  });

  it('should refuse a storage version that is not given', () => {
    const error = refused(() => mergeCrds([v1(), v2()], 'v9'));
    expect(error.reason).to.equal('MissingStoredApi');
    expect(error.message).to.equal('storage version "v9" is not among the versions "v1", "v2"');
  });

  it('should refuse the same version twice', () => {
    expect(refused(() => mergeCrds([v1(), v1()], 'v1')).reason).to.equal('DuplicateVersion');
  });

  it('should refuse CRDs of different groups, scopes or names, naming the property', () => {
    const otherGroup = defineCustomResource<V2Spec>({ ...names, group: 'other.example.com', version: 'v2', namespaced: true, schema: v2Schema }).crd();
    const error = refused(() => mergeCrds([v1(), otherGroup], 'v1'));
    expect(error.reason).to.equal('PropertyMismatch');
    expect(error.path).to.equal('metadata.name');
    const cluster = defineCustomResource<V2Spec>({ ...names, version: 'v2', namespaced: false, schema: v2Schema }).crd();
    expect(refused(() => mergeCrds([v1(), cluster], 'v1')).message).to.equal('spec.scope: version "v2" has "Cluster" where the storage version has "Namespaced"');
    const shortNames = defineCustomResource<V2Spec>({ ...names, shortNames: ['w'], version: 'v2', namespaced: true, schema: v2Schema }).crd();
    expect(refused(() => mergeCrds([v1(), shortNames], 'v1')).path).to.equal('spec.names.shortNames');
  });
});
