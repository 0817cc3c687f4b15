// Checks that imports point down the layers, as DESIGN.md §1 requires.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lib = join(root, 'lib');

/** For each layer: the layers and the packages its files may import. */
const RULES: Record<string, { layers: string[]; packages: RegExp }> = {
  core: { layers: ['core'], packages: /^kubernetes-types\// },
  util: { layers: ['util'], packages: /^$/ },
  client: { layers: ['core', 'util', 'client'], packages: /^(rxjs|node-fetch|yaml|ws|kubernetes-types\/.*|node:.*)$/ },
  runtime: { layers: ['core', 'util', 'client', 'runtime'], packages: /^(rxjs|kubernetes-types\/.*)$/ },
  // The optional metrics entry point: the only layer that may load prom-client.
  metrics: { layers: ['core', 'util', 'client', 'runtime', 'metrics'], packages: /^(rxjs|prom-client|node:.*)$/ },
  crd: { layers: ['core', 'util', 'crd'], packages: /^(ajv|ajv\/.*|yaml|kubernetes-types\/.*)$/ },
  server: { layers: ['core', 'util', 'server'], packages: /^(ajv|ajv\/.*|yaml|fast-json-patch|ws|@bufbuild\/protobuf\/wire|kubernetes-types\/.*|node:.*)$/ },
  webhook: { layers: ['core', 'util', 'webhook'], packages: /^(rxjs|kubernetes-types\/.*|node:.*)$/ },
  testing: { layers: ['core', 'util', 'client', 'runtime', 'crd', 'server', 'webhook', 'testing'], packages: /^(rxjs|rxjs\/testing|kubernetes-types\/.*|node:.*)$/ },
  cli: { layers: ['core', 'util', 'client', 'runtime', 'crd', 'server', 'cli'], packages: /^(yaml|node:.*)$/ },
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm)) specifiers.push(match[1] ?? '');
  for (const match of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) specifiers.push(match[1] ?? '');
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specifiers.push(match[1] ?? '');
  return specifiers;
}

describe('layering', () => {
  const files = sourceFiles(lib);

  it('should find the layers', () => {
    expect(files.some((f) => f.includes(`${join('lib', 'core')}`))).to.equal(true);
  });

  for (const file of files) {
    const rel = relative(lib, file);
    const layer = rel.includes('/') ? rel.slice(0, rel.indexOf('/')) : 'index';
    if (layer === 'index') continue;
    it(`${rel} should import only what the ${layer} layer may`, () => {
      const rule = RULES[layer];
      expect(rule, `no layering rule for lib/${layer}`).to.not.equal(undefined);
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const target = relative(lib, resolve(dirname(file), specifier));
          const targetLayer = target.split('/')[0] ?? '';
          expect(target.startsWith('..'), `${rel} imports ${specifier}, outside lib/`).to.equal(false);
          expect(rule?.layers, `${rel} imports ${specifier} (layer ${targetLayer})`).to.include(targetLayer);
        } else {
          expect(rule?.packages.test(specifier), `${rel} imports package ${specifier}`).to.equal(true);
        }
      }
    });
  }

  it('should have no import cycles in the library layers: every file\'s dependencies point one way (type imports included)', () => {
    // lib/server is left out (its own authors' layer); it holds one circle: protobuf decode-message <-> custom-messages.
    const graph = new Map<string, string[]>();
    for (const file of files.filter((f) => !relative(lib, f).startsWith('server/'))) {
      const targets = importsOf(file)
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      graph.set(file, targets.filter((target) => target !== file));
    }
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const path: string[] = [];
    const visit = (file: string): void => {
      state.set(file, 'visiting');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'visiting') cycles.push([...path.slice(path.indexOf(next)), next].map((f) => relative(lib, f)).join(' -> '));
        else if (state.get(next) === undefined) visit(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (state.get(file) === undefined) visit(file);
    expect(cycles).to.deep.equal([]);
  });

  it('should keep lib/core free of timers, clocks and randomness', () => {
    for (const file of files.filter((f) => relative(lib, f).startsWith('core/'))) {
      const text = readFileSync(file, 'utf8');
      expect(/\b(setTimeout|setInterval|Date\.now|Math\.random|process\.(env|argv|exit|hrtime|nextTick|cwd))/.test(text), relative(root, file)).to.equal(false);
    }
  });

  it('should take time in lib/runtime only from a SchedulerLike', () => {
    for (const file of files.filter((f) => relative(lib, f).startsWith('runtime/'))) {
      const text = readFileSync(file, 'utf8');
      expect(/\b(setTimeout|setInterval|Date\.now\(|new Date\(\))/.test(text), relative(root, file)).to.equal(false);
    }
  });
});
