// Checks that the committed bootstrap policy table matches Kubernetes' own (from the Go module cache).
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { generateBootstrapPolicy, KUBERNETES_VERSION, POLICY_FILE, policySourceDir } from '../../scripts/generate-bootstrap-policy.js';

describe('generateBootstrapPolicy', () => {
  it(`should reproduce the committed bootstrap-policy-data.ts from k8s.io/kubernetes@v${KUBERNETES_VERSION} (run npm run generate:bootstrap-policy)`, function () {
    // The source is the Go module the real control plane is built from; without Go there is nothing to compare with.
    if (!existsSync(policySourceDir())) this.skip();
    expect(readFileSync(POLICY_FILE, 'utf8') === generateBootstrapPolicy()).to.equal(true);
  });

  it('should name the missing module when the source is absent', () => {
    expect(() => generateBootstrapPolicy('/nonexistent')).to.throw(`go mod download k8s.io/kubernetes@v${KUBERNETES_VERSION}`);
  });
});
