// Specs of the version constant: it must match package.json.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { DEFAULT_USER_AGENT, KUBE_RX_VERSION } from '../../lib/client/version.js';

describe('KUBE_RX_VERSION', () => {
  it('should equal the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(KUBE_RX_VERSION).to.equal(pkg.version);
    expect(DEFAULT_USER_AGENT).to.equal(`kube-rx/${pkg.version}`);
  });
});
