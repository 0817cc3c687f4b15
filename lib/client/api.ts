// Typed access to one kind of resource in one namespace (or all): every verb as build → send.
import type { Scale } from 'kubernetes-types/autoscaling/v1.js';
import type { Observable } from 'rxjs';
import type { KubeObject, ObjectList, PartialObjectMetadata } from '../core/object.js';
import { resolveAttachParams, type AttachParams } from '../core/params/attach-params.js';
import type { DeleteParams } from '../core/params/delete-params.js';
import type { EvictParams } from '../core/params/evict-params.js';
import type { GetParams } from '../core/params/get-params.js';
import type { ListParams } from '../core/params/list-params.js';
import type { LogParams } from '../core/params/log-params.js';
import type { PatchParams } from '../core/params/patch-params.js';
import type { PostParams } from '../core/params/post-params.js';
import type { WatchParams } from '../core/params/watch-params.js';
import type { Patch } from '../core/patch.js';
import { RequestBuilder } from '../core/request/request-builder.js';
import type { DynamicScope, NamespaceScope, ResourceType, Scope } from '../core/resource-type.js';
import type { Status } from '../core/status.js';
import type { WatchEvent } from '../core/watch/watch-event.js';
import { Entry } from './api/entry.js';
import { getOpt } from './api/get-opt.js';
import { listAll } from './api/list-all.js';
import { normalizeList } from './api/normalize-list.js';
import type { CallOptions } from './call-options.js';
import type { Client } from './client.js';
import { AttachedProcess } from './ws/attached-process.js';
import { CHANNEL_PROTOCOLS, V4_CHANNEL_PROTOCOL } from './ws/channel-protocol.js';
import { connectWebSocket } from './ws/connect-websocket.js';
import { PortForwarder } from './ws/port-forwarder.js';

/** `autoscaling/v1` Scale: the body of every `/scale` subresource. */
export type { Scale };

/**
 * Typed access to one resource (kube-rs `Api<K>`): in one namespace, across all of them, or
 * at cluster scope. Every method builds its request with core's pure {@link RequestBuilder}
 * (so bad input is refused before any I/O, as a rejected `RequestBuildError`) and sends it
 * with the {@link Client}.
 *
 * One-shot verbs return Promises and take `{ signal }`; `watch`, `watchMetadata` and
 * `logStream` return cold Observables whose unsubscribe aborts the request.
 *
 * ## Example
 * ```ts
 * import { Api, Client } from 'kube-rx/client';
 * import { Pod, Patch } from 'kube-rx/core';
 *
 * const client = await Client.infer();
 * const pods = Api.namespaced(client, Pod, 'default');
 * const pod = await pods.get('web');
 * await pods.patch('web', Patch.merge({ metadata: { labels: { tier: 'front' } } }));
 * pods.watch().subscribe((event) => console.log(event.type, event.object.metadata?.name));
 * ```
 *
 * ## Errors
 * - `RequestBuildError`: bad arguments (name, params, patch), before any I/O.
 * - `ApiError`: the server refused (`isNotFound()`, `isConflict()`, ...).
 * - `ClientError`: no answer (connect, TLS, abort, ...); `AuthError`: no credential.
 */
export class Api<K extends KubeObject> {
  /** The resource addressed. */
  readonly resource: ResourceType<K>;
  /** The namespace, or `undefined` for all namespaces / cluster scope. */
  readonly namespace: string | undefined;
  readonly client: Client;
  /** The pure request builder under every method. */
  readonly requests: RequestBuilder;

  /**
   * Prefer the static constructors, which check the scope at compile time.
   *
   * @throws {RequestBuildError} `InvalidNamespace` for a namespace on a cluster-scoped
   *   resource, or a namespace that is not a DNS label.
   */
  constructor(client: Client, resource: ResourceType<K>, namespace?: string) {
    this.client = client;
    this.resource = resource;
    this.namespace = namespace;
    this.requests = new RequestBuilder(resource, namespace);
  }

  /**
   * An Api for one namespace. Only namespaced (or dynamic) resources compile:
   * `Api.namespaced(client, Node, 'x')` is a type error.
   */
  static namespaced<K extends KubeObject>(client: Client, resource: ResourceType<K, NamespaceScope | DynamicScope>, namespace: string): Api<K> {
    return new Api<K>(client, resource as ResourceType<K>, namespace);
  }

  /** An Api for the Client's default namespace (the kubeconfig context's, else `default`). */
  static defaultNamespaced<K extends KubeObject>(client: Client, resource: ResourceType<K, NamespaceScope | DynamicScope>): Api<K> {
    return new Api<K>(client, resource as ResourceType<K>, client.defaultNamespace);
  }

  /** An Api across all namespaces (list/watch everything); for cluster-scoped kinds, the kind itself. */
  static all<K extends KubeObject>(client: Client, resource: ResourceType<K, Scope>): Api<K> {
    return new Api<K>(client, resource as ResourceType<K>);
  }

  /** An Api at cluster scope: the same as {@link Api.all}, named for cluster-scoped kinds (`Node`, `Namespace`). */
  static cluster<K extends KubeObject>(client: Client, resource: ResourceType<K, Scope>): Api<K> {
    return new Api<K>(client, resource as ResourceType<K>);
  }

  /** `GET` one object. @throws {ApiError} 404 when it does not exist: see {@link getOpt}. */
  async get(name: string, params: GetParams = {}, options: CallOptions = {}): Promise<K> {
    return this.client.requestJson<K>(this.requests.get(name, params), options);
  }

  /** Like {@link get}, resolving `undefined` when the object does not exist (any 404). */
  async getOpt(name: string, params: GetParams = {}, options: CallOptions = {}): Promise<K | undefined> {
    return getOpt(() => this.get(name, params, options));
  }

  /** `GET` one object as `PartialObjectMetadata` (metadata only: cheap for big objects). */
  async getMetadata(name: string, params: GetParams = {}, options: CallOptions = {}): Promise<PartialObjectMetadata> {
    return this.client.requestJson<PartialObjectMetadata>(this.requests.getMetadata(name, params), options);
  }

  /** Like {@link getMetadata}, resolving `undefined` when the object does not exist. */
  async getMetadataOpt(name: string, params: GetParams = {}, options: CallOptions = {}): Promise<PartialObjectMetadata | undefined> {
    return getOpt(() => this.getMetadata(name, params, options));
  }

  /** `GET` the collection: one page when `limit` is set (follow `metadata.continue`), else everything. */
  async list(params: ListParams = {}, options: CallOptions = {}): Promise<ObjectList<K>> {
    return normalizeList(await this.client.requestJson<ObjectList<K>>(this.requests.list(params), options));
  }

  /** Like {@link list}, with items reduced to `PartialObjectMetadata`. */
  async listMetadata(params: ListParams = {}, options: CallOptions = {}): Promise<ObjectList<PartialObjectMetadata>> {
    return normalizeList(await this.client.requestJson<ObjectList<PartialObjectMetadata>>(this.requests.listMetadata(params), options));
  }

  /**
   * Every matching object, fetched in pages of `params.limit` (default 500) by following
   * `continue` tokens, resolved as one list whose `metadata.resourceVersion` is the
   * snapshot's (start a watch from it). See {@link listAll} for the 410 fallback.
   */
  async listAll(params: ListParams = {}, options: CallOptions = {}): Promise<ObjectList<K>> {
    return listAll((page) => this.list(page, options), params);
  }

  /** `POST` a new object; resolves what the server stored (with uid, resourceVersion, defaults). */
  async create(object: K, params: PostParams = {}, options: CallOptions = {}): Promise<K> {
    return this.client.requestJson<K>(this.requests.create(object, params), options);
  }

  /**
   * `PUT` the whole object. With `metadata.resourceVersion` set, the write is conditional:
   * a stale version rejects with a 409 `ApiError` (`isConflict()`).
   */
  async replace(name: string, object: K, params: PostParams = {}, options: CallOptions = {}): Promise<K> {
    return this.client.requestJson<K>(this.requests.replace(name, object, params), options);
  }

  /** `PATCH` with the content type of the patch kind (apply needs `params.fieldManager`). */
  async patch(name: string, patch: Patch, params: PatchParams = {}, options: CallOptions = {}): Promise<K> {
    return this.client.requestJson<K>(this.requests.patch(name, patch, params), options);
  }

  /** Like {@link patch}, answered with `PartialObjectMetadata`. */
  async patchMetadata(name: string, patch: Patch, params: PatchParams = {}, options: CallOptions = {}): Promise<PartialObjectMetadata> {
    return this.client.requestJson<PartialObjectMetadata>(this.requests.patchMetadata(name, patch, params), options);
  }

  /**
   * `DELETE` one object. Resolves the object when the server returns it (pods, or any object
   * with finalizers, which is only marked for deletion) or a success `Status` (most kinds
   * once gone): tell them apart with `isStatus` from core.
   *
   * ```ts
   * const result = await configMaps.delete('settings');
   * if (isStatus(result)) console.log('gone'); else console.log('deleting', result.metadata?.deletionTimestamp);
   * ```
   */
  async delete(name: string, params: DeleteParams = {}, options: CallOptions = {}): Promise<K | Status> {
    return this.client.requestJson<K | Status>(this.requests.delete(name, params), options);
  }

  /** `DELETE` the objects `listParams` selects; resolves the list of deleted objects, or a `Status`. */
  async deleteCollection(params: DeleteParams = {}, listParams: ListParams = {}, options: CallOptions = {}): Promise<ObjectList<K> | Status> {
    return this.client.requestJson<ObjectList<K> | Status>(this.requests.deleteCollection(params, listParams), options);
  }

  /**
   * Watches the collection from `resourceVersion` (absent: from now, after synthetic
   * `ADDED` events for what exists). A cold Observable of wire events; see `watchStream`.
   * Bookmarks are asked for and the server ends the watch after `timeoutSeconds` (290).
   * For a watch that resumes, relists and never dies, use the runtime's `watcher`.
   */
  watch(params: WatchParams = {}, resourceVersion?: string): Observable<WatchEvent<K>> {
    return this.client.watch<K>(this.requests.watch(params, resourceVersion));
  }

  /** Like {@link watch}, with objects reduced to `PartialObjectMetadata`. */
  watchMetadata(params: WatchParams = {}, resourceVersion?: string): Observable<WatchEvent<PartialObjectMetadata>> {
    return this.client.watch<PartialObjectMetadata>(this.requests.watchMetadata(params, resourceVersion));
  }

  /** `GET {name}/status`. */
  async getStatus(name: string, options: CallOptions = {}): Promise<K> {
    return this.client.requestJson<K>(this.requests.getSubresource('status', name), options);
  }

  /** `PATCH {name}/status`: only `.status` changes (controllers report here). */
  async patchStatus(name: string, patch: Patch, params: PatchParams = {}, options: CallOptions = {}): Promise<K> {
    return this.client.requestJson<K>(this.requests.patchSubresource('status', name, patch, params), options);
  }

  /** `PUT {name}/status`: only `.status` is taken from `object`. */
  async replaceStatus(name: string, object: K, params: PostParams = {}, options: CallOptions = {}): Promise<K> {
    return this.client.requestJson<K>(this.requests.replaceSubresource('status', name, object, params), options);
  }

  /** `GET {name}/scale`: an `autoscaling/v1` `Scale`. */
  async getScale(name: string, options: CallOptions = {}): Promise<Scale> {
    return this.client.requestJson<Scale>(this.requests.getSubresource('scale', name), options);
  }

  /** `PATCH {name}/scale`, e.g. `Patch.merge({ spec: { replicas: 3 } })`. */
  async patchScale(name: string, patch: Patch, params: PatchParams = {}, options: CallOptions = {}): Promise<Scale> {
    return this.client.requestJson<Scale>(this.requests.patchSubresource('scale', name, patch, params), options);
  }

  /** `PUT {name}/scale`. */
  async replaceScale(name: string, scale: Scale, params: PostParams = {}, options: CallOptions = {}): Promise<Scale> {
    return this.client.requestJson<Scale>(this.requests.replaceSubresource('scale', name, scale, params), options);
  }

  /**
   * Get-or-create-then-modify-and-commit, retrying conflicts; see {@link Entry}.
   *
   * ```ts
   * await configMaps.entry('settings')
   *   .orInsert(() => ({ metadata: { name: 'settings' }, data: {} }))
   *   .andModify((cm) => { cm.data = { ...cm.data, mode: 'on' }; })
   *   .commit({ fieldManager: 'me' });
   * ```
   */
  entry(name: string): Entry<K> {
    return new Entry<K>(this, name);
  }

  /** A pod's (or container's) log, as text. */
  async logs(name: string, params: LogParams = {}, options: CallOptions = {}): Promise<string> {
    return this.client.requestText(this.requests.logs(name, params), options);
  }

  /**
   * A pod's log as a cold Observable of lines; with `follow: true` it goes on until the
   * container ends (or you unsubscribe, which aborts the request).
   */
  logStream(name: string, params: LogParams = {}): Observable<string> {
    return this.client.lines(this.requests.logs(name, params));
  }

  /**
   * Evicts a pod (`POST {name}/eviction`), honouring PodDisruptionBudgets: a 429 `ApiError`
   * means a budget forbids it now.
   */
  async evict(name: string, params: EvictParams = {}, options: CallOptions = {}): Promise<Status> {
    return this.client.requestJson<Status>(this.requests.evict(name, params), options);
  }

  /**
   * Runs `command` in a pod's container over a WebSocket (`v5.channel.k8s.io`, falling back
   * to `v4.channel.k8s.io`); resolves once connected. See {@link AttachedProcess}.
   *
   * ```ts
   * const proc = await pods.exec('web', ['ls', '/'], { container: 'app' });
   * proc.stdout?.pipe(process.stdout);
   * exitCode(await proc.status); // 0
   * ```
   *
   * @throws {ApiError} when the server refuses (no such pod or container, forbidden).
   */
  async exec(name: string, command: readonly string[], params: AttachParams = {}, options: CallOptions = {}): Promise<AttachedProcess> {
    const streams = resolveAttachParams(params);
    return connectWebSocket(this.client, this.requests.exec(name, command, params), CHANNEL_PROTOCOLS, (socket, protocol) => new AttachedProcess(socket, protocol, streams), options);
  }

  /** Attaches to the main process of a pod's container; see {@link exec}. */
  async attach(name: string, params: AttachParams = {}, options: CallOptions = {}): Promise<AttachedProcess> {
    const streams = resolveAttachParams(params);
    return connectWebSocket(this.client, this.requests.attach(name, params), CHANNEL_PROTOCOLS, (socket, protocol) => new AttachedProcess(socket, protocol, streams), options);
  }

  /**
   * Forwards `ports` of a pod over one WebSocket (`v4.channel.k8s.io`, the port-forward
   * protocol of the API server); see {@link PortForwarder}.
   */
  async portForward(name: string, ports: readonly number[], options: CallOptions = {}): Promise<PortForwarder> {
    return connectWebSocket(this.client, this.requests.portforward(name, ports), [V4_CHANNEL_PROTOCOL], (socket) => new PortForwarder(socket, ports), options);
  }
}
