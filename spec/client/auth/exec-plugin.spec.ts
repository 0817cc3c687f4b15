// Specs of ExecPlugin: KUBERNETES_EXEC_INFO, caching until expiry, refresh, and failures, with a real child process.
import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuthError, isAuthError } from '../../../lib/client/auth/auth-error.js';
import { EXEC_EXPIRY_MARGIN_MS, ExecPlugin } from '../../../lib/client/auth/exec-plugin.js';
import type { ExecConfig } from '../../../lib/client/config/kubeconfig.js';

const FIXTURE = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/exec-credential.mjs');
const V1 = 'client.authentication.k8s.io/v1';
const V1BETA1 = 'client.authentication.k8s.io/v1beta1';

function plugin(env: Record<string, string>, options: { apiVersion?: string; now?: () => number; interactiveMode?: ExecConfig['interactiveMode']; isTerminal?: boolean } = {}): ExecPlugin {
  return new ExecPlugin(
    {
      command: process.execPath,
      args: [FIXTURE],
      env: Object.entries(env).map(([name, value]) => ({ name, value })),
      apiVersion: options.apiVersion ?? V1,
      interactiveMode: options.interactiveMode ?? 'Never',
    },
    { ...(options.now === undefined ? {} : { now: options.now }), isTerminal: options.isTerminal ?? false },
  );
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('ExecPlugin', () => {
  let dir: string;
  let counter: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-rx-exec-'));
    counter = join(dir, 'runs');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runs = (): number => Number(readFileSync(counter, 'utf8'));

  describe('credentials', () => {
    it('should answer with the bearer token the plugin prints', async () => {
      const credentials = await plugin({ EXEC_TOKENS: 'abc', EXEC_COUNTER: counter }).credentials();
      expect(credentials.headers).to.deep.equal([['Authorization', 'Bearer abc']]);
    });

    it('should accept a v1beta1 plugin, and YAML output', async () => {
      const credentials = await plugin({ EXEC_TOKENS: 'yaml-token', EXEC_OUTPUT: 'yaml' }, { apiVersion: V1BETA1 }).credentials();
      expect(credentials.headers).to.deep.equal([['Authorization', 'Bearer yaml-token']]);
    });

    it('should answer with a client certificate when the plugin prints one', async () => {
      writeFileSync(join(dir, 'cert'), 'CERT PEM');
      writeFileSync(join(dir, 'key'), 'KEY PEM');
      const credentials = await plugin({ EXEC_CERT_FILE: join(dir, 'cert'), EXEC_KEY_FILE: join(dir, 'key') }).credentials();
      expect(credentials).to.deep.equal({ headers: [], certificate: { cert: 'CERT PEM', key: 'KEY PEM' } });
    });

    it('should pass KUBERNETES_EXEC_INFO, the config env and the inherited environment', async () => {
      const infoFile = join(dir, 'info.json');
      const exec = new ExecPlugin(
        { command: process.execPath, args: [FIXTURE], env: [{ name: 'EXEC_INFO_FILE', value: infoFile }, { name: 'EXTRA', value: 'from-config' }], apiVersion: V1, interactiveMode: 'Never' },
        { cluster: { server: 'https://k8s.test', 'certificate-authority-data': 'Q0E=' }, isTerminal: true },
      );
      await exec.credentials();
      const written = JSON.parse(readFileSync(infoFile, 'utf8')) as { info: unknown; extra: string };
      expect(written.extra).to.equal('from-config');
      expect(written.info).to.deep.equal({
        apiVersion: V1,
        kind: 'ExecCredential',
        spec: { interactive: false, cluster: { server: 'https://k8s.test', 'certificate-authority-data': 'Q0E=' } },
      });
    });

    it('should tell the plugin it is interactive with IfAvailable on a terminal', async () => {
      const infoFile = join(dir, 'info.json');
      await plugin({ EXEC_INFO_FILE: infoFile }, { interactiveMode: 'IfAvailable', isTerminal: true }).credentials();
      expect((JSON.parse(readFileSync(infoFile, 'utf8')) as { info: { spec: unknown } }).info.spec).to.deep.equal({ interactive: true });
    });

    it('should refuse interactiveMode Always without a terminal, without running the plugin', async () => {
      const error = await rejection(plugin({ EXEC_COUNTER: counter }, { interactiveMode: 'Always', isTerminal: false }).credentials());
      expect(isAuthError(error) && error.reason).to.equal('ExecNotInteractive');
    });
  });

  describe('caching', () => {
    it('should run once and reuse a credential without expiry', async () => {
      const exec = plugin({ EXEC_TOKENS: 'a,b', EXEC_COUNTER: counter });
      await exec.credentials();
      const second = await exec.credentials();
      expect(second.headers).to.deep.equal([['Authorization', 'Bearer a']]);
      expect(runs()).to.equal(1);
    });

    it('should share one run between concurrent requests', async () => {
      const exec = plugin({ EXEC_TOKENS: 'a,b', EXEC_COUNTER: counter });
      await Promise.all([exec.credentials(), exec.credentials(), exec.credentials()]);
      expect(runs()).to.equal(1);
    });

    it('should reuse a credential until its expirationTimestamp, then run again', async () => {
      let now = Date.now();
      const exec = plugin({ EXEC_TOKENS: 'a,b', EXEC_COUNTER: counter, EXEC_EXPIRES_IN: '3600' }, { now: () => now });
      await exec.credentials();
      now += 3600_000 - EXEC_EXPIRY_MARGIN_MS - 5_000;
      expect((await exec.credentials()).headers).to.deep.equal([['Authorization', 'Bearer a']]);
      expect(runs()).to.equal(1);
      now += 10_000;
      expect((await exec.credentials()).headers).to.deep.equal([['Authorization', 'Bearer b']]);
      expect(runs()).to.equal(2);
    });

    it('should run again on every use when the credential is already expired', async () => {
      const exec = plugin({ EXEC_TOKENS: 'a,b,c', EXEC_COUNTER: counter, EXEC_EXPIRES_IN: '-1' });
      await exec.credentials();
      await exec.credentials();
      expect((await exec.credentials()).headers).to.deep.equal([['Authorization', 'Bearer c']]);
      expect(runs()).to.equal(3);
    });

    it('should run again after refresh() (what the Client does on a 401)', async () => {
      const exec = plugin({ EXEC_TOKENS: 'a,b', EXEC_COUNTER: counter });
      await exec.credentials();
      expect(await exec.refresh()).to.equal(true);
      expect((await exec.credentials()).headers).to.deep.equal([['Authorization', 'Bearer b']]);
      expect(runs()).to.equal(2);
    });
  });

  describe('failures', () => {
    it('should reject ExecFailed with the exit code and standard error', async () => {
      const error = (await rejection(plugin({ EXEC_FAIL: '3', EXEC_STDERR: 'error: SSO session expired, run `login`' }).credentials())) as AuthError;
      expect(error).to.be.instanceOf(AuthError);
      expect(error.reason).to.equal('ExecFailed');
      expect(error.exitCode).to.equal(3);
      expect(error.stderr).to.equal('error: SSO session expired, run `login`');
      expect(error.message).to.contain('exited with code 3').and.contain('SSO session expired');
    });

    it('should redact credentials from the standard error it reports', async () => {
      const error = (await rejection(plugin({ EXEC_FAIL: '1', EXEC_STDERR: 'refresh failed for token: hunter2hunter2' }).credentials())) as AuthError;
      expect(error.message).to.not.contain('hunter2');
      expect(error.stderr).to.not.contain('hunter2');
    });

    it('should reject ExecFailed with the install hint when the command does not exist', async () => {
      const exec = new ExecPlugin({ command: join(dir, 'no-such-plugin'), apiVersion: V1, interactiveMode: 'Never', installHint: 'install it with: brew install no-such-plugin' }, { isTerminal: false });
      const error = (await rejection(exec.credentials())) as AuthError;
      expect(error.reason).to.equal('ExecFailed');
      expect(error.message).to.contain('ENOENT').and.contain('brew install no-such-plugin');
    });

    it('should reject ExecInvalidOutput for output that is not an ExecCredential', async () => {
      for (const env of [{ EXEC_OUTPUT: 'garbage' }, { EXEC_OUTPUT: 'no-status' }, { EXEC_API_VERSION: V1BETA1 }]) {
        const error = await rejection(plugin(env).credentials());
        expect(isAuthError(error) && error.reason, JSON.stringify(env)).to.equal('ExecInvalidOutput');
      }
    });

    it('should never put the printed token into an error message', async () => {
      const error = (await rejection(plugin({ EXEC_TOKENS: 'sup3rs3cret', EXEC_API_VERSION: V1BETA1 }).credentials())) as AuthError;
      expect(error.message).to.not.contain('sup3rs3cret');
    });
  });
});
