// Specs of loadKubeconfig: $KUBECONFIG lists merged first-wins, ~/.kube/config, explicit path or text.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { isConfigError } from '../../../lib/client/config/config-error.js';
import { loadKubeconfig } from '../../../lib/client/config/load-kubeconfig.js';

describe('loadKubeconfig', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-rx-load-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('should merge the files of $KUBECONFIG in order, first wins', async () => {
    const a = write('a', 'current-context: a\nclusters: [{name: c, cluster: {server: "https://a"}}]\n');
    const b = write('b', 'current-context: b\nclusters: [{name: c, cluster: {server: "https://b"}}, {name: d, cluster: {server: "https://d"}}]\nusers: [{name: u, user: {}}]\n');
    const kc = await loadKubeconfig({ env: { KUBECONFIG: [a, b].join(delimiter) }, homeDir: dir });
    expect(kc['current-context']).to.equal('a');
    expect(kc.clusters.map((c) => c.cluster.server)).to.deep.equal(['https://a', 'https://d']);
    expect(kc.users.map((u) => u.name)).to.deep.equal(['u']);
    expect(kc.files).to.deep.equal([a, b]);
  });

  it('should skip empty entries, repeated entries and files that do not exist, as kubectl does', async () => {
    const b = write('b', 'current-context: b\n');
    const kc = await loadKubeconfig({ env: { KUBECONFIG: ['', join(dir, 'missing'), b, b, ''].join(delimiter) }, homeDir: dir });
    expect(kc['current-context']).to.equal('b');
    expect(kc.files).to.deep.equal([b]);
  });

  it('should reject NoKubeconfig when no file of $KUBECONFIG exists', async () => {
    const error = await loadKubeconfig({ env: { KUBECONFIG: join(dir, 'x') }, homeDir: dir }).catch((e: unknown) => e);
    expect(isConfigError(error) && error.reason).to.equal('NoKubeconfig');
    expect((error as Error).message).to.contain(join(dir, 'x'));
  });

  it('should read ~/.kube/config when $KUBECONFIG is unset or empty', async () => {
    mkdirSync(join(dir, '.kube'));
    write('.kube/config', 'current-context: home\n');
    expect((await loadKubeconfig({ env: {}, homeDir: dir }))['current-context']).to.equal('home');
    expect((await loadKubeconfig({ env: { KUBECONFIG: '' }, homeDir: dir }))['current-context']).to.equal('home');
  });

  it('should reject NoKubeconfig naming ~/.kube/config when it is absent', async () => {
    const error = await loadKubeconfig({ env: {}, homeDir: dir }).catch((e: unknown) => e);
    expect(isConfigError(error) && error.file).to.equal(join(dir, '.kube', 'config'));
  });

  it('should read only an explicit path, and reject when it is missing', async () => {
    const a = write('a', 'current-context: explicit\n');
    expect((await loadKubeconfig({ path: a, env: { KUBECONFIG: '/elsewhere' } }))['current-context']).to.equal('explicit');
    const error = await loadKubeconfig({ path: join(dir, 'nope') }).catch((e: unknown) => e);
    expect(isConfigError(error) && error.file).to.equal(join(dir, 'nope'));
  });

  it('should parse text without touching the file system', async () => {
    expect((await loadKubeconfig({ text: 'current-context: t\n', env: { KUBECONFIG: '/elsewhere' } }))['current-context']).to.equal('t');
  });

  it('should name the file of a malformed member of $KUBECONFIG', async () => {
    const good = write('good', 'current-context: a\n');
    const bad = write('bad', 'clusters: {}\n');
    const error = await loadKubeconfig({ env: { KUBECONFIG: [good, bad].join(delimiter) } }).catch((e: unknown) => e);
    expect(isConfigError(error) && error.file).to.equal(bad);
  });
});
