// Prints Kubernetes Events as they are recorded: kube-rs's event_watcher (events.k8s.io/v1).
// Run: npx tsx examples/event-watcher.ts   (until Ctrl-C on your cluster; on an embedded API server
// it records a few Events itself, then exits)
import { filter, firstValueFrom, share } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { ConfigMap, EventsV1Event } from '../lib/core/resources/index.js';
import { appliedObjects } from '../lib/runtime/operators/applied-objects.js';
import { Recorder } from '../lib/runtime/events/recorder.js';
import { watcher } from '../lib/runtime/watcher/watcher.js';
import { exampleClient } from './support/example-client.js';

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

const events = watcher(Api.all(client, EventsV1Event)).pipe(appliedObjects(), share());
const subscription = events.subscribe((event) => {
  const about = `${event.regarding?.kind}/${event.regarding?.name}`;
  const times = event.series?.count === undefined ? '' : ` (x${event.series.count})`;
  console.log(`${event.type} ${event.reason} ${about}: ${event.note ?? ''}${times}`);
});

if (embedded !== undefined) {
  const cm = await Api.namespaced(client, ConfigMap, 'default').create({ metadata: { name: 'noticed' } });
  const regarding = { apiVersion: 'v1', kind: 'ConfigMap', name: 'noticed', namespace: 'default', uid: cm.metadata?.uid ?? '' };
  const recorder = new Recorder(client, { controller: 'example.com/event-watcher' });
  await recorder.publish({ type: 'Normal', reason: 'Noticed', action: 'Look', note: 'a ConfigMap appeared' }, regarding);
  await recorder.publish({ type: 'Normal', reason: 'Noticed', action: 'Look', note: 'seen again' }, regarding);
  await recorder.publish({ type: 'Warning', reason: 'Suspicious', action: 'Look', note: 'it is empty' }, regarding);
  await firstValueFrom(events.pipe(filter((e) => e.reason === 'Suspicious')));
  subscription.unsubscribe();
  await close();
}
