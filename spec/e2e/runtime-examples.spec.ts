// Runs the runtime examples and the demo with no kubeconfig reachable, so that each starts its own
// embedded API server, plays its scenario and exits 0.
import { expect } from 'chai';
import { useExampleRunner } from '../helpers/run-example.js';
import { embeddedOnly } from '../helpers/test-cluster.js';

describe('runtime examples', function () {
  this.timeout(60_000);
  embeddedOnly('each example plays its scripted scenario on the embedded server it starts itself; given a cluster it runs until Ctrl-C, as kube-rs examples do');
  const example = useExampleRunner();

  it('pod-watcher should see a Pod created, running and deleted', async () => {
    const out = await example('pod-watcher.ts');
    expect(out).to.contain('applied default/watched (Pending)').and.contain('applied default/watched (Running)').and.contain('deleted default/watched');
  });

  it('pod-reflector should index Pods by node', async () => {
    expect(await example('pod-reflector.ts')).to.contain('3 pods: node-a=2 node-b=1').and.contain('pods on node-a: web-1, web-3');
  });

  it('node-reflector should react to label changes only', async () => {
    const out = await example('node-reflector.ts');
    expect(out).to.contain('node-b: zone=eu-3');
    expect(out.match(/^node-a/gm), 'the status change of node-a is filtered out').to.have.length(1);
  });

  it('event-watcher should print Events and their series', async () => {
    const out = await example('event-watcher.ts');
    expect(out).to.contain('Normal Noticed ConfigMap/noticed: a ConfigMap appeared (x2)').and.contain('Warning Suspicious ConfigMap/noticed');
  });

  it('crd-reflector should install a CRD and reflect its objects', async () => {
    expect(await example('crd-reflector.ts')).to.contain('store: one=changed, two=second');
  });

  it('secret-syncer should sync with a finalizer and clean up before the delete completes', async () => {
    const out = await example('secret-syncer.ts');
    expect(out).to.contain('synced default/settings → Secret settings-synced');
    expect(out).to.contain('the ConfigMap has finalizers ["example.com/secret-syncer"]');
    expect(out).to.contain('cleaned up Secret settings-synced').and.contain('both gone');
  });

  it('leader-elected-controller should reconcile on one replica, then fail over', async () => {
    const out = await example('leader-elected-controller.ts');
    expect(out).to.contain('replica-a: reconciled first').and.contain('replica-b: leading').and.contain('replica-b: reconciled second');
    expect(out).to.not.contain('replica-b: reconciled first\nreplica-a');
    expect(out.indexOf('replica-b: leading')).to.be.greaterThan(out.indexOf('replica-a stops'));
  });

  it('controller-metrics should serve reconcile, error, duration, queue and watch metrics on /metrics', async () => {
    const out = await example('controller-metrics.ts');
    expect(out).to.match(/\$ curl -s http:\/\/127\.0\.0\.1:\d+\/metrics/);
    expect(out).to.contain('kube_rx_reconcile_total{controller="configmaps",result="success"} 3');
    expect(out).to.contain('kube_rx_reconcile_total{controller="configmaps",result="error"} 1');
    expect(out).to.contain('kube_rx_reconcile_errors_total{controller="configmaps"} 1');
    expect(out).to.contain('kube_rx_reconcile_duration_seconds_count{controller="configmaps"} 4');
    expect(out).to.contain('kube_rx_watch_restarts_total{controller="configmaps",resource="configmaps in namespace \\"metrics-demo\\""} 1');
    expect(out).to.match(/kube_rx_workqueue_depth\{controller="configmaps"\} \d/);
  });

  it('sharded-controller should reconcile each object on exactly one of three replicas, and move a crashed replica\'s shard', async () => {
    const out = await example('sharded-controller.ts');
    expect(out).to.contain('shard 0: replica-a').and.contain('shard 1: replica-b').and.contain('shard 2: replica-c');
    expect(out).to.contain('each of the 9 ConfigMaps was reconciled by exactly one replica');
    expect(out).to.not.contain('WRONG');
    const moved = /shard 1 moved from replica-b to (replica-[ac]) after (\d+) ms \(lease duration 2000 ms/.exec(out);
    expect(moved, out).to.not.equal(null);
    expect(Number(moved?.[2]), 'about one lease duration after the crash').to.be.within(1500, 3000);
    expect(out).to.contain(`(shard 1) reconciled by ${moved?.[1]} only`);
    expect(out).to.contain('sharding ok');
  });

  it('log-stream should follow a container log', async () => {
    expect(await example('log-stream.ts')).to.contain('log: starting\nlog: working\nlog: done');
  });

  it('configmapgen-controller should make a generator its ConfigMap', async () => {
    expect(await example('configmapgen-controller.ts')).to.contain('ConfigMap default/greeting: {"content":"hello"}');
  });

  it('least-privilege-controller should greet as its ServiceAccount, then stop loudly without watch', async () => {
    const out = await example('least-privilege-controller.ts');
    expect(out).to.contain('greeted default/visitor: hello, visitor');
    expect(out).to.contain(
      'without watch, the controller stops: watch of configmaps in namespace "default": access was refused (check the credentials and RBAC for list and watch): configmaps is forbidden: User "system:serviceaccount:default:greeter" cannot watch resource "configmaps"',
    );
  });

  it('the demo should pass every step and exit 0', async () => {
    const out = await example('demo.ts');
    expect(out).to.contain('steps          6/6 passed').and.contain('all good.');
    expect(out).to.match(/reconciles\s+\d+ \(0 failed\)/);
  });
});
