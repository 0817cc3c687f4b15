// Checks group/version/kind/resource parsing and formatting against the API's spellings.
import { expect } from 'chai';
import { requestBuildError as buildError } from '../helpers/errors.js';
import {
  formatGroupVersion,
  formatGroupVersionKind,
  formatGroupVersionResource,
  parseGroupVersion,
  parseGroupVersionKind,
  parseGroupVersionResource,
} from '../../lib/core/gvk.js';

describe('parseGroupVersion', () => {
  it('should read a bare version as the core group', () => {
    expect(parseGroupVersion('v1')).to.deep.equal({ group: '', version: 'v1' });
  });

  it('should split group/version', () => {
    expect(parseGroupVersion('apps/v1')).to.deep.equal({ group: 'apps', version: 'v1' });
    expect(parseGroupVersion('rbac.authorization.k8s.io/v1')).to.deep.equal({ group: 'rbac.authorization.k8s.io', version: 'v1' });
    expect(parseGroupVersion('example.com/v1beta1')).to.deep.equal({ group: 'example.com', version: 'v1beta1' });
    expect(parseGroupVersion('autoscaling/v2')).to.deep.equal({ group: 'autoscaling', version: 'v2' });
  });

  for (const bad of ['', '/', '/v1', 'apps/', 'a/b/c', 'Apps/v1', 'apps/V1', 'apps /v1', 'apps/v1 ', ' v1', 'apps..io/v1', '-apps/v1']) {
    it(`should refuse ${JSON.stringify(bad)} with InvalidResource on apiVersion`, () => {
      const error = buildError(() => parseGroupVersion(bad));
      expect(error.reason).to.equal('InvalidResource');
      expect(error.field).to.equal('apiVersion');
      expect(error.message).to.include(JSON.stringify(bad));
    });
  }
});

describe('parseGroupVersionKind', () => {
  it('should parse apiVersion and kind together', () => {
    expect(parseGroupVersionKind('apps/v1', 'Deployment')).to.deep.equal({ group: 'apps', version: 'v1', kind: 'Deployment' });
    expect(parseGroupVersionKind('v1', 'Pod')).to.deep.equal({ group: '', version: 'v1', kind: 'Pod' });
  });

  for (const bad of ['', 'pod-x', '1Pod', 'Pod s', 'apps/Deployment']) {
    it(`should refuse the kind ${JSON.stringify(bad)}`, () => {
      const error = buildError(() => parseGroupVersionKind('v1', bad));
      expect([error.reason, error.field]).to.deep.equal(['InvalidResource', 'kind']);
    });
  }

  it('should refuse a malformed apiVersion', () => {
    expect(buildError(() => parseGroupVersionKind('a/b/c', 'Pod')).field).to.equal('apiVersion');
  });
});

describe('parseGroupVersionResource', () => {
  it('should parse the path-like spelling', () => {
    expect(parseGroupVersionResource('apps/v1/deployments')).to.deep.equal({ group: 'apps', version: 'v1', resource: 'deployments' });
    expect(parseGroupVersionResource('v1/pods')).to.deep.equal({ group: '', version: 'v1', resource: 'pods' });
    expect(parseGroupVersionResource('networking.k8s.io/v1/ingresses')).to.deep.equal({ group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' });
  });

  it("should parse kubectl's resource.version.group spelling", () => {
    expect(parseGroupVersionResource('deployments.v1.apps')).to.deep.equal({ group: 'apps', version: 'v1', resource: 'deployments' });
    expect(parseGroupVersionResource('pods.v1')).to.deep.equal({ group: '', version: 'v1', resource: 'pods' });
    expect(parseGroupVersionResource('ingresses.v1.networking.k8s.io')).to.deep.equal({ group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' });
  });

  for (const bad of ['', 'pods', 'v1/', '/pods', 'a/b/c/d', 'Pods.v1', 'pods.V1', 'pods.v1.', 'apps/v1/Deployments']) {
    it(`should refuse ${JSON.stringify(bad)}`, () => {
      const error = buildError(() => parseGroupVersionResource(bad));
      expect(error.reason).to.equal('InvalidResource');
      expect(['resource', 'apiVersion']).to.include(error.field);
    });
  }
});

describe('formatGroupVersion', () => {
  it('should format core and named groups', () => {
    expect(formatGroupVersion({ group: '', version: 'v1' })).to.equal('v1');
    expect(formatGroupVersion({ group: 'apps', version: 'v1' })).to.equal('apps/v1');
  });

  it('should round-trip parseGroupVersion', () => {
    for (const text of ['v1', 'apps/v1', 'batch/v1', 'example.com/v1alpha2']) expect(formatGroupVersion(parseGroupVersion(text))).to.equal(text);
  });
});

describe('formatGroupVersionKind', () => {
  it("should print kubectl's Kind.version.group", () => {
    expect(formatGroupVersionKind({ group: 'apps', version: 'v1', kind: 'Deployment' })).to.equal('Deployment.v1.apps');
    expect(formatGroupVersionKind({ group: '', version: 'v1', kind: 'Pod' })).to.equal('Pod.v1');
  });
});

describe('formatGroupVersionResource', () => {
  it("should print kubectl's resource.version.group", () => {
    expect(formatGroupVersionResource({ group: 'apps', version: 'v1', resource: 'deployments' })).to.equal('deployments.v1.apps');
    expect(formatGroupVersionResource({ group: '', version: 'v1', resource: 'pods' })).to.equal('pods.v1');
  });

  it('should round-trip parseGroupVersionResource', () => {
    for (const text of ['deployments.v1.apps', 'pods.v1', 'ingresses.v1.networking.k8s.io']) {
      expect(formatGroupVersionResource(parseGroupVersionResource(text))).to.equal(text);
    }
  });
});
