// A controller with a finalizer: every ConfigMap labelled `sync=secret` gets a Secret copy, and the
// copy is deleted before the ConfigMap may go (kube-rs's secret_syncer).
// Run: npx tsx examples/secret-syncer.ts   (until Ctrl-C on your cluster; on an embedded API server
// it creates and deletes a ConfigMap itself, then exits)
import { share, Subject } from 'rxjs';
import { Api } from '../lib/client/api.js';
import type { Client } from '../lib/client/client.js';
import { Patch } from '../lib/core/patch.js';
import { ConfigMap, Secret } from '../lib/core/resources/core-v1.js';
import { Action } from '../lib/runtime/controller/action.js';
import { Controller } from '../lib/runtime/controller/controller.js';
import { exponentialRequeue } from '../lib/runtime/controller/exponential-requeue.js';
import { finalizer } from '../lib/runtime/finalizer/finalizer.js';
import { awaitCondition } from '../lib/runtime/wait/await-condition.js';
import { conditions } from '../lib/runtime/wait/conditions.js';
import { exampleClient } from './support/example-client.js';

const FINALIZER = 'example.com/secret-syncer';
const MANAGER = 'secret-syncer';

/** Apply: the Secret mirrors the ConfigMap. Cleanup: the Secret goes. Both idempotent. */
async function reconcile(cm: ConfigMap, client: Client): Promise<Action> {
  const namespace = cm.metadata?.namespace ?? 'default';
  const name = `${cm.metadata?.name}-synced`;
  const secrets = Api.namespaced(client, Secret, namespace);
  return finalizer(Api.namespaced(client, ConfigMap, namespace), FINALIZER, cm, async (event) => {
    switch (event.type) {
      case 'Apply':
        await secrets.patch(name, Patch.apply({ apiVersion: 'v1', kind: 'Secret', metadata: { name }, stringData: cm.data ?? {} }), { fieldManager: MANAGER, force: true });
        console.log(`synced ${namespace}/${cm.metadata?.name} → Secret ${name}`);
        return Action.requeue(10 * 60 * 1000);
      case 'Cleanup':
        if ((await secrets.getOpt(name)) !== undefined) await secrets.delete(name);
        console.log(`cleaned up Secret ${name}; ${namespace}/${cm.metadata?.name} may now be deleted`);
        return Action.awaitChange();
    }
  });
}

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

const stop = new Subject<void>();
const controller = Controller.for(Api.all(client, ConfigMap), { labelSelector: 'sync=secret' }).gracefulShutdownOn(stop);
const results = controller.run(reconcile, exponentialRequeue({ initial: 500 }), client).pipe(share());
const done = new Promise<void>((resolve, reject) =>
  results.subscribe({ next: (r) => r.type === 'Failed' && console.warn(r.error.message), error: reject, complete: resolve }),
);

if (embedded === undefined) {
  await done;
} else {
  const cms = Api.namespaced(client, ConfigMap, 'default');
  const secrets = Api.namespaced(client, Secret, 'default');
  const created = await cms.create({ metadata: { name: 'settings', labels: { sync: 'secret' } }, data: { password: 'hunter2' } });
  const secret = await awaitCondition(secrets, 'settings-synced', conditions.isCreated());
  console.log(`the ConfigMap has finalizers ${JSON.stringify((await cms.get('settings')).metadata?.finalizers)}`);
  await cms.delete('settings');
  await awaitCondition(cms, 'settings', conditions.isDeleted(created.metadata?.uid ?? ''));
  await awaitCondition(secrets, 'settings-synced', conditions.isDeleted(secret?.metadata?.uid ?? ''));
  console.log('after the delete: the ConfigMap and its Secret are both gone');
  stop.next();
  await done;
  await close();
}
