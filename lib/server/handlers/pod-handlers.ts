// The pod subresources a controller or client touches without a kubelet: binding, eviction and log.
import { failureStatus } from '../../core/index.js';
import { badRequest, conflict, statusError } from '../errors/status-errors.js';
import { contentTypeOf, decodeBody, readBody } from '../http/read-body.js';
import { queryBool, queryInt } from '../http/query-values.js';
import { writeObject } from '../http/respond.js';
import { decodeObject } from '../objects/decode-object.js';
import { deleteObject } from '../objects/delete-object.js';
import { updateObject } from '../objects/update-object.js';
import { formatTime } from '../server-context.js';
import { readObject } from './read-handlers.js';
import type { ResourceCall } from './resource-call.js';
import type { SubresourceHandler } from './route-resource.js';
import { parseDeleteOptions } from './delete-options.js';
import { parseWriteOptions } from './write-options.js';
import type { LogLine, PodLogs } from '../pods/pod-logs.js';
import type { TypeMeta } from '../protobuf/protobuf-object.js';

type Json = Record<string, unknown>;

const CREATED: Json = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
const BINDING: TypeMeta = { apiVersion: 'v1', kind: 'Binding' };

async function body(call: ResourceCall, expected: TypeMeta): Promise<Json> {
  return decodeBody(await readBody(call.req, call.settings.maxBodyBytes), contentTypeOf(call.req), expected) ?? {};
}

/**
 * `POST pods/{name}/binding`: assigns the pod to a node (what the scheduler does), once.
 *
 * @throws {ApiError} 404, 409 when the pod is already assigned.
 */
export const handleBinding: SubresourceHandler = async (call, name) => {
  await bindPod(call, name ?? '', await body(call, BINDING));
};

/**
 * `POST namespaces/{ns}/bindings`: the same binding, naming the pod in the Binding's
 * `metadata.name` (the legacy endpoint kube-scheduler once used).
 *
 * @throws {ApiError} 400 without a name, 404, 409 when the pod is already assigned.
 */
export const handleBindings: SubresourceHandler = async (call) => {
  const binding = await body(call, BINDING);
  const name = String(((binding['metadata'] ?? {}) as Json)['name'] ?? '');
  if (name === '') throw badRequest('metadata.name: Required value: name or generateName is required');
  const pods = call.ctx.registry.find('', 'v1', 'pods');
  if (pods === undefined) throw badRequest('pods are not served');
  await bindPod({ ...call, kind: pods }, name, binding);
};

async function bindPod(call: ResourceCall, name: string, binding: Json): Promise<void> {
  const options = parseWriteOptions(call, 'CreateOptions');
  const pod = structuredClone(readObject(call, name)) as Json;
  const spec = (pod['spec'] ?? {}) as Json;
  const node = String(((binding['target'] ?? {}) as Json)['name'] ?? '');
  if (node === '') throw badRequest('target.name: Required value');
  if (typeof spec['nodeName'] === 'string' && spec['nodeName'] !== '') {
    throw conflict({ group: '', resource: 'pods' }, name, `pod ${name} is already assigned to node "${String(spec['nodeName'])}"`);
  }
  pod['spec'] = { ...spec, nodeName: node };
  updateObject(call.ctx, { kind: call.kind, namespace: call.namespace, name, fromPatch: true, fieldsSubresource: 'binding' }, decodeObject(call.kind, pod), options);
  const status = { ...((pod['status'] ?? {}) as Json) };
  const conditions = Array.isArray(status['conditions']) ? (status['conditions'] as Json[]).filter((c) => c['type'] !== 'PodScheduled') : [];
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: formatTime(call.ctx.now()) });
  const current = readObject(call, name) as Json;
  updateObject(call.ctx, { kind: call.kind, namespace: call.namespace, name, subresource: 'status', fromPatch: true }, decodeObject(call.kind, { ...current, status: { ...status, conditions } }), { ...options, fieldManager: 'kube-scheduler' });
  writeObject(call.res, 201, CREATED, call.encoding);
}

/**
 * `POST pods/{name}/eviction`: deletes the pod with the Eviction's `deleteOptions`
 * (there is no disruption controller, so PodDisruptionBudgets do not block it).
 *
 * @throws {ApiError} 404, 409 on a failed precondition.
 */
export const handleEviction: SubresourceHandler = async (call, name) => {
  const eviction = await body(call, { apiVersion: 'policy/v1', kind: 'Eviction' });
  const raw = eviction['deleteOptions'];
  const options = parseDeleteOptions(raw === undefined || raw === null ? Buffer.alloc(0) : Buffer.from(JSON.stringify(raw)), new URLSearchParams());
  deleteObject(call.ctx, {
    kind: call.kind,
    namespace: call.namespace,
    name: name ?? '',
    dryRun: options.dryRun || call.query.getAll('dryRun').length > 0,
    gracePeriodSeconds: options.gracePeriodSeconds,
    propagationPolicy: options.propagationPolicy,
    orphanDependents: options.orphanDependents,
    preconditions: options.preconditions,
  });
  writeObject(call.res, 201, CREATED, call.encoding);
};

function containerNames(pod: Json): string[] {
  const spec = (pod['spec'] ?? {}) as Json;
  const names = (list: unknown): string[] => (Array.isArray(list) ? (list as Json[]).map((c) => String(c['name'] ?? '')) : []);
  return [...names(spec['containers']), ...names(spec['initContainers']), ...names(spec['ephemeralContainers'])];
}

function formatLine(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${line.time.toISOString().replace('Z', '000000Z')} ${line.text}\n` : `${line.text}\n`;
}

/**
 * `GET pods/{name}/log`: the container's log as `text/plain` (written by tests through
 * `hooks.appendPodLog`), honouring `container`, `tailLines`, `limitBytes`, `timestamps`,
 * `sinceSeconds`/`sinceTime` and `follow` (the answer stays open and streams new lines).
 *
 * @throws {ApiError} 404 for a missing pod, 400 for a missing or unknown container name or
 *   a `previous` log that does not exist.
 */
export function podLogHandler(logs: PodLogs): SubresourceHandler {
  return (call, name) => {
    const podName = name ?? '';
    const pod = readObject(call, podName) as Json;
    const names = containerNames(pod);
    let container = call.query.get('container') ?? '';
    if (container === '') {
      if (names.length !== 1) {
        throw statusError(failureStatus(400, 'BadRequest', `a container name must be specified for pod ${podName}, choose one of: [${names.join(' ')}]`));
      }
      container = names[0] as string;
    }
    if (!names.includes(container)) throw badRequest(`container ${container} is not valid for pod ${podName}`);
    if (queryBool(call.query, 'previous')) throw badRequest(`previous terminated container "${container}" in pod "${podName}" not found`);
    const namespace = call.namespace ?? '';
    const timestamps = queryBool(call.query, 'timestamps');
    const since = (() => {
      const seconds = queryInt(call.query, 'sinceSeconds');
      if (seconds !== undefined && !Number.isNaN(seconds)) return call.ctx.now().getTime() - seconds * 1000;
      const time = call.query.get('sinceTime');
      return time === null ? undefined : Date.parse(time);
    })();
    let lines = logs.lines(namespace, podName, container).filter((l) => since === undefined || l.time.getTime() >= since);
    const tail = queryInt(call.query, 'tailLines');
    if (tail !== undefined && !Number.isNaN(tail) && tail >= 0) lines = lines.slice(Math.max(0, lines.length - tail));
    let text = lines.map((l) => formatLine(l, timestamps)).join('');
    const limit = queryInt(call.query, 'limitBytes');
    if (limit !== undefined && !Number.isNaN(limit) && limit > 0) text = Buffer.from(text).subarray(0, limit).toString('utf8');
    const res = call.res;
    res.statusCode = 200;
    res.setHeader('Content-Type', 'text/plain');
    res.setHeader('Cache-Control', 'no-cache, private');
    if (!queryBool(call.query, 'follow')) {
      res.end(text);
      return;
    }
    res.setHeader('Transfer-Encoding', 'chunked');
    res.flushHeaders();
    if (text !== '') res.write(text);
    const stop = logs.follow(namespace, podName, container, (line) => res.write(formatLine(line, timestamps)));
    const unsubscribe = call.ctx.store.subscribe((event) => {
      if (event.bucket === call.kind.bucket && event.type === 'DELETED' && event.key === `${namespace}/${podName}`) res.end();
    });
    res.on('close', () => {
      stop();
      unsubscribe();
    });
  };
}
