// examples/least-privilege-controller.ts against a test cluster (embedded, or real under
// KUBE_RX_TEST_CLUSTER=real): the controller runs as its ServiceAccount with exactly the Role of
// its manifest, and each verb taken away from that Role fails it, loudly and by name.
import { expect } from 'chai';
import { filter, firstValueFrom, share, timeout, type Observable } from 'rxjs';
import { Api } from '../../lib/client/api.js';
import type { Client } from '../../lib/client/client.js';
import { Config } from '../../lib/client/config/config.js';
import { isApiError } from '../../lib/core/errors/api-error.js';
import type { KubeObject } from '../../lib/core/index.js';
import { ConfigMap } from '../../lib/core/resources/core-v1.js';
import type { ReconcileResult } from '../../lib/runtime/controller/reconcile-result.js';
import { isWatcherError } from '../../lib/runtime/watcher/watcher-error.js';
import { greeter, install, manifest, NAMESPACE, SERVICE_ACCOUNT, serviceAccountClient } from '../../examples/least-privilege-controller.js';
import { useApiClient } from '../helpers/api-client.js';
import { useTestCluster } from '../helpers/test-cluster.js';
import { eventually } from '../helpers/eventually.js';

type Json = Record<string, any>;

describe('a controller with least privilege (examples/least-privilege-controller.ts)', function () {
  this.timeout(60_000);
  const env = useTestCluster();
  const admin = useApiClient(env);
  let asGreeter: Client;

  before(async () => {
    await install(admin.client, manifest());
    asGreeter = await serviceAccountClient(admin.client, await Config.fromKubeconfig(env.kubeconfig), NAMESPACE, SERVICE_ACCOUNT);
  });
  after(() => asGreeter.close());

  /** Gives the Role these verbs, and waits until the cluster authorizes by them (a real server's informers lag a little). */
  async function roleVerbs(verbs: readonly string[]): Promise<void> {
    const [, role] = manifest();
    await install(admin.client, [{ ...role, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs }] } as KubeObject]);
    await eventually(
      'the Role change taking effect',
      () =>
        asGreeter.requestJson<Json>({
          method: 'POST',
          path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
          query: [],
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ spec: { resourceAttributes: { namespace: NAMESPACE, verb: 'list', resource: 'configmaps' } } }),
        }),
      (review) => review['status'].allowed === verbs.includes('list'),
    );
  }

  function failure(results: Observable<ReconcileResult>): Promise<unknown> {
    return new Promise((resolve, reject) => results.subscribe({ error: resolve, complete: () => reject(new Error('the controller completed')) }));
  }

  it('should greet ConfigMaps as the ServiceAccount with the Role of its manifest', async () => {
    await roleVerbs(['list', 'watch', 'patch']);
    const results = greeter(asGreeter).pipe(share());
    const subscription = results.subscribe();
    const cms = Api.namespaced(admin.client, ConfigMap, NAMESPACE);
    await cms.create({ metadata: { name: 'visitor', labels: { greet: 'true' } } });
    const result = await firstValueFrom(results.pipe(filter((r) => r.request.ref.name === 'visitor'), timeout(20_000)));
    subscription.unsubscribe();
    expect(result.type).to.equal('Reconciled');
    expect((await cms.get('visitor')).data).to.deep.equal({ greeting: 'hello, visitor' });
  });

  it('should stop with a Forbidden WatcherError naming watch when the Role lacks it', async () => {
    await roleVerbs(['list', 'patch']);
    const error = await failure(greeter(asGreeter));
    expect(isWatcherError(error) && error.reason).to.equal('Forbidden');
    expect((error as Error).message).to.equal(
      'watch of configmaps in namespace "default": access was refused (check the credentials and RBAC for list and watch): configmaps is forbidden: User "system:serviceaccount:default:greeter" cannot watch resource "configmaps" in API group "" in the namespace "default": 403 Forbidden (GET /api/v1/namespaces/default/configmaps)',
    );
  });

  it('should stop with a Forbidden WatcherError naming list when the Role lacks it', async () => {
    await roleVerbs(['watch', 'patch']);
    const error = await failure(greeter(asGreeter));
    expect(isWatcherError(error) && error.reason).to.equal('Forbidden');
    expect((error as Error).message).to.contain('cannot list resource "configmaps" in API group "" in the namespace "default"');
  });

  it('should report each reconcile as Failed with the 403 when the Role lacks patch', async () => {
    await roleVerbs(['list', 'watch']);
    const results = greeter(asGreeter).pipe(share());
    const failed = firstValueFrom(results.pipe(filter((r) => r.request.ref.name === 'newcomer'), timeout(20_000)));
    const subscription = results.subscribe();
    await Api.namespaced(admin.client, ConfigMap, NAMESPACE).create({ metadata: { name: 'newcomer', labels: { greet: 'true' } } });
    const result = await failed;
    subscription.unsubscribe();
    expect(result.type).to.equal('Failed');
    const cause: unknown = result.type === 'Failed' ? result.error.cause : undefined;
    expect(isApiError(cause) && cause.status.message).to.equal(
      'configmaps "newcomer" is forbidden: User "system:serviceaccount:default:greeter" cannot patch resource "configmaps" in API group "" in the namespace "default"',
    );
  });
});
