// The scale subresource: autoscaling/v1 Scale views of Deployments, ReplicaSets, StatefulSets, RCs and CRs.
import { formatLabelSelector } from '../../core/index.js';
import { badRequest, conflict, invalid } from '../errors/status-errors.js';
import { fieldInvalid } from '../errors/field-error.js';
import { writeObject } from '../http/respond.js';
import { decodeObject } from '../objects/decode-object.js';
import { updateObject } from '../objects/update-object.js';
import type { ResourceKind } from '../registry/resource-kind.js';
import type { ServerContext, WriteOptions } from '../server-context.js';
import { readObject } from './read-handlers.js';
import type { ResourceCall } from './resource-call.js';
import { parseWriteOptions } from './write-options.js';
import { readObjectBody } from './write-handlers.js';
import { ownProperty, setOwnProperty } from '../../core/json/own-property.js';

type Json = Record<string, unknown>;

const SCALE = { apiVersion: 'autoscaling/v1', kind: 'Scale' };

function pathOf(jsonPath: string): string[] {
  return jsonPath.replace(/^\./, '').split('.').filter((p) => p !== '');
}

function readPath(object: Json, jsonPath: string): unknown {
  let value: unknown = object;
  for (const part of pathOf(jsonPath)) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = ownProperty(value, part);
  }
  return value;
}

function writePath(object: Json, jsonPath: string, value: unknown): Json {
  const parts = pathOf(jsonPath);
  const root = structuredClone(object);
  let target: Json = root;
  for (const part of parts.slice(0, -1)) {
    const next = ownProperty(target, part);
    if (typeof next !== 'object' || next === null || Array.isArray(next)) setOwnProperty(target, part, {});
    target = ownProperty(target, part) as Json;
  }
  setOwnProperty(target, parts[parts.length - 1] as string, value);
  return root;
}

function paths(kind: ResourceKind): { spec: string; status: string; selector: string | undefined } {
  if (kind.custom?.scale !== undefined) {
    return { spec: kind.custom.scale.specReplicasPath, status: kind.custom.scale.statusReplicasPath, selector: kind.custom.scale.labelSelectorPath };
  }
  return { spec: '.spec.replicas', status: '.status.replicas', selector: undefined };
}

/** The `autoscaling/v1 Scale` of an object (missing replica paths read as 0). */
export function scaleOf(kind: ResourceKind, object: Json): Json {
  const meta = (object['metadata'] ?? {}) as Json;
  const p = paths(kind);
  let selector: string | undefined;
  if (p.selector !== undefined) {
    const raw = readPath(object, p.selector);
    selector = typeof raw === 'string' ? raw : undefined;
  } else {
    const raw = readPath(object, '.spec.selector');
    if (raw !== undefined && raw !== null) {
      try {
        selector = formatLabelSelector(raw as Record<string, string>);
      } catch {
        selector = undefined;
      }
    }
  }
  const number = (value: unknown): number => (typeof value === 'number' ? value : 0);
  return {
    ...SCALE,
    metadata: {
      name: meta['name'],
      ...(meta['namespace'] === undefined ? {} : { namespace: meta['namespace'] }),
      uid: meta['uid'],
      resourceVersion: meta['resourceVersion'],
      creationTimestamp: meta['creationTimestamp'],
    },
    spec: { replicas: number(readPath(object, p.spec)) },
    status: { replicas: number(readPath(object, p.status)), ...(selector === undefined || selector === '' ? {} : { selector }) },
  };
}

/** GET `/scale`. */
export function handleGetScale(call: ResourceCall, name: string): void {
  const object = readObject(call, name);
  writeObject(call.res, 200, scaleOf(call.kind, object), call.encoding, { warnings: call.warnings });
}

/**
 * Writes a Scale back to its object: `spec.replicas` moves to the object's replicas path,
 * `metadata.resourceVersion` (if given) is the precondition.
 *
 * @throws {ApiError} 404, 409, 422.
 */
export function applyScale(ctx: ServerContext, call: Pick<ResourceCall, 'kind' | 'namespace'>, name: string, scale: Json, options: WriteOptions): Json {
  const { kind } = call;
  const meta = (scale['metadata'] ?? {}) as Json;
  if (meta['name'] !== undefined && meta['name'] !== name) {
    throw badRequest(`the name of the object (${String(meta['name'])}) does not match the name on the URL (${name})`);
  }
  const replicas = (scale['spec'] as Json | undefined)?.['replicas'];
  if (replicas !== undefined && (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)) {
    throw invalid({ group: 'autoscaling', kind: 'Scale' }, name, [fieldInvalid('spec.replicas', replicas, 'must be greater than or equal to 0')]);
  }
  const current = readObject({ ctx, kind, namespace: call.namespace }, name) as Json;
  const rv = meta['resourceVersion'];
  const currentRv = (current['metadata'] as Json)['resourceVersion'];
  if (typeof rv === 'string' && rv !== '' && rv !== currentRv) throw conflict({ group: kind.group, resource: kind.plural }, name);
  const next = writePath(current, paths(kind).spec, replicas ?? 0);
  const result = updateObject(ctx, { kind, namespace: call.namespace, name, fromPatch: true, fieldsSubresource: 'scale' }, decodeObject(kind, next), options);
  return scaleOf(kind, result.object);
}

/** PUT `/scale`: the body must name the object, as every update's. */
export async function handleUpdateScale(call: ResourceCall, name: string): Promise<void> {
  const body = await readObjectBody(call, SCALE);
  const options = parseWriteOptions(call, 'UpdateOptions');
  const scale = decodeObject(call.kind, body, SCALE);
  // Every update names its object in the body too (kube-apiserver's checkName).
  const bodyName = (scale['metadata'] as Record<string, unknown>)['name'];
  if (bodyName === undefined || bodyName === '') throw badRequest(`the name of the object (${name} based on URL) was undeterminable: name must be provided`);
  writeObject(call.res, 200, applyScale(call.ctx, call, name, scale, options), call.encoding, { warnings: call.warnings });
}
