// The root CA publisher: every namespace holds the ConfigMap kube-root-ca.crt with the cluster's CA.
import { isApiError } from '../../core/index.js';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import { createObject } from '../objects/create-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { objectKey } from '../objects/object-key.js';
import { updateObject } from '../objects/update-object.js';
import type { ServerContext } from '../server-context.js';
import type { StoreEvent } from '../store/store-event.js';
import { NAMESPACE_BUCKET } from './namespace-hooks.js';

/** The ConfigMap's name, as kube-controller-manager's root-ca-cert-publisher names it. */
export const ROOT_CA_CONFIG_MAP = 'kube-root-ca.crt';

const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.';

const WRITE = { dryRun: false, fieldManager: 'kube-controller-manager' } as const;

/**
 * What kube-controller-manager's root-ca-cert-publisher does, in-process: every active namespace
 * gets a ConfigMap `kube-root-ca.crt` whose `ca.crt` is the CA that signed the server's
 * certificate (pods read it to trust the API server); it is recreated when deleted and its data
 * restored when changed.
 */
export class RootCaPublisher {
  readonly #ctx: ServerContext;
  readonly #caPem: string;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext, caPem: string) {
    this.#ctx = ctx;
    this.#caPem = caPem;
    this.#queue = new KeyedWorkQueue(ctx, { observe: (event) => this.#observe(event), sync: (namespace) => this.#sync(namespace) });
    for (const entry of ctx.store.entries(NAMESPACE_BUCKET, '')) this.#queue.add(entry.object.metadata.name ?? '');
  }

  /** Stops reacting to changes. */
  close(): void {
    this.#queue.close();
  }

  #observe(event: StoreEvent): void {
    if (event.bucket === NAMESPACE_BUCKET) {
      if (event.type === 'ADDED') this.#queue.add(event.object.metadata.name ?? '');
      return;
    }
    if (event.bucket === '/configmaps' && event.type !== 'ADDED' && event.object.metadata.name === ROOT_CA_CONFIG_MAP) {
      this.#queue.add(event.object.metadata.namespace ?? '');
    }
  }

  #sync(namespace: string): void {
    const ctx = this.#ctx;
    const ns = ctx.store.get(NAMESPACE_BUCKET, objectKey(undefined, namespace));
    if (ns === undefined || ns.metadata.deletionTimestamp != null) return;
    const kind = ctx.registry.find('', 'v1', 'configmaps');
    if (kind === undefined) return;
    const current = ctx.store.get(kind.bucket, objectKey(namespace, ROOT_CA_CONFIG_MAP)) as { data?: Record<string, string> } | undefined;
    const desired = { metadata: { name: ROOT_CA_CONFIG_MAP, namespace, annotations: { 'kubernetes.io/description': DESCRIPTION } }, data: { 'ca.crt': this.#caPem } };
    try {
      if (current === undefined) {
        createObject(ctx, kind, namespace, decodeObject(kind, desired), { ...WRITE, warnings: [] });
      } else if (current.data?.['ca.crt'] !== this.#caPem || Object.keys(current.data).length !== 1) {
        const input = decodeObject(kind, { ...current, data: desired.data });
        updateObject(ctx, { kind, namespace, name: ROOT_CA_CONFIG_MAP, subresource: undefined, fromPatch: true }, input, { ...WRITE, warnings: [] });
      }
    } catch (error) {
      // A namespace that began terminating meanwhile refuses the write: nothing to publish.
      if (!isApiError(error)) throw error;
    }
  }
}
