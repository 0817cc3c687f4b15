import { expect } from 'chai';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { controlPlaneAssets, defaultAssetsDir, testClusterKind, TestClusterError } from '../../../lib/testing/index.js';

describe('controlPlaneAssets', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-rx-assets-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const binary = (name: string): void => {
    writeFileSync(join(dir, name), '#!/bin/sh\n');
    chmodSync(join(dir, name), 0o755);
  };

  it('should find the required binaries and the optional ones when present', () => {
    binary('kube-apiserver');
    binary('etcd');
    expect(controlPlaneAssets(dir)).to.deep.equal({
      dir,
      kubeApiserver: join(dir, 'kube-apiserver'),
      etcd: join(dir, 'etcd'),
      kubeControllerManager: undefined,
      kubectl: undefined,
    });
    binary('kube-controller-manager');
    expect(controlPlaneAssets(dir).kubeControllerManager).to.equal(join(dir, 'kube-controller-manager'));
  });

  it('should say how to get them when they are missing', () => {
    binary('etcd');
    const error = (() => {
      try {
        controlPlaneAssets(dir);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).to.be.instanceOf(TestClusterError);
    expect((error as TestClusterError).reason).to.equal('AssetsMissing');
    expect((error as Error).message).to.contain(dir).and.contain('KUBEBUILDER_ASSETS').and.contain('npm run cluster:build');
  });

  it('should prefer KUBEBUILDER_ASSETS, else the kube-rx cache', () => {
    expect(defaultAssetsDir({ KUBEBUILDER_ASSETS: '/envtest/1.32' })).to.equal('/envtest/1.32');
    expect(defaultAssetsDir({ KUBE_RX_CACHE: '/cache' })).to.equal('/cache/k8s-1.32.13');
    expect(defaultAssetsDir({ XDG_CACHE_HOME: '/xdg' })).to.equal('/xdg/kube-rx/k8s-1.32.13');
  });
});

describe('testClusterKind', () => {
  it('should read KUBE_RX_TEST_CLUSTER, embedded by default, and refuse anything else', () => {
    expect(testClusterKind({})).to.equal('embedded');
    expect(testClusterKind({ KUBE_RX_TEST_CLUSTER: 'embedded' })).to.equal('embedded');
    expect(testClusterKind({ KUBE_RX_TEST_CLUSTER: 'real' })).to.equal('real');
    expect(() => testClusterKind({ KUBE_RX_TEST_CLUSTER: 'kind' })).to.throw(TestClusterError, 'KUBE_RX_TEST_CLUSTER=kind names no test cluster');
  });
});
