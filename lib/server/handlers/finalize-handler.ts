// PUT /api/v1/namespaces/{name}/finalize: changes only a Namespace's spec.finalizers.
import { writeObject } from '../http/respond.js';
import { decodeObject } from '../objects/decode-object.js';
import { updateObject } from '../objects/update-object.js';
import type { ResourceCall } from './resource-call.js';
import { parseWriteOptions } from './write-options.js';
import { readObjectBody } from './write-handlers.js';

/**
 * The Namespace `finalize` subresource: the new object is the stored one with the body's
 * `spec.finalizers`; once a terminating namespace has no finalizers left it is removed.
 */
export async function handleFinalize(call: ResourceCall, name: string | undefined): Promise<void> {
  const body = await readObjectBody(call);
  const options = parseWriteOptions(call, 'UpdateOptions');
  const input = decodeObject(call.kind, body);
  const result = updateObject(call.ctx, { kind: call.kind, namespace: undefined, name: name ?? '', subresource: 'finalize', fromPatch: true }, input, options);
  writeObject(call.res, result.code, result.object, call.encoding, { warnings: call.warnings });
}
