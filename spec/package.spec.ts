// Checks the published shape: every exports entry resolves in the build and loads.
import { expect } from 'chai';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  peerDependencies: Record<string, string>;
};

describe('package', () => {
  it('should list rxjs as a peer dependency', () => {
    expect(pkg.peerDependencies).to.have.property('rxjs');
  });

  for (const [subpath, target] of Object.entries(pkg.exports)) {
    if (typeof target === 'string') continue;
    it(`should build and load the ${subpath} entry`, async () => {
      expect(Object.keys(target)[0], 'types must come first').to.equal('types');
      expect(existsSync(join(root, target.types)), target.types).to.equal(true);
      expect(existsSync(join(root, target.default)), target.default).to.equal(true);
      const module = (await import(pathToFileURL(join(root, target.default)).href)) as Record<string, unknown>;
      expect(Object.keys(module).length).to.be.greaterThan(0);
    });
  }
});
