// Follows a container's log as it is written: kube-rs's log_stream.
// Run: npx tsx examples/log-stream.ts [pod] [namespace]   (on your cluster: follows the pod until
// Ctrl-C; on an embedded API server, which runs no containers, it writes the log itself and exits)
import { take } from 'rxjs';
import { Api } from '../lib/client/api.js';
import { Pod } from '../lib/core/resources/core-v1.js';
import { exampleClient } from './support/example-client.js';

const { client, target, embedded, close } = await exampleClient();
console.log(`using ${target}`);

const [name = 'logger', namespace = client.defaultNamespace] = process.argv.slice(2);
const pods = Api.namespaced(client, Pod, namespace);

if (embedded === undefined) {
  pods.logStream(name, { follow: true, tailLines: 10 }).subscribe({
    next: (line) => console.log(line),
    error: (error: unknown) => console.error(error instanceof Error ? error.message : error),
  });
} else {
  await pods.create({ metadata: { name }, spec: { containers: [{ name: 'main', image: 'busybox' }] } });
  embedded.hooks.appendPodLog(namespace, name, 'starting\n');
  const lines = pods.logStream(name, { follow: true }).pipe(take(3));
  const done = new Promise<void>((resolve, reject) => lines.subscribe({ next: (line) => console.log(`log: ${line}`), error: reject, complete: resolve }));
  // The "container" keeps writing while we follow.
  embedded.hooks.appendPodLog(namespace, name, 'working\n');
  embedded.hooks.appendPodLog(namespace, name, 'done\n');
  await done;
  await close();
}
