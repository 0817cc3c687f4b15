// The four patch kinds the API server accepts, their content types and bodies.
import type { ApplyBody } from './apply-configuration.js';
import { RequestBuildError } from './errors/request-build-error.js';
import type { KubeObject } from './object.js';

/** One RFC 6902 JSON patch operation. */
export type JsonPatchOperation =
  | { readonly op: 'add' | 'replace' | 'test'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'move' | 'copy'; readonly from: string; readonly path: string };

/**
 * A patch: server-side apply, JSON merge patch (RFC 7386), strategic merge patch (built-in
 * kinds only) or JSON patch (RFC 6902). Build one with {@link Patch}.
 */
export type Patch<T = unknown> =
  | { readonly type: 'apply'; readonly body: T }
  | { readonly type: 'merge'; readonly body: T }
  | { readonly type: 'strategic'; readonly body: T }
  | { readonly type: 'json'; readonly operations: readonly JsonPatchOperation[] };

/** A server-side apply {@link Patch}. */
export type ApplyPatch<T = unknown> = Extract<Patch<T>, { readonly type: 'apply' }>;

/** The patch kinds. */
export type PatchType = Patch['type'];

/**
 * Server-side apply: `body` is the full intent of this field manager (needs `fieldManager`).
 * With the kind as type argument, `Patch.apply<Deployment>(...)`, the body is an
 * `ApplyConfiguration<Deployment>`: `apiVersion`, `kind`, `metadata.name` required, every
 * other field optional at any depth, unknown fields refused at compile time. Without one,
 * any object is accepted.
 */
function apply<K extends KubeObject = never>(body: ApplyBody<K>): ApplyPatch<ApplyBody<K>> {
  return { type: 'apply', body };
}

/**
 * Constructors for {@link Patch}.
 *
 * ## Example
 * ```ts
 * await deployments.patch('web', Patch.merge({ spec: { replicas: 3 } }));
 * await deployments.patch('web', Patch.apply<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 } }), {
 *   fieldManager: 'my-controller',
 *   force: true,
 * });
 * await pods.patch('p', Patch.json([{ op: 'remove', path: '/metadata/labels/tier' }]));
 * ```
 */
export const Patch = {
  apply,
  /** JSON merge patch: `null` deletes a key, arrays are replaced whole. */
  merge: <T>(body: T): Patch<T> => ({ type: 'merge', body }),
  /** Strategic merge patch: lists merge by key (`containers` by `name`, ...); built-in kinds only. */
  strategic: <T>(body: T): Patch<T> => ({ type: 'strategic', body }),
  /** JSON patch: an ordered list of operations, applied atomically. */
  json: (operations: readonly JsonPatchOperation[]): Patch<never> => ({ type: 'json', operations }),
} as const;

const CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  apply: 'application/apply-patch+yaml',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

/** The exact `Content-Type` the API server expects for a patch kind. */
export function patchContentType(patch: Patch | PatchType): string {
  return CONTENT_TYPES[typeof patch === 'string' ? patch : patch.type];
}

const POINTER = /^(\/([^~/]|~[01])*)*$/;

/**
 * Checks a patch and serializes its body. Apply bodies are sent as JSON (which is YAML).
 *
 * @throws {RequestBuildError} `InvalidPatch` for a non-object merge/strategic/apply body, an
 *   apply body carrying `metadata.managedFields`, or a malformed JSON patch operation.
 */
export function serializePatch(patch: Patch): string {
  switch (patch.type) {
    case 'json':
      patch.operations.forEach(checkOperation);
      return JSON.stringify(patch.operations);
    case 'apply':
    case 'merge':
    case 'strategic': {
      const body = patch.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new RequestBuildError('InvalidPatch', `Patch.${patch.type}`, 'the body must be a JSON object');
      }
      if (patch.type === 'apply' && (body as { metadata?: { managedFields?: unknown } }).metadata?.managedFields != null) {
        throw new RequestBuildError('InvalidPatch', 'Patch.apply', 'metadata.managedFields must be unset in an apply patch');
      }
      return JSON.stringify(body);
    }
  }
}

function checkOperation(op: JsonPatchOperation, index: number): void {
  const field = `Patch.json[${index}]`;
  const ops = ['add', 'remove', 'replace', 'move', 'copy', 'test'];
  if (typeof op !== 'object' || op === null || !ops.includes((op as { op: unknown }).op as string)) {
    throw new RequestBuildError('InvalidPatch', `${field}.op`, `must be one of ${ops.join(', ')}, got ${JSON.stringify((op as { op?: unknown } | null)?.op)}`);
  }
  if (typeof op.path !== 'string' || !POINTER.test(op.path)) {
    throw new RequestBuildError('InvalidPatch', `${field}.path`, `${JSON.stringify(op.path)} is not a JSON pointer`);
  }
  if ((op.op === 'move' || op.op === 'copy') && (typeof op.from !== 'string' || !POINTER.test(op.from))) {
    throw new RequestBuildError('InvalidPatch', `${field}.from`, `${JSON.stringify(op.from)} is not a JSON pointer`);
  }
  const kind = op.op;
  if ((kind === 'add' || kind === 'replace' || kind === 'test') && !('value' in op)) {
    throw new RequestBuildError('InvalidPatch', `${field}.value`, `is required for ${kind}`);
  }
}
