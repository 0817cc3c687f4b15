// Get-or-create, modify, commit: an optimistic read-modify-write loop that retries conflicts.
import { isApiError } from '../../core/errors/api-error.js';
import { RequestBuildError } from '../../core/errors/request-build-error.js';
import type { KubeObject } from '../../core/object.js';
import type { PostParams } from '../../core/params/post-params.js';
import type { ResourceType } from '../../core/resource-type.js';
import type { CallOptions } from '../call-options.js';

/**
 * What an {@link Entry} needs from an `Api<K>`: read, create and replace one object. A narrow
 * seam, so that this file does not import the Api that hands entries out.
 */
export interface EntryApi<K extends KubeObject> {
  readonly resource: Pick<ResourceType<K>, 'apiVersion' | 'kind'>;
  readonly namespace: string | undefined;
  getOpt(name: string, params: Record<string, never>, options: CallOptions): Promise<K | undefined>;
  create(object: K, params: PostParams, options: CallOptions): Promise<K>;
  replace(name: string, object: K, params: PostParams, options: CallOptions): Promise<K>;
}

/** How many times {@link Entry.commit} tries before giving up on repeated conflicts. */
export const DEFAULT_ENTRY_ATTEMPTS = 5;

/** Changes an object in place, or returns its replacement; may be async (it runs between the read and the write). */
export type EntryModify<K> = (object: K) => K | void | Promise<K | void>;
/** Makes the object to create when there is none. */
export type EntryInsert<K> = () => K | Promise<K>;

/**
 * One named object to read, change and write back (kube-rs `Entry`, made retry-safe): the
 * builder records what to do, and {@link commit} does it, from a fresh read each attempt.
 *
 * Each attempt of `commit`:
 * 1. `GET` the object;
 * 2. when it exists, apply the `andModify` functions; when it does not, call the `orInsert`
 *    factory (none: resolve `undefined`, nothing to do) and apply them to the new object;
 * 3. fill in a missing `apiVersion`, `kind`, `metadata.name` and `metadata.namespace`, and
 *    refuse (`RequestBuildError`) a different name or namespace, or a `generateName`;
 * 4. write it: `POST` a new object, `PUT` a changed one (with the resourceVersion read in
 *    step 1, so concurrent writers conflict), nothing for an unchanged one.
 *
 * A 409 (a `Conflict` on the `PUT`, an `AlreadyExists` on the `POST`) starts over from a
 * new read, up to `attempts` times. Modify functions must therefore be repeatable: they
 * may run once per attempt. They may be async; the longer they take, the likelier a conflict.
 *
 * ## Example
 * ```ts
 * const cm = await configMaps.entry('settings')
 *   .orInsert(() => ({ metadata: { name: 'settings' }, data: {} }))
 *   .andModify((cm) => { cm.data = { ...cm.data, mode: 'on' }; })
 *   .commit({ fieldManager: 'me' });
 * ```
 */
export class Entry<K extends KubeObject> {
  readonly api: EntryApi<K>;
  readonly name: string;
  readonly #insert: EntryInsert<K> | undefined;
  readonly #modify: readonly EntryModify<K>[];
  readonly #attempts: number;

  constructor(api: EntryApi<K>, name: string, insert?: EntryInsert<K>, modify: readonly EntryModify<K>[] = [], attempts = DEFAULT_ENTRY_ATTEMPTS) {
    this.api = api;
    this.name = name;
    this.#insert = insert;
    this.#modify = modify;
    this.#attempts = attempts;
  }

  /** Create the object from `make()` when it does not exist. */
  orInsert(make: EntryInsert<K>): Entry<K> {
    return new Entry(this.api, this.name, make, this.#modify, this.#attempts);
  }

  /** Change the object (mutate it, or return a replacement); runs on existing and inserted objects. */
  andModify(modify: EntryModify<K>): Entry<K> {
    return new Entry(this.api, this.name, this.#insert, [...this.#modify, modify], this.#attempts);
  }

  /** Try at most `attempts` times when writes conflict. */
  withAttempts(attempts: number): Entry<K> {
    if (!Number.isInteger(attempts) || attempts < 1) throw new RequestBuildError('InvalidParams', 'attempts', `must be an integer >= 1, got ${attempts}`);
    return new Entry(this.api, this.name, this.#insert, this.#modify, attempts);
  }

  /** The object as it is now, or `undefined`. */
  async get(options: CallOptions = {}): Promise<K | undefined> {
    return this.api.getOpt(this.name, {}, options);
  }

  /**
   * Reads, modifies and writes; resolves what the server stored (the read object when
   * nothing changed), or `undefined` when the object is absent and there is no `orInsert`.
   * With `dryRun`, the server validates and answers but stores nothing.
   *
   * @throws {ApiError} the last 409 after `attempts` conflicts, or any other refusal.
   * @throws {RequestBuildError} when the object's name or namespace does not match, or it
   *   uses `generateName`.
   */
  async commit(params: PostParams = {}, options: CallOptions = {}): Promise<K | undefined> {
    let lastConflict: unknown;
    for (let attempt = 0; attempt < this.#attempts; attempt++) {
      const existing = await this.api.getOpt(this.name, {}, options);
      if (existing === undefined && this.#insert === undefined) return undefined;
      const before = existing === undefined ? undefined : JSON.stringify(existing);
      let object = existing ?? ((await this.#insert?.()) as K);
      for (const modify of this.#modify) object = (await modify(object)) ?? object;
      this.#checkIdentity(object);
      try {
        if (existing === undefined) return await this.api.create(object, params, options);
        if (JSON.stringify(object) === before) return object;
        return await this.api.replace(this.name, object, params, options);
      } catch (error) {
        if (!isApiError(error) || error.code !== 409) throw error;
        lastConflict = error;
      }
    }
    throw lastConflict;
  }

  #checkIdentity(object: K): void {
    object.apiVersion ??= this.api.resource.apiVersion;
    object.kind ??= this.api.resource.kind;
    const metadata = (object.metadata ??= {});
    if (metadata.generateName !== undefined && metadata.generateName !== '') {
      throw new RequestBuildError('InvalidBody', 'metadata.generateName', 'an entry has a fixed name: generateName is not allowed');
    }
    if (metadata.name === undefined || metadata.name === '') metadata.name = this.name;
    else if (metadata.name !== this.name) {
      throw new RequestBuildError('InvalidBody', 'metadata.name', `${JSON.stringify(metadata.name)} does not match the entry's name ${JSON.stringify(this.name)}`);
    }
    const namespace = this.api.namespace;
    if (namespace !== undefined) {
      if (metadata.namespace === undefined || metadata.namespace === '') metadata.namespace = namespace;
      else if (metadata.namespace !== namespace) {
        throw new RequestBuildError('InvalidBody', 'metadata.namespace', `${JSON.stringify(metadata.namespace)} does not match the Api's namespace ${JSON.stringify(namespace)}`);
      }
    }
  }
}
