// POST serviceaccounts/{name}/token: mints a bearer token that authenticates as the ServiceAccount.
import { API_AUDIENCE, type BoundObject, type ServiceAccountTokens } from '../auth/service-account-tokens.js';
import { fieldInvalid, type FieldError } from '../errors/field-error.js';
import { badRequest, conflict, invalid, notFound } from '../errors/status-errors.js';
import { writeObject } from '../http/respond.js';
import { objectKey } from '../objects/object-key.js';
import { formatTime } from '../server-context.js';
import type { StoredObject } from '../store/store-event.js';
import { readObject } from './read-handlers.js';
import { answerMetadata, readRequestObject } from './request-object.js';
import type { SubresourceHandler } from './route-resource.js';

type Json = Record<string, unknown>;

const TOKEN_REQUEST = { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' } as const;
const GROUP_KIND = { group: TOKEN_REQUEST.group, kind: TOKEN_REQUEST.kind };
/** `spec.expirationSeconds` when the request leaves it out. */
const DEFAULT_EXPIRATION_SECONDS = 3600;
/** `MinTokenAgeSec`: ten minutes. */
const MIN_EXPIRATION_SECONDS = 600;
/** The largest `spec.expirationSeconds`: 2^32. */
const MAX_EXPIRATION_SECONDS = 2 ** 32;
/**
 * The kubelet's projected-token request (`3607` seconds, pod-bound, for the API server)
 * gets a token that lives a year but is reported as asked (`--service-account-extend-token-expiration`).
 */
const WARN_ONLY_EXPIRATION_SECONDS = 3607;
const EXTENDED_EXPIRATION_SECONDS = 365 * 24 * 3600;

/** Reads the optional, typed-decoded string member of an object. */
function text(object: Json | undefined, key: string): string {
  const value = object?.[key];
  return typeof value === 'string' ? value : '';
}

/**
 * The TokenRequest subresource, as kube-apiserver's `TokenREST.Create`:
 *
 * - `metadata.name`/`namespace` in the body, if given, must be the ServiceAccount's (422 /
 *   400); the ServiceAccount must exist (404);
 * - `spec.expirationSeconds` defaults to 3600 and must be within [600, 2^32] (422
 *   `may not specify a duration less than 10 minutes` / `larger than 2^32 seconds`);
 * - `spec.audiences` defaults to the API server's (`https://kubernetes.default.svc.cluster.local`);
 *   a token for other audiences does not authenticate here;
 * - `spec.boundObjectRef` may name a Pod (running as this ServiceAccount), a Secret or a
 *   Node that must exist (404; 400 for another kind or another pod's ServiceAccount; 409
 *   when its `uid` is stale): the token dies with that object;
 * - the answer (201) carries the token and `expirationTimestamp` (now + expirationSeconds,
 *   on the server's clock); the token dies when it expires or its ServiceAccount is deleted.
 *
 * @throws {ApiError} 400, 404, 409, 422 as kube-apiserver answers.
 */
export function tokenRequestHandler(tokens: ServiceAccountTokens): SubresourceHandler {
  return async (call, name = '') => {
    const namespace = call.namespace ?? '';
    const { object: request, warnings, fieldManager } = await readRequestObject(call, TOKEN_REQUEST);
    const meta = request['metadata'] as Json;
    const requestNamespace = text(meta, 'namespace');
    if (requestNamespace !== '' && requestNamespace !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    const requestName = text(meta, 'name');
    if (requestName !== '' && requestName !== name) {
      throw invalid(GROUP_KIND, name, [fieldInvalid('metadata.name', requestName, 'must match the service account name if specified')]);
    }
    const sa = readObject(call, name);
    const spec = { ...((request['spec'] as Json | undefined) ?? {}) };
    if (spec['expirationSeconds'] === undefined) spec['expirationSeconds'] = DEFAULT_EXPIRATION_SECONDS;
    const now = call.ctx.now();
    const time = formatTime(now);
    const answerMeta = answerMetadata(call, TOKEN_REQUEST, { ...request, metadata: { ...meta, name, namespace }, spec }, fieldManager, 'token');
    const audiences = Array.isArray(spec['audiences']) && spec['audiences'].length > 0 ? (spec['audiences'] as string[]) : [API_AUDIENCE];
    const seconds = spec['expirationSeconds'] as number;
    const errors: FieldError[] = [];
    if (seconds < MIN_EXPIRATION_SECONDS) errors.push(fieldInvalid('spec.expirationSeconds', seconds, 'may not specify a duration less than 10 minutes'));
    if (seconds > MAX_EXPIRATION_SECONDS) errors.push(fieldInvalid('spec.expirationSeconds', seconds, 'may not specify a duration larger than 2^32 seconds'));
    if (errors.length > 0) throw invalid(GROUP_KIND, '', errors);

    const ref = spec['boundObjectRef'] as Json | undefined;
    const bound = ref === undefined ? undefined : resolveBound(call.ctx.store, namespace, name, ref);
    let lifetime = seconds;
    if (bound?.object.kind === 'Pod' && seconds === WARN_ONLY_EXPIRATION_SECONDS && audiences.includes(API_AUDIENCE)) lifetime = EXTENDED_EXPIRATION_SECONDS;
    const token = tokens.mint({
      namespace,
      serviceAccount: name,
      serviceAccountUid: sa.metadata.uid ?? '',
      audiences,
      issuedAt: now.getTime(),
      expiresAt: now.getTime() + lifetime * 1000,
      ...(bound === undefined ? {} : { bound: bound.object }),
      ...(bound?.node === undefined ? {} : { node: bound.node }),
    });
    const answer: Json = {
      kind: TOKEN_REQUEST.kind,
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: time, managedFields: answerMeta['managedFields'] },
      spec: {
        audiences,
        expirationSeconds: seconds,
        boundObjectRef: ref === undefined ? null : { kind: ref['kind'], apiVersion: ref['apiVersion'], name: ref['name'], uid: ref['uid'] },
      },
      status: { token, expirationTimestamp: formatTime(new Date(now.getTime() + seconds * 1000)) },
    };
    writeObject(call.res, 201, answer, call.encoding, { warnings });
  };
}

const BOUND_KINDS = {
  Pod: { bucket: '/pods', resource: 'pods', namespaced: true },
  Secret: { bucket: '/secrets', resource: 'secrets', namespaced: true },
  Node: { bucket: '/nodes', resource: 'nodes', namespaced: false },
} as const;

function resolveBound(
  store: { get(bucket: string, key: string): StoredObject | undefined },
  namespace: string,
  serviceAccount: string,
  ref: Json,
): { object: BoundObject; node?: { name: string; uid: string | undefined } } {
  const apiVersion = text(ref, 'apiVersion');
  const kind = text(ref, 'kind');
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  const version = apiVersion.includes('/') ? apiVersion.slice(apiVersion.indexOf('/') + 1) : apiVersion;
  const target = group === '' && Object.hasOwn(BOUND_KINDS, kind) ? BOUND_KINDS[kind as keyof typeof BOUND_KINDS] : undefined;
  if (target === undefined) throw badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${kind}`);
  const name = text(ref, 'name');
  const stored = store.get(target.bucket, objectKey(target.namespaced ? namespace : undefined, name));
  if (stored === undefined) throw notFound({ group: '', resource: target.resource }, name);
  let node: { name: string; uid: string | undefined } | undefined;
  if (kind === 'Pod') {
    const spec = ((stored as unknown as Json)['spec'] ?? {}) as Json;
    if (text(spec, 'serviceAccountName') !== serviceAccount) {
      throw badRequest(`cannot bind token for serviceaccount "${serviceAccount}" to pod running with different serviceaccount name.`);
    }
    const nodeName = text(spec, 'nodeName');
    if (nodeName !== '') node = { name: nodeName, uid: store.get('/nodes', objectKey(undefined, nodeName))?.metadata.uid };
  }
  const uid = stored.metadata.uid ?? '';
  const wanted = text(ref, 'uid');
  if (wanted !== '' && wanted !== uid) {
    throw conflict(
      { group, resource: kind },
      name,
      `the UID in the bound object reference (${wanted}) does not match the UID in record. The object might have been deleted and then recreated`,
    );
  }
  return { object: { kind: kind as BoundObject['kind'], name, uid }, ...(node === undefined ? {} : { node }) };
}
