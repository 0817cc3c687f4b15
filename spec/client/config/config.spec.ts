// Specs of Config: from a kubeconfig (selection, files, auth, every incomplete-config error), in-cluster, infer.
import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { Config } from '../../../lib/client/config/config.js';
import { ConfigError, isConfigError } from '../../../lib/client/config/config-error.js';
import { SecretString } from '../../../lib/core/secret-string.js';

const CA = '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIsecretkey\n-----END EC PRIVATE KEY-----\n';
const b64 = (text: string): string => Buffer.from(text).toString('base64');

/** `value` with every SecretString shown as `secret:<value>`, to compare with deep.equal. */
function exposed(value: unknown): unknown {
  if (value instanceof SecretString) return `secret:${value.expose()}`;
  if (Array.isArray(value)) return value.map(exposed);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, exposed(v)]));
  return value;
}

async function configError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a ConfigError');
    },
    (e: unknown) => e,
  );
  if (!isConfigError(error)) throw error;
  return error;
}

describe('Config', () => {
  let dir: string;
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const kubeconfig = (user: string, cluster = `server: https://10.0.0.1:6443\n      certificate-authority-data: ${b64(CA)}`, extra = ''): string =>
    `apiVersion: v1
kind: Config
current-context: dev
clusters:
  - name: dev
    cluster:
      ${cluster}
users:
  - name: me
    user:
      ${user}
contexts:
  - name: dev
    context: { cluster: dev, user: me, namespace: apps }
  - name: other
    context: { cluster: dev, user: me }
${extra}`;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kube-rx-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('constructor', () => {
    it('should default the namespace, timeouts and retries', () => {
      const config = new Config({ clusterUrl: 'https://k8s.test:6443', env: {} });
      expect(config.clusterUrl.href).to.equal('https://k8s.test:6443/');
      expect(config.defaultNamespace).to.equal('default');
      expect(config.connectTimeoutMs).to.equal(30_000);
      expect(config.auth).to.deep.equal({ type: 'none' });
    });

    it('should refuse a cluster URL that is not http(s) or carries credentials', () => {
      for (const clusterUrl of ['not a url', 'ftp://k8s.test', 'https://admin:pw@k8s.test']) {
        const e = (() => {
          try {
            new Config({ clusterUrl, env: {} });
          } catch (error) {
            return error;
          }
          return undefined;
        })();
        expect(isConfigError(e) && e.field, clusterUrl).to.equal('clusterUrl');
        expect((e as Error).message).to.not.contain(':pw@');
      }
    });

    it('should take the proxy from HTTPS_PROXY unless NO_PROXY excludes the host', () => {
      expect(new Config({ clusterUrl: 'https://k8s.test', env: { HTTPS_PROXY: 'http://proxy:3128' } }).proxy?.href).to.equal('http://proxy:3128/');
      expect(new Config({ clusterUrl: 'https://k8s.test', env: { HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.test' } }).proxy).to.equal(undefined);
      expect(new Config({ clusterUrl: 'https://k8s.test', env: { NO_PROXY: '*' }, proxyUrl: 'http://explicit:8080' }).proxy?.host).to.equal('explicit:8080');
    });

    it('should never show a credential when logged or serialized', () => {
      const config = new Config({
        clusterUrl: 'https://k8s.test',
        auth: { type: 'basic', username: 'admin', password: 'hunter2' },
        tls: { cert: CERT, key: KEY },
        proxyUrl: 'http://user:proxypass@proxy:3128',
        env: {},
      });
      for (const shown of [inspect(config), JSON.stringify(config), String(config), `${inspect({ nested: config })}`]) {
        expect(shown).to.not.contain('hunter2').and.not.contain('secretkey').and.not.contain('proxypass');
      }
      expect(inspect(config)).to.contain('k8s.test').and.contain('basic');
    });

    it('should keep user-supplied headers out of JSON.stringify and inspect', () => {
      const config = new Config({ clusterUrl: 'https://k8s.test', headers: { Authorization: 'Bearer h3ader-t0ken', 'X-Team': 'a' }, env: {} });
      for (const shown of [JSON.stringify(config), inspect(config), JSON.stringify({ config })]) expect(shown).to.not.contain('h3ader-t0ken');
      expect(JSON.parse(JSON.stringify(config))).to.include({ clusterUrl: 'https://k8s.test/' }).and.have.deep.property('headers', ['Authorization', 'X-Team']);
      expect(config.headers).to.deep.equal({ Authorization: 'Bearer h3ader-t0ken', 'X-Team': 'a' });
    });

    it('should hand out tokens, passwords and keys as SecretStrings that print [redacted]', () => {
      const token = new Config({ clusterUrl: 'https://k8s.test', auth: { type: 'token', token: 't0k3n-value' }, tls: { cert: CERT, key: KEY }, env: {} });
      const auth = token.auth;
      expect(auth.type === 'token' && auth.token).to.be.instanceOf(SecretString);
      for (const shown of [inspect(token.auth), JSON.stringify(token.auth), inspect(token.tls), JSON.stringify(token.tls), String(auth.type === 'token' && auth.token), `${inspect({ nested: token.auth }, { depth: 10 })}`]) {
        expect(shown).to.not.contain('t0k3n-value').and.not.contain('secretkey');
      }
      expect(inspect(token.auth)).to.contain('[redacted]');
      expect(auth.type === 'token' && (auth.token as SecretString).expose()).to.equal('t0k3n-value');
    });

    it('should refuse negative or non-numeric timeouts and retry settings', () => {
      const make = (init: Partial<ConstructorParameters<typeof Config>[0]>) => () => new Config({ clusterUrl: 'https://k8s.test', env: {}, ...init });
      const fieldOf = (fn: () => unknown): string | undefined => {
        try {
          fn();
        } catch (error) {
          return isConfigError(error) ? `${error.reason} ${error.field ?? ''}` : String(error);
        }
        return undefined;
      };
      expect(fieldOf(make({ retry: { initialDelayMs: Number.NaN } }))).to.equal('InvalidField retry.initialDelayMs');
      expect(fieldOf(make({ retry: { maxRetries: -1 } }))).to.equal('InvalidField retry.maxRetries');
      expect(fieldOf(make({ retry: { maxRetries: 1.5 } }))).to.equal('InvalidField retry.maxRetries');
      expect(fieldOf(make({ retry: { maxDelayMs: Number.POSITIVE_INFINITY } }))).to.equal('InvalidField retry.maxDelayMs');
      expect(fieldOf(make({ requestTimeoutMs: -1 }))).to.equal('InvalidField requestTimeoutMs');
      expect(fieldOf(make({ connectTimeoutMs: Number.NaN }))).to.equal('InvalidField connectTimeoutMs');
      expect(fieldOf(make({ maxLineLength: 0 }))).to.equal('InvalidField maxLineLength');
      expect(fieldOf(make({ retry: { maxRetries: 0, initialDelayMs: 0 }, requestTimeoutMs: 0 }))).to.equal(undefined);
      expect(fieldOf(make({ retry: false }))).to.equal(undefined);
    });
  });

  describe('fromKubeconfig', () => {
    it('should use the current context: server, namespace, CA data and token', async () => {
      const config = await Config.fromKubeconfig({ path: write('config', kubeconfig('token: abc')), env: {} });
      expect(config.clusterUrl.href).to.equal('https://10.0.0.1:6443/');
      expect(config.defaultNamespace).to.equal('apps');
      expect(config.tls.ca).to.equal(CA);
      expect(exposed(config.auth)).to.deep.equal({ type: 'token', token: 'secret:abc' });
      expect(config.source).to.contain(join(dir, 'config')).and.contain('context dev');
    });

    it('should accept kubeconfig text', async () => {
      const config = await Config.fromKubeconfig(kubeconfig('token: abc'));
      expect(config.clusterUrl.host).to.equal('10.0.0.1:6443');
    });

    it('should accept a path as its string argument too, and JSON text', async () => {
      const path = write('config', kubeconfig('token: abc'));
      expect((await Config.fromKubeconfig(path)).clusterUrl.host).to.equal('10.0.0.1:6443');
      const json = JSON.stringify({ clusters: [{ name: 'c', cluster: { server: 'https://json.test' } }], contexts: [{ name: 'x', context: { cluster: 'c' } }], 'current-context': 'x' });
      expect((await Config.fromKubeconfig(json)).clusterUrl.host).to.equal('json.test');
      const missing = await configError(Config.fromKubeconfig(join(dir, 'nope')));
      expect([missing.reason, missing.file]).to.deep.equal(['NoKubeconfig', join(dir, 'nope')]);
    });

    it('should run an exec plugin with the env given to fromKubeconfig, not process.env', async () => {
      const infoFile = join(dir, 'info.json');
      const fixture = join(process.cwd(), 'spec/fixtures/exec-credential.mjs');
      const user = `exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: ${process.execPath}\n        args: [${fixture}]\n        interactiveMode: Never`;
      const env = { PATH: process.env['PATH'] ?? '', EXEC_INFO_FILE: infoFile, EXTRA: 'from-fromKubeconfig', EXEC_TOKENS: 'env-token' };
      const config = await Config.fromKubeconfig({ path: write('config', kubeconfig(user)), env });
      expect((await config.authenticator().credentials()).headers).to.deep.equal([['Authorization', 'Bearer env-token']]);
      expect((JSON.parse(readFileSync(infoFile, 'utf8')) as { extra: string }).extra).to.equal('from-fromKubeconfig');
    });

    it('should honour context, user and namespace overrides', async () => {
      const path = write('config', kubeconfig('token: abc', undefined, 'extra: 1'));
      expect((await Config.fromKubeconfig({ path, context: 'other', env: {} })).defaultNamespace).to.equal('default');
      expect((await Config.fromKubeconfig({ path, namespace: 'ns2', env: {} })).defaultNamespace).to.equal('ns2');
    });

    it('should choose a cluster and user without any context', async () => {
      const text = `clusters: [{name: c, cluster: {server: "https://c.test"}}]\nusers: [{name: u, user: {token: t}}]\n`;
      const config = await Config.fromKubeconfig({ text, cluster: 'c', user: 'u', env: {} });
      expect(config.clusterUrl.host).to.equal('c.test');
      expect(exposed(config.auth)).to.deep.equal({ type: 'token', token: 'secret:t' });
    });

    it('should read CA, client certificate and key files relative to the kubeconfig', async () => {
      mkdirSync(join(dir, 'pki'));
      write('pki/ca.crt', CA);
      write('pki/me.crt', CERT);
      write('pki/me.key', KEY);
      const path = write('config', kubeconfig('client-certificate: pki/me.crt\n      client-key: pki/me.key', 'server: https://k8s.test\n      certificate-authority: pki/ca.crt'));
      const config = await Config.fromKubeconfig({ path, env: {} });
      expect(exposed(config.tls)).to.deep.equal({ ca: CA, cert: CERT, key: `secret:${KEY}` });
    });

    it('should prefer *-data over files', async () => {
      const path = write('config', kubeconfig(`client-certificate-data: ${b64(CERT)}\n      client-certificate: /nowhere\n      client-key-data: ${b64(KEY)}`));
      expect((await Config.fromKubeconfig({ path, env: {} })).tls.cert).to.equal(CERT);
    });

    it('should map tls-server-name, insecure-skip-tls-verify, proxy-url and disable-compression', async () => {
      const path = write('config', kubeconfig('token: t', 'server: https://10.0.0.1\n      tls-server-name: api.internal\n      proxy-url: http://proxy.corp:3128\n      disable-compression: true'));
      const config = await Config.fromKubeconfig({ path, env: {} });
      expect(config.tls.serverName).to.equal('api.internal');
      expect(config.proxy?.host).to.equal('proxy.corp:3128');
      expect(config.disableCompression).to.equal(true);
      const insecure = await Config.fromKubeconfig({ path: write('insecure', kubeconfig('token: t', 'server: https://x\n      insecure-skip-tls-verify: true')), env: {} });
      expect(insecure.tls.insecureSkipTlsVerify).to.equal(true);
    });

    it('should prefer tokenFile over token (client-go), and read basic auth', async () => {
      const path = write('config', kubeconfig('token: t\n      tokenFile: tok'));
      expect((await Config.fromKubeconfig({ path, env: {} })).auth).to.deep.equal({ type: 'tokenFile', path: join(dir, 'tok') });
      const basic = await Config.fromKubeconfig({ path: write('basic', kubeconfig('username: admin\n      password: pw')), env: {} });
      expect(exposed(basic.auth)).to.deep.equal({ type: 'basic', username: 'admin', password: 'secret:pw' });
    });

    it('should map impersonation fields, all of them', async () => {
      const path = write('config', kubeconfig('token: t\n      as: jane\n      as-groups: [dev, ops]\n      as-uid: "42"\n      as-user-extra: {scopes: [view]}'));
      expect((await Config.fromKubeconfig({ path, env: {} })).impersonate).to.deep.equal({ user: 'jane', groups: ['dev', 'ops'], uid: '42', extra: { scopes: ['view'] } });
    });

    it('should accept an exec plugin, with cluster info when asked', async () => {
      const user = 'exec:\n        apiVersion: client.authentication.k8s.io/v1\n        command: ./plugin\n        interactiveMode: Never\n        provideClusterInfo: true';
      const cluster = `server: https://10.0.0.1:6443\n      certificate-authority-data: ${b64(CA)}\n      extensions:\n        - name: client.authentication.k8s.io/exec\n          extension: {audience: k8s}`;
      const config = await Config.fromKubeconfig({ path: write('config', kubeconfig(user, cluster)), env: {} });
      const auth = config.auth;
      expect(auth.type).to.equal('exec');
      if (auth.type !== 'exec') return;
      expect(auth.exec.command).to.equal(join(dir, 'plugin'));
      expect(auth.server).to.equal('https://10.0.0.1:6443');
      expect(auth.cluster).to.deep.equal({ server: 'https://10.0.0.1:6443', 'certificate-authority-data': b64(CA), config: { audience: 'k8s' } });
    });

    it('should accept a static OIDC id-token', async () => {
      const path = write('config', kubeconfig('auth-provider:\n        name: oidc\n        config: {id-token: eyJ.id, idp-issuer-url: "https://idp"}'));
      expect(exposed((await Config.fromKubeconfig({ path, env: {} })).auth)).to.deep.equal({ type: 'token', token: 'secret:eyJ.id' });
    });

    it('should tolerate a context without a user (no auth)', async () => {
      const text = 'current-context: c\nclusters: [{name: k, cluster: {server: "http://127.0.0.1:8001"}}]\ncontexts: [{name: c, context: {cluster: k}}]\n';
      expect((await Config.fromKubeconfig({ text, env: {} })).auth).to.deep.equal({ type: 'none' });
    });

    describe('incomplete or contradictory kubeconfigs', () => {
      const cases: [string, () => string, string, string][] = [
        ['no current-context', () => kubeconfig('token: t').replace('current-context: dev', ''), 'MissingField', 'current-context'],
        ['an unknown current-context', () => kubeconfig('token: t').replace('current-context: dev', 'current-context: prod'), 'NotFound', 'contexts'],
        ['a context without a cluster', () => kubeconfig('token: t').replace('{ cluster: dev, user: me, namespace: apps }', '{ user: me }'), 'MissingField', 'contexts[name=dev].context.cluster'],
        ['a context naming an unknown cluster', () => kubeconfig('token: t').replace('{ cluster: dev, user: me, namespace: apps }', '{ cluster: prod, user: me }'), 'NotFound', 'clusters'],
        ['a context naming an unknown user', () => kubeconfig('token: t').replace('{ cluster: dev, user: me, namespace: apps }', '{ cluster: dev, user: you }'), 'NotFound', 'users'],
        ['a cluster without server', () => kubeconfig('token: t', `certificate-authority-data: ${b64(CA)}`), 'MissingField', 'clusters[name=dev].cluster.server'],
        ['a server that is not a URL', () => kubeconfig('token: t', 'server: "10.0.0.1 6443"'), 'InvalidField', 'clusters[name=dev].cluster.server'],
        ['a server that is not http(s)', () => kubeconfig('token: t', 'server: tcp://10.0.0.1'), 'InvalidField', 'clusters[name=dev].cluster.server'],
        ['bad base64 in certificate-authority-data', () => kubeconfig('token: t', 'server: https://x\n      certificate-authority-data: "not*base64!"'), 'InvalidField', 'clusters[name=dev].cluster.certificate-authority-data'],
        ['bad base64 in client-key-data', () => kubeconfig(`client-certificate-data: ${b64(CERT)}\n      client-key-data: "%%%"`), 'InvalidField', 'users[name=me].user.client-key-data'],
        ['an unreadable certificate-authority file', () => kubeconfig('token: t', 'server: https://x\n      certificate-authority: missing-ca.crt'), 'ReadFailed', 'clusters[name=dev].cluster.certificate-authority'],
        ['an unreadable client-key file', () => kubeconfig(`client-certificate-data: ${b64(CERT)}\n      client-key: missing.key`), 'ReadFailed', 'users[name=me].user.client-key'],
        ['a client certificate without key', () => kubeconfig(`client-certificate-data: ${b64(CERT)}`), 'MissingField', 'users[name=me].user.client-key'],
        ['a client key without certificate', () => kubeconfig(`client-key-data: ${b64(KEY)}`), 'MissingField', 'users[name=me].user.client-certificate'],
        ['a token and basic auth together', () => kubeconfig('token: t\n      username: u\n      password: p'), 'ConflictingFields', 'users[name=me].user'],
        ['a username without password', () => kubeconfig('username: u'), 'MissingField', 'users[name=me].user.password'],
        ['insecure-skip-tls-verify with a CA', () => kubeconfig('token: t', `server: https://x\n      insecure-skip-tls-verify: true\n      certificate-authority-data: ${b64(CA)}`), 'ConflictingFields', 'clusters[name=dev].cluster.insecure-skip-tls-verify'],
        ['exec and auth-provider together', () => kubeconfig('exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}\n      auth-provider: {name: oidc}'), 'ConflictingFields', 'users[name=me].user'],
        ['an unknown exec API version', () => kubeconfig('exec: {command: x, apiVersion: client.authentication.k8s.io/v1alpha1}'), 'Unsupported', 'users[name=me].user.exec.apiVersion'],
        ['a v1 exec plugin without interactiveMode', () => kubeconfig('exec: {command: x, apiVersion: client.authentication.k8s.io/v1}'), 'MissingField', 'users[name=me].user.exec.interactiveMode'],
        ['an unsupported auth-provider', () => kubeconfig('auth-provider: {name: gcp, config: {access-token: ya29.secret}}'), 'Unsupported', 'users[name=me].user.auth-provider'],
        ['as-groups without as', () => kubeconfig('token: t\n      as-groups: [dev]'), 'MissingField', 'users[name=me].user.as'],
        ['a proxy-url with an unsupported scheme', () => kubeconfig('token: t', 'server: https://x\n      proxy-url: socks5://proxy:1080'), 'Unsupported', 'proxy-url'],
      ];
      for (const [what, text, reason, field] of cases) {
        it(`should reject ${what} with ${reason} naming the file and ${field}`, async () => {
          const path = write('config', text());
          const e = await configError(Config.fromKubeconfig({ path, env: {} }));
          expect(e.reason).to.equal(reason);
          expect(e.field).to.equal(field);
          expect(e.message).to.contain(field);
          if (field !== 'proxy-url') expect(e.file).to.equal(path);
          expect(e.message).to.not.contain('secretkey').and.not.contain('ya29.secret');
        });
      }
    });
  });

  describe('inCluster', () => {
    let sa: string;
    beforeEach(() => {
      sa = join(dir, 'serviceaccount');
      mkdirSync(sa);
      writeFileSync(join(sa, 'token'), 'sa-token');
      writeFileSync(join(sa, 'ca.crt'), CA);
      writeFileSync(join(sa, 'namespace'), 'kube-system\n');
    });

    it('should use the service env vars, the CA, the namespace and the token file', async () => {
      const config = await Config.inCluster({ env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '6443' }, serviceAccountDir: sa });
      expect(config.clusterUrl.href).to.equal('https://10.96.0.1:6443/');
      expect(config.tls.ca).to.equal(CA);
      expect(config.defaultNamespace).to.equal('kube-system');
      expect(config.auth).to.deep.equal({ type: 'tokenFile', path: join(sa, 'token') });
    });

    it('should bracket an IPv6 host and omit port 443', async () => {
      const config = await Config.inCluster({ env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '443' }, serviceAccountDir: sa });
      expect(config.clusterUrl.href).to.equal('https://[fd00::1]/');
    });

    it('should default the namespace when the file is absent', async () => {
      rmSync(join(sa, 'namespace'));
      const config = await Config.inCluster({ env: { KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '443' }, serviceAccountDir: sa });
      expect(config.defaultNamespace).to.equal('default');
    });

    it('should reject NotInCluster outside a pod', async () => {
      expect((await configError(Config.inCluster({ env: {}, serviceAccountDir: sa }))).field).to.equal('KUBERNETES_SERVICE_HOST');
      expect((await configError(Config.inCluster({ env: { KUBERNETES_SERVICE_HOST: 'h' }, serviceAccountDir: sa }))).field).to.equal('KUBERNETES_SERVICE_PORT');
      rmSync(join(sa, 'token'));
      const e = await configError(Config.inCluster({ env: { KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '443' }, serviceAccountDir: sa }));
      expect(e.reason).to.equal('NotInCluster');
      expect(e.file).to.equal(join(sa, 'token'));
    });

    it('should reject ReadFailed for a missing CA', async () => {
      rmSync(join(sa, 'ca.crt'));
      const e = await configError(Config.inCluster({ env: { KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '443' }, serviceAccountDir: sa }));
      expect(e.reason).to.equal('ReadFailed');
      expect(e.file).to.equal(join(sa, 'ca.crt'));
    });
  });

  describe('infer', () => {
    it('should use the kubeconfig from $KUBECONFIG first', async () => {
      const path = write('config', kubeconfig('token: t'));
      const config = await Config.infer({ env: { KUBECONFIG: path, KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '443' }, homeDir: dir });
      expect(config.clusterUrl.host).to.equal('10.0.0.1:6443');
    });

    it('should use ~/.kube/config when $KUBECONFIG is unset', async () => {
      mkdirSync(join(dir, '.kube'));
      write('.kube/config', kubeconfig('token: t'));
      const config = await Config.infer({ env: {}, homeDir: dir });
      expect(config.source).to.contain(join(dir, '.kube', 'config'));
    });

    it('should fall back to in-cluster config when there is no kubeconfig', async () => {
      const sa = join(dir, 'sa');
      mkdirSync(sa);
      writeFileSync(join(sa, 'token'), 't');
      writeFileSync(join(sa, 'ca.crt'), CA);
      const config = await Config.infer({ env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' }, homeDir: dir, serviceAccountDir: sa });
      expect(config.clusterUrl.href).to.equal('https://10.96.0.1/');
    });

    it('should reject InferFailed saying what it tried when both fail', async () => {
      const e = await configError(Config.infer({ env: {}, homeDir: dir, serviceAccountDir: join(dir, 'none') }));
      expect(e).to.be.instanceOf(ConfigError);
      expect(e.reason).to.equal('InferFailed');
      expect(e.message).to.contain('kubeconfig').and.contain(join(dir, '.kube', 'config')).and.contain('KUBERNETES_SERVICE_HOST');
      expect(e.causes.map((c) => (c as ConfigError).reason)).to.deep.equal(['NoKubeconfig', 'NotInCluster']);
    });
  });
});
