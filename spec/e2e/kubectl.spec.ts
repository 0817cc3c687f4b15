// Drives the real kubectl against a test cluster (embedded, or the real control plane under
// KUBE_RX_TEST_CLUSTER=real), once with a bearer token and once with a client certificate.
import { expect } from 'chai';
import { stringify } from 'yaml';
import { rawRequest } from '../helpers/api-server.js';
import { useTestCluster } from '../helpers/test-cluster.js';
import { Kubectl } from '../helpers/kubectl.js';
import { widgetCrd } from '../helpers/widget-crd.js';

type Json = Record<string, any>;

function deployment(name: string, extra: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
      ...extra,
    },
  };
}

function configMap(name: string, data: Json = {}, metadata: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...metadata }, data };
}

function manifests(...objects: Json[]): string {
  return objects.map((o) => stringify(o)).join('---\n');
}

/** `kubectl get -o name` output without the ConfigMap every namespace of a real cluster holds. */
function withoutRootCa(names: string): string {
  return names
    .split('\n')
    .filter((line) => line !== 'configmap/kube-root-ca.crt')
    .join('\n');
}

for (const auth of ['token', 'certificate'] as const) {
  describe(`kubectl (${auth} auth)`, function () {
    this.timeout(60_000);
    const env = useTestCluster();
    let kubectl: Kubectl;
    let namespaces = 0;

    before(async () => {
      kubectl = await Kubectl.forKubeconfig(env.kubeconfigFor(auth));
    });
    after(async () => {
      await kubectl.dispose();
    });

    /** A fresh namespace for one test. */
    async function namespace(): Promise<string> {
      namespaces += 1;
      const name = `e2e-${namespaces}`;
      const res = await rawRequest(env, '/api/v1/namespaces', { method: 'POST', body: { metadata: { name } } });
      expect(res.status).to.equal(201);
      return name;
    }

    async function ok(args: string[], stdin?: string): Promise<string> {
      const result = await kubectl.run(args, stdin);
      expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).to.equal(0);
      return result.stdout;
    }

    /**
     * Runs a command until it succeeds (for what a real cluster publishes asynchronously, such as a
     * new CRD's OpenAPI schema), for at most 30 s; each run is a kubectl process, no sleeping.
     */
    async function eventually(args: string[]): Promise<string> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const result = await kubectl.run(args);
        if (result.code === 0 || Date.now() > deadline) {
          expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).to.equal(0);
          return result.stdout;
        }
      }
    }

    async function stored(path: string): Promise<Json> {
      const res = await rawRequest(env, path);
      expect(res.status, path).to.equal(200);
      return res.json<Json>();
    }

    it('should print the server version', async () => {
      const out = JSON.parse(await ok(['version', '-o', 'json'])) as Json;
      expect(out['serverVersion']).to.include({ major: '1', minor: '32', gitVersion: 'v1.32.13' });
    });

    it('should list the API resources with short names and scopes', async () => {
      const [all, apps] = await Promise.all([ok(['api-resources']), ok(['api-resources', '--api-group=apps', '-o', 'name'])]);
      expect(all).to.match(/^deployments\s+deploy\s+apps\/v1\s+true\s+Deployment$/m);
      expect(all).to.match(/^namespaces\s+ns\s+v1\s+false\s+Namespace$/m);
      expect(all).to.match(/^leases\s+coordination\.k8s\.io\/v1\s+true\s+Lease$/m);
      expect(apps.trim().split('\n')).to.include.members(['deployments.apps', 'replicasets.apps', 'statefulsets.apps']);
    });

    it('should create from a file and store what it created', async () => {
      const ns = await namespace();
      const out = await ok(['create', '-n', ns, '-f', '-'], manifests(configMap('settings', { mode: 'fast' }), deployment('web')));
      expect(out).to.equal('configmap/settings created\ndeployment.apps/web created\n');
      const deploy = await stored(`/apis/apps/v1/namespaces/${ns}/deployments/web`);
      expect(deploy['metadata'].generation).to.equal(1);
      expect(deploy['spec'].replicas).to.equal(1);
      expect(deploy['metadata'].managedFields.find((m: Json) => m['manager'] === 'kubectl-create')).to.include({ operation: 'Update' });
      const again = await kubectl.run(['create', '-n', ns, '-f', '-'], manifests(configMap('settings')));
      expect(again.code).to.equal(1);
      expect(again.stderr).to.contain('Error from server (AlreadyExists): error when creating "STDIN": configmaps "settings" already exists');
    });

    it('should apply client-side, then update with a patch', async () => {
      const ns = await namespace();
      expect(await ok(['apply', '-n', ns, '-f', '-'], manifests(configMap('app', { level: 'info' })))).to.equal('configmap/app created\n');
      expect(await ok(['apply', '-n', ns, '-f', '-'], manifests(configMap('app', { level: 'debug' })))).to.equal('configmap/app configured\n');
      expect(await ok(['apply', '-n', ns, '-f', '-'], manifests(configMap('app', { level: 'debug' })))).to.equal('configmap/app unchanged\n');
      const cm = await stored(`/api/v1/namespaces/${ns}/configmaps/app`);
      expect(cm['data']).to.deep.equal({ level: 'debug' });
      expect(JSON.parse(cm['metadata'].annotations['kubectl.kubernetes.io/last-applied-configuration'])['data']).to.deep.equal({ level: 'debug' });
      const deploy = deployment('web');
      await ok(['apply', '-n', ns, '-f', '-'], manifests(deploy));
      deploy['spec'].template.spec.containers[0].image = 'nginx:1.28';
      expect(await ok(['apply', '-n', ns, '-f', '-'], manifests(deploy))).to.equal('deployment.apps/web configured\n');
      const live = await stored(`/apis/apps/v1/namespaces/${ns}/deployments/web`);
      expect(live['spec'].template.spec.containers[0].image).to.equal('nginx:1.28');
      expect(live['metadata'].generation).to.equal(2);
    });

    it('should apply server-side, report a conflict, and force it', async () => {
      const ns = await namespace();
      expect(await ok(['apply', '--server-side', '-n', ns, '-f', '-'], manifests(configMap('shared', { key: 'one' })))).to.equal('configmap/shared serverside-applied\n');
      const conflict = await kubectl.run(['apply', '--server-side', '--field-manager=other', '-n', ns, '-f', '-'], manifests(configMap('shared', { key: 'two' })));
      expect(conflict.code).to.equal(1);
      expect(conflict.stderr).to.contain('Apply failed with 1 conflict: conflict with "kubectl": .data.key');
      await ok(['apply', '--server-side', '--field-manager=other', '--force-conflicts', '-n', ns, '-f', '-'], manifests(configMap('shared', { key: 'two' })));
      const cm = await stored(`/api/v1/namespaces/${ns}/configmaps/shared`);
      expect(cm['data']).to.deep.equal({ key: 'two' });
      const owners = cm['metadata'].managedFields.filter((m: Json) => JSON.stringify(m['fieldsV1']).includes('f:key')).map((m: Json) => m['manager']);
      expect(owners).to.deep.equal(['other']);
    });

    it('should get as json, yaml, wide and name, by label and by field', async () => {
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests(configMap('a', {}, { labels: { tier: 'front' } }), configMap('b', {}, { labels: { tier: 'back' } }), deployment('web')));
      const [json, yaml, wide, names, labelled, fielded] = await Promise.all([
        ok(['get', 'cm', '-n', ns, '-o', 'json']),
        ok(['get', 'cm', 'a', '-n', ns, '-o', 'yaml']),
        ok(['get', 'deploy', '-n', ns, '-o', 'wide']),
        ok(['get', 'cm', '-n', ns, '-o', 'name']),
        ok(['get', 'cm', '-n', ns, '-l', 'tier=front', '-o', 'name']),
        ok(['get', 'cm', '-n', ns, '--field-selector', 'metadata.name=b', '-o', 'name']),
      ]);
      expect((JSON.parse(json) as Json)['items'].map((i: Json) => i['metadata'].name)).to.deep.equal(['a', 'b', 'kube-root-ca.crt']);
      expect(yaml).to.match(/^apiVersion: v1\n(data: \{\}\n)?kind: ConfigMap\nmetadata:/);
      expect(yaml).to.contain('  name: a\n');
      expect(wide.split('\n')[0]).to.match(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR$/);
      // READY, UP-TO-DATE and AVAILABLE are the deployment controller's to fill in (or not).
      expect(wide.split('\n')[1]).to.match(/^web\s+[01]\/1\s+[01]\s+[01]\s+\S+\s+web\s+nginx:1\.27\s+app=web$/);
      expect(names).to.equal('configmap/a\nconfigmap/b\nconfigmap/kube-root-ca.crt\n');
      expect(labelled).to.equal('configmap/a\n');
      expect(fielded).to.equal('configmap/b\n');
      const unsupported = await kubectl.run(['get', 'cm', '-n', ns, '--field-selector', 'data.x=y']);
      expect(unsupported.code).to.equal(1);
      expect(unsupported.stderr).to.contain('"data.x" is not a known field selector: only "metadata.name", "metadata.namespace"');
    });

    it('should page with --chunk-size', async () => {
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests(...['c1', 'c2', 'c3', 'c4', 'c5'].map((n) => configMap(n))));
      env.hooks.clearRequests();
      const out = await ok(['get', 'cm', '-n', ns, '--chunk-size=2', '-o', 'name']);
      expect(withoutRootCa(out)).to.equal('configmap/c1\nconfigmap/c2\nconfigmap/c3\nconfigmap/c4\nconfigmap/c5\n');
      const pages = env.hooks.requests().filter((r) => r.path === `/api/v1/namespaces/${ns}/configmaps`);
      expect(pages.map((r) => new URLSearchParams(r.query).get('limit'))).to.deep.equal(['2', '2', '2']);
      expect(pages.filter((r) => new URLSearchParams(r.query).has('continue'))).to.have.length(2);
    });

    it('should see live events with get -w', async () => {
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests(configMap('before')));
      const watching = env.hooks.nextWatch();
      const running = kubectl.start(['get', 'cm', '-n', ns, '-w']);
      try {
        await running.waitFor(/^before\s+0\s+/m);
        await watching;
        await rawRequest(env, `/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', body: configMap('during', { k: 'v' }) });
        await running.waitFor(/^during\s+1\s+/m);
        expect(running.output().split('\n')[0]).to.match(/^NAME\s+DATA\s+AGE$/);
      } finally {
        running.stop();
      }
    });

    it('should patch with merge, json and strategic patches', async () => {
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests(configMap('p', { a: '1' }), deployment('web')));
      const [merge, json, strategic] = await Promise.all([
        ok(['patch', 'cm', 'p', '-n', ns, '--type', 'merge', '-p', '{"data":{"b":"2"}}']),
        ok(['patch', 'deploy', 'web', '-n', ns, '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]']),
        Promise.resolve(''),
      ]);
      expect(merge).to.equal('configmap/p patched\n');
      expect(json).to.equal('deployment.apps/web patched\n');
      void strategic;
      const smp = await ok(['patch', 'deploy', 'web', '-n', ns, '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox"}]}}}}']);
      expect(smp).to.equal('deployment.apps/web patched\n');
      const deploy = await stored(`/apis/apps/v1/namespaces/${ns}/deployments/web`);
      expect(deploy['spec'].replicas).to.equal(2);
      expect(deploy['spec'].template.spec.containers.map((c: Json) => c['name'])).to.deep.equal(['sidecar', 'web']);
      expect((await stored(`/api/v1/namespaces/${ns}/configmaps/p`))['data']).to.deep.equal({ a: '1', b: '2' });
      const failed = await kubectl.run(['patch', 'cm', 'p', '-n', ns, '--type', 'json', '-p', '[{"op":"test","path":"/data/a","value":"9"}]']);
      expect(failed.code).to.equal(1);
      expect(failed.stderr).to.contain('the server rejected our request due to an error in our request');
    });

    it('should label and annotate', async () => {
      const ns = await namespace();
      // (with data: an object created with nothing to own stays unmanaged until its first apply)
      await ok(['create', '-n', ns, '-f', '-'], manifests(configMap('l', { k: 'v' })));
      expect(await ok(['label', 'cm', 'l', '-n', ns, 'tier=db'])).to.equal('configmap/l labeled\n');
      expect(await ok(['annotate', 'cm', 'l', '-n', ns, 'owner=team-a'])).to.equal('configmap/l annotated\n');
      const cm = await stored(`/api/v1/namespaces/${ns}/configmaps/l`);
      expect(cm['metadata'].labels).to.deep.equal({ tier: 'db' });
      expect(cm['metadata'].annotations).to.deep.equal({ owner: 'team-a' });
      expect(cm['metadata'].managedFields.map((m: Json) => m['manager'])).to.include.members(['kubectl-label', 'kubectl-annotate']);
      expect(await ok(['label', 'cm', 'l', '-n', ns, 'tier-'])).to.equal('configmap/l unlabeled\n');
    });

    it('should scale a deployment through the scale subresource', async () => {
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests(deployment('web')));
      expect(await ok(['scale', 'deploy/web', '-n', ns, '--replicas=3'])).to.equal('deployment.apps/web scaled\n');
      const deploy = await stored(`/apis/apps/v1/namespaces/${ns}/deployments/web`);
      expect(deploy['spec'].replicas).to.equal(3);
      expect(deploy['metadata'].generation).to.equal(2);
      expect(await ok(['get', 'deploy', 'web', '-n', ns, '--no-headers'])).to.match(/^web\s+[0-3]\/3\s+[0-3]\s+[0-3]\s+/);
    });

    it('should keep an object with a finalizer Terminating until the finalizer is removed', async () => {
      const ns = await namespace();
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'held', finalizers: ['example.com/hold'] }, spec: { containers: [{ name: 'c', image: 'busybox' }] } };
      await ok(['create', '-n', ns, '-f', '-'], manifests(pod));
      const deleting = kubectl.start(['delete', 'pod', 'held', '-n', ns, '--timeout=20s']);
      await deleting.waitFor('pod "held" deleted');
      expect(await ok(['get', 'pod', 'held', '-n', ns, '--no-headers'])).to.match(/^held\s+0\/1\s+Terminating\s+/);
      const live = await stored(`/api/v1/namespaces/${ns}/pods/held`);
      expect(live['metadata'].deletionTimestamp).to.be.a('string');
      await ok(['patch', 'pod', 'held', '-n', ns, '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
      const result = await deleting.exited();
      expect(result.code, result.stderr).to.equal(0);
      const gone = await kubectl.run(['get', 'pod', 'held', '-n', ns]);
      expect(gone.stderr).to.contain('Error from server (NotFound): pods "held" not found');
    });

    it('should cascade deletes in the background, in the foreground and not at all', async () => {
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests(configMap('bg'), configMap('fg'), configMap('orphan')));
      const owner = async (name: string) => (await stored(`/api/v1/namespaces/${ns}/configmaps/${name}`))['metadata'];
      const children: Json[] = [];
      for (const name of ['bg', 'fg', 'orphan']) {
        const meta = await owner(name);
        children.push(configMap(`${name}-child`, {}, { ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name, uid: meta.uid, blockOwnerDeletion: true }] }));
      }
      await ok(['create', '-n', ns, '-f', '-'], manifests(...children));
      await Promise.all([
        ok(['delete', 'cm', 'bg', '-n', ns, '--cascade=background']),
        ok(['delete', 'cm', 'fg', '-n', ns, '--cascade=foreground']),
        ok(['delete', 'cm', 'orphan', '-n', ns, '--cascade=orphan']),
      ]);
      // The garbage collector works in the background: wait for it as a user would.
      await ok(['wait', '--for=delete', 'cm/bg-child', 'cm/fg-child', '-n', ns, '--timeout=20s']);
      const left = await ok(['get', 'cm', '-n', ns, '-o', 'name']);
      expect(withoutRootCa(left)).to.equal('configmap/orphan-child\n');
      const orphan = await stored(`/api/v1/namespaces/${ns}/configmaps/orphan-child`);
      expect(orphan['metadata']).to.not.have.property('ownerReferences');
    });

    it('should wait for a condition and for a deletion', async () => {
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests(configMap('doomed')));
      const watching = Promise.all([env.hooks.nextWatch(`/api/v1/namespaces?`), env.hooks.nextWatch(`/api/v1/namespaces/${ns}/configmaps?`)]);
      // A condition nothing else writes: a Namespace's status belongs to no controller until it is deleted.
      const probed = kubectl.start(['wait', '--for=condition=example.com/Probed', `ns/${ns}`, '--timeout=20s']);
      const deleted = kubectl.start(['wait', '--for=delete', 'cm/doomed', '-n', ns, '--timeout=20s']);
      await watching;
      await ok(['patch', 'ns', ns, '--subresource=status', '--type=merge', '-p', '{"status":{"conditions":[{"type":"example.com/Probed","status":"True","reason":"Probed","message":"ok"}]}}']);
      await rawRequest(env, `/api/v1/namespaces/${ns}/configmaps/doomed`, { method: 'DELETE' });
      const [a, d] = await Promise.all([probed.exited(), deleted.exited()]);
      expect(a.code, a.stderr).to.equal(0);
      expect(a.stdout).to.equal(`namespace/${ns} condition met\n`);
      expect(d.code, d.stderr).to.equal(0);
      expect(d.stdout).to.equal('configmap/doomed condition met\n');
    });

    it('should apply a CRD, then create, get and list its custom resources', async () => {
      const ns = await namespace();
      const crd = widgetCrd();
      crd['spec'].names.categories = ['all'];
      expect(await ok(['apply', '-f', '-'], manifests(crd))).to.equal('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n');
      expect(await ok(['wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=20s'])).to.equal(
        'customresourcedefinition.apiextensions.k8s.io/widgets.example.com condition met\n',
      );
      const widget = (name: string, color: string) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { color } });
      expect(await ok(['apply', '-n', ns, '-f', '-'], manifests(widget('w1', 'red')))).to.equal('widget.example.com/w1 created\n');
      expect(await ok(['create', '-n', ns, '-f', '-'], manifests(widget('w2', 'blue')))).to.equal('widget.example.com/w2 created\n');
      const [table, json, all] = await Promise.all([ok(['get', 'wd', '-n', ns]), ok(['get', 'widgets.example.com', '-n', ns, '-o', 'json']), ok(['get', 'all', '-n', ns, '-o', 'name'])]);
      expect(table).to.match(/^NAME\s+COLOR\s*\nw1\s+red\s*\nw2\s+blue\s*\n$/);
      const items = (JSON.parse(json) as Json)['items'];
      expect(items.map((i: Json) => i['spec'])).to.deep.equal([{ color: 'red', replicas: 1 }, { color: 'blue', replicas: 1 }]);
      expect(all).to.contain('widget.example.com/w1');
      const invalid = await kubectl.run(['apply', '-n', ns, '-f', '-'], manifests(widget('w3', 'green')));
      expect(invalid.code).to.equal(1);
      expect(invalid.stderr).to.contain('spec.color: Unsupported value: "green": supported values: "red", "blue"');
      expect(await ok(['scale', 'widgets.v1.example.com/w1', '-n', ns, '--replicas=4'])).to.equal('widget.example.com/w1 scaled\n');
      expect((await stored(`/apis/example.com/v1/namespaces/${ns}/widgets/w1`))['spec'].replicas).to.equal(4);
    });

    it('should exec into a pod whose container a hook plays', async function () {
      env.requireEmbedded(this, 'pods/exec is served by a kubelet, and the real control plane runs none');
      const server = env.embedded!;
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box' }, spec: { containers: [{ name: 'main', image: 'busybox' }] } }));
      server.hooks.onExec(async (session) => {
        let input = '';
        for await (const chunk of session.stdin ?? []) input += String(chunk);
        session.stdout.write(`${session.container}: ${session.command.join(' ')} ${input}`);
        return session.command[0] === 'false' ? 1 : 0;
      });
      try {
        expect(await ok(['exec', 'box', '-n', ns, '--', 'echo', 'hi'])).to.equal('main: echo hi ');
        expect(await ok(['exec', '-i', 'box', '-n', ns, '--', 'cat'], 'from stdin')).to.equal('main: cat from stdin');
        const failed = await kubectl.run(['exec', 'box', '-n', ns, '--', 'false']);
        expect(failed.code).to.equal(1);
        expect(failed.stderr).to.contain('command terminated with exit code 1');
      } finally {
        server.hooks.onExec(undefined);
      }
    });

    it('should print and follow pod logs', async function () {
      env.requireEmbedded(this, 'pods/log is served by a kubelet, and the real control plane runs none');
      const server = env.embedded!;
      const ns = await namespace();
      await ok(['create', '-n', ns, '-f', '-'], manifests({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'talker' }, spec: { containers: [{ name: 'main', image: 'busybox' }] } }));
      server.hooks.appendPodLog(ns, 'talker', 'first\nsecond\n');
      expect(await ok(['logs', 'talker', '-n', ns])).to.equal('first\nsecond\n');
      expect(await ok(['logs', 'talker', '-n', ns, '--tail=1'])).to.equal('second\n');
      const following = kubectl.start(['logs', '-f', 'talker', '-n', ns]);
      try {
        await following.waitFor('second\n');
        server.hooks.appendPodLog(ns, 'talker', 'third\n');
        await following.waitFor('third\n');
      } finally {
        following.stop();
      }
    });

    it('should explain built-in and custom kinds', async () => {
      const [replicas, pod] = await Promise.all([ok(['explain', 'deployment.spec.replicas']), ok(['explain', 'pods'])]);
      expect(replicas).to.contain('KIND:       Deployment');
      expect(replicas).to.contain('FIELD: replicas <integer>');
      expect(replicas).to.contain('Number of desired pods');
      expect(pod).to.match(/FIELDS:\n\s+apiVersion\s+<string>/);
      const crd = widgetCrd();
      crd['metadata'].name = 'gizmos.example.com';
      crd['spec'].names = { plural: 'gizmos', kind: 'Gizmo' };
      await ok(['apply', '-f', '-'], manifests(crd));
      await ok(['wait', '--for=condition=Established', 'crd/gizmos.example.com', '--timeout=20s']);
      const gizmo = await eventually(['explain', 'gizmos.spec', '--api-version=example.com/v1']);
      expect(gizmo).to.contain('KIND:       Gizmo');
      expect(gizmo).to.match(/color\s+<string>/);
    });
  });
}
