// Specs of parseKubeconfig and mergeKubeconfigs: the format, path resolution, kubectl's merge rules, malformed files.
import { expect } from 'chai';
import { inspect } from 'node:util';
import { ConfigError } from '../../../lib/client/config/config-error.js';
import { mergeKubeconfigs, parseKubeconfig } from '../../../lib/client/config/kubeconfig.js';

const FILE = '/home/me/.kube/config';

function error(text: string): ConfigError {
  try {
    parseKubeconfig(text, FILE);
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

const VALID = `
apiVersion: v1
kind: Config
current-context: dev
clusters:
  - name: dev
    cluster:
      server: https://10.0.0.1:6443
      certificate-authority: certs/ca.pem
users:
  - name: me
    user:
      client-certificate: ../me.crt
      client-key: /abs/me.key
      tokenFile: token
      exec:
        apiVersion: client.authentication.k8s.io/v1
        command: ./bin/plugin
        interactiveMode: Never
  - name: tool
    user:
      exec:
        apiVersion: client.authentication.k8s.io/v1beta1
        command: aws
        args: [eks, get-token]
        env:
          - name: AWS_PROFILE
            value: prod
contexts:
  - name: dev
    context: { cluster: dev, user: me, namespace: apps }
preferences: {}
`;

describe('parseKubeconfig', () => {
  it('should read clusters, users, contexts and current-context', () => {
    const kc = parseKubeconfig(VALID, FILE);
    expect(kc['current-context']).to.equal('dev');
    expect(kc.clusters.map((c) => c.name)).to.deep.equal(['dev']);
    expect(kc.users.map((u) => u.name)).to.deep.equal(['me', 'tool']);
    expect(kc.contexts[0]?.context).to.deep.equal({ cluster: 'dev', user: 'me', namespace: 'apps' });
    expect(kc.users[1]?.user.exec?.env).to.deep.equal([{ name: 'AWS_PROFILE', value: 'prod' }]);
    expect(kc.files).to.deep.equal([FILE]);
  });

  it("should resolve relative paths against the file's directory", () => {
    const kc = parseKubeconfig(VALID, FILE);
    expect(kc.clusters[0]?.cluster['certificate-authority']).to.equal('/home/me/.kube/certs/ca.pem');
    const me = kc.users[0]?.user;
    expect(me?.['client-certificate']).to.equal('/home/me/me.crt');
    expect(me?.['client-key']).to.equal('/abs/me.key');
    expect(me?.tokenFile).to.equal('/home/me/.kube/token');
  });

  it('should resolve an exec command only when it contains a path separator', () => {
    const kc = parseKubeconfig(VALID, FILE);
    expect(kc.users[0]?.user.exec?.command).to.equal('/home/me/.kube/bin/plugin');
    expect(kc.users[1]?.user.exec?.command).to.equal('aws');
  });

  it('should resolve relative paths of a text kubeconfig against baseDir', () => {
    const kc = parseKubeconfig(VALID, undefined, '/srv/app');
    expect(kc.clusters[0]?.cluster['certificate-authority']).to.equal('/srv/app/certs/ca.pem');
    expect(kc.files).to.deep.equal(['<text>']);
  });

  it('should keep fields it does not know', () => {
    const kc = parseKubeconfig('clusters: [{name: a, cluster: {server: "https://a", x-custom: 1}}]\nextensions: []\n', FILE);
    expect(kc.clusters[0]?.cluster['x-custom']).to.equal(1);
    expect(kc['extensions']).to.deep.equal([]);
  });

  it('should treat an empty file as an empty kubeconfig', () => {
    expect(parseKubeconfig('', FILE)).to.deep.include({ clusters: [], users: [], contexts: [] });
  });

  it('should merge several YAML documents of one file, first wins', () => {
    const kc = parseKubeconfig('current-context: a\nclusters: [{name: x, cluster: {server: "https://1"}}]\n---\ncurrent-context: b\nclusters: [{name: x, cluster: {server: "https://2"}}, {name: y, cluster: {server: "https://3"}}]\n', FILE);
    expect(kc['current-context']).to.equal('a');
    expect(kc.clusters.map((c) => c.cluster.server)).to.deep.equal(['https://1', 'https://3']);
  });

  describe('malformed files', () => {
    const cases: [string, string, string, string][] = [
      ['bad YAML', 'clusters: [\n  - name: a\n  cluster: {', 'InvalidYaml', ''],
      ['a root that is not a mapping', '- a\n- b\n', 'InvalidField', '(root)'],
      ['a kind other than Config', 'kind: Pod\n', 'InvalidField', 'kind'],
      ['current-context that is not a string', 'current-context: [a]\n', 'InvalidField', 'current-context'],
      ['clusters that is not a list', 'clusters: {a: 1}\n', 'InvalidField', 'clusters'],
      ['an entry that is not a mapping', 'users: [oops]\n', 'InvalidField', 'users[0]'],
      ['an entry without a name', 'contexts: [{context: {cluster: a}}]\n', 'MissingField', 'contexts[0].name'],
      ['a name that is not a string', 'clusters: [{name: {a: 1}, cluster: {}}]\n', 'InvalidField', 'clusters[0].name'],
      ['a cluster that is not a mapping', 'clusters: [{name: a, cluster: "https://x"}]\n', 'InvalidField', 'clusters[name=a].cluster'],
      ['a server that is not a string', 'clusters: [{name: a, cluster: {server: 6443}}]\n', 'InvalidField', 'clusters[name=a].cluster.server'],
      ['insecure-skip-tls-verify that is not a boolean', 'clusters: [{name: a, cluster: {insecure-skip-tls-verify: "yes"}}]\n', 'InvalidField', 'clusters[name=a].cluster.insecure-skip-tls-verify'],
      ['a token that is not a string', 'users: [{name: u, user: {token: [1]}}]\n', 'InvalidField', 'users[name=u].user.token'],
      ['as-groups that is not a list of strings', 'users: [{name: u, user: {as-groups: a}}]\n', 'InvalidField', 'users[name=u].user.as-groups'],
      ['as-user-extra that is not a map of lists', 'users: [{name: u, user: {as-user-extra: {k: v}}}]\n', 'InvalidField', 'users[name=u].user.as-user-extra'],
      ['an exec without command', 'users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1}}}]\n', 'MissingField', 'users[name=u].user.exec.command'],
      ['an exec without apiVersion', 'users: [{name: u, user: {exec: {command: x}}}]\n', 'MissingField', 'users[name=u].user.exec.apiVersion'],
      ['exec args that are not strings', 'users: [{name: u, user: {exec: {command: x, apiVersion: v, args: [{a: 1}]}}}]\n', 'InvalidField', 'users[name=u].user.exec.args'],
      ['an unknown exec interactiveMode', 'users: [{name: u, user: {exec: {command: x, apiVersion: v, interactiveMode: Sometimes}}}]\n', 'InvalidField', 'users[name=u].user.exec.interactiveMode'],
      ['an exec env entry without a name', 'users: [{name: u, user: {exec: {command: x, apiVersion: v, env: [{value: y}]}}}]\n', 'MissingField', 'users[name=u].user.exec.env[0].name'],
      ['an exec env entry that is not a mapping', 'users: [{name: u, user: {exec: {command: x, apiVersion: v, env: [A=b]}}}]\n', 'InvalidField', 'users[name=u].user.exec.env[0]'],
      ['an empty exec', 'users:\n- name: u\n  user:\n    exec:\n', 'MissingField', 'users[name=u].user.exec'],
      ['an empty auth-provider', 'users:\n- name: u\n  user:\n    auth-provider:\n', 'MissingField', 'users[name=u].user.auth-provider'],
      ['an auth-provider without a name', 'users: [{name: u, user: {auth-provider: {config: {a: b}}}}]\n', 'MissingField', 'users[name=u].user.auth-provider.name'],
      ['a context cluster that is not a string', 'contexts: [{name: c, context: {cluster: 1}}]\n', 'InvalidField', 'contexts[name=c].context.cluster'],
    ];
    for (const [what, text, reason, field] of cases) {
      it(`should reject ${what} with ${reason} naming the file${field === '' ? '' : ` and ${field}`}`, () => {
        const e = error(text);
        expect(e.reason).to.equal(reason);
        expect(e.file).to.equal(FILE);
        expect(e.message).to.contain(FILE);
        if (field !== '') {
          expect(e.field).to.equal(field);
          expect(e.message).to.contain(field);
        }
      });
    }

    it('should not carry the offending source line (a token) in a YAML error or its cause', () => {
      const e = error('users:\n- name: me\n  user:\n    token: s3cr3t-t0k3n\n     bad: [x\n');
      expect(e.reason).to.equal('InvalidYaml');
      expect(e.cause).to.equal(undefined);
      expect(inspect(e, { depth: 10 })).to.not.include('s3cr3t');
      expect(e.message).to.contain('line 4');
    });

    it('should give the line of a YAML error', () => {
      expect(error('a: 1\nb: [\n').message).to.match(/line \d/);
    });

    it('should not echo a credential of the field it rejects', () => {
      const e = error('users: [{name: u, user: {token: "abc", password: {secret: hunter2}}}]\n');
      expect(e.field).to.equal('users[name=u].user.password');
      expect(e.message).to.not.contain('hunter2');
    });
  });
});

describe('mergeKubeconfigs', () => {
  const a = parseKubeconfig(
    'current-context: ctx-a\nclusters: [{name: shared, cluster: {server: "https://from-a"}}]\nusers: [{name: u, user: {token: a}}]\ncontexts: [{name: ctx-a, context: {cluster: shared, user: u}}]\n',
    '/a.yaml',
  );
  const b = parseKubeconfig(
    'current-context: ctx-b\nclusters: [{name: shared, cluster: {server: "https://from-b", insecure-skip-tls-verify: true}}, {name: only-b, cluster: {server: "https://b"}}]\nusers: [{name: u, user: {token: b}}, {name: v, user: {token: v}}]\ncontexts: [{name: ctx-b, context: {cluster: only-b, user: v}}]\npreferences: {colors: true}\n',
    '/b.yaml',
  );

  it('should keep the first current-context', () => {
    expect(mergeKubeconfigs([a, b])['current-context']).to.equal('ctx-a');
    expect(mergeKubeconfigs([b, a])['current-context']).to.equal('ctx-b');
  });

  it('should take a scalar from a later file when earlier ones do not set it', () => {
    const empty = parseKubeconfig('current-context: ""\n', '/empty.yaml');
    const merged = mergeKubeconfigs([empty, a, b]);
    expect(merged['current-context']).to.equal('ctx-a');
    expect(merged['preferences']).to.deep.equal({ colors: true });
  });

  it('should keep the first entry of a name whole, never mixing fields of two entries', () => {
    const merged = mergeKubeconfigs([a, b]);
    expect(merged.clusters.map((c) => [c.name, c.cluster])).to.deep.equal([
      ['shared', { server: 'https://from-a' }],
      ['only-b', { server: 'https://b' }],
    ]);
    expect(merged.users.map((u) => [u.name, u.user.token, u.file])).to.deep.equal([
      ['u', 'a', '/a.yaml'],
      ['v', 'v', '/b.yaml'],
    ]);
    expect(merged.contexts.map((c) => c.name)).to.deep.equal(['ctx-a', 'ctx-b']);
    expect(merged.files).to.deep.equal(['/a.yaml', '/b.yaml']);
  });
});
