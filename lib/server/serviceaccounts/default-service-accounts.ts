// The serviceaccounts controller: every active namespace has a `default` ServiceAccount.
import { isApiError } from '../../core/index.js';
import { KeyedWorkQueue } from '../keyed-work-queue.js';
import { createObject } from '../objects/create-object.js';
import { decodeObject } from '../objects/decode-object.js';
import { objectKey } from '../objects/object-key.js';
import type { ServerContext } from '../server-context.js';

const NAMESPACES = '/namespaces';
const SERVICE_ACCOUNTS = '/serviceaccounts';
/** The ServiceAccounts kube-controller-manager ensures in every namespace. */
const ENSURED = ['default'];
const WRITE = { dryRun: false, fieldManager: 'kube-controller-manager' } as const;

/**
 * kube-controller-manager's serviceaccounts controller, in-process: when a namespace is
 * created (or becomes active), and whenever its `default` ServiceAccount is deleted, the
 * ServiceAccount is created again, so pods that name it (or none) find it. Namespaces that
 * are terminating are left alone.
 */
export class DefaultServiceAccounts {
  readonly #ctx: ServerContext;
  readonly #queue: KeyedWorkQueue;

  constructor(ctx: ServerContext) {
    this.#ctx = ctx;
    this.#queue = new KeyedWorkQueue(ctx, {
      observe: (event) => {
        if (event.bucket === NAMESPACES && event.type !== 'DELETED') this.#queue.add(event.object.metadata.name ?? '');
        else if (event.bucket === SERVICE_ACCOUNTS && event.type === 'DELETED' && ENSURED.includes(event.object.metadata.name ?? '')) {
          this.#queue.add(event.object.metadata.namespace ?? '');
        }
      },
      sync: (namespace) => this.#sync(namespace),
    });
    for (const entry of ctx.store.entries(NAMESPACES)) this.#queue.add(entry.object.metadata.name ?? '');
  }

  /** Stops reacting to changes. */
  close(): void {
    this.#queue.close();
  }

  #sync(namespace: string): void {
    const ctx = this.#ctx;
    const ns = ctx.store.get(NAMESPACES, objectKey(undefined, namespace)) as { status?: { phase?: string }; metadata: { deletionTimestamp?: unknown } } | undefined;
    if (ns === undefined || ns.metadata.deletionTimestamp != null || ns.status?.phase !== 'Active') return;
    const kind = ctx.registry.find('', 'v1', 'serviceaccounts');
    if (kind === undefined) return;
    for (const name of ENSURED) {
      if (ctx.store.get(SERVICE_ACCOUNTS, objectKey(namespace, name)) !== undefined) continue;
      try {
        createObject(ctx, kind, namespace, decodeObject(kind, { metadata: { name } }), { ...WRITE, warnings: [] });
      } catch (error) {
        // AlreadyExists, or the namespace began terminating meanwhile: nothing to do, as the real controller.
        if (!isApiError(error)) throw error;
      }
    }
  }
}
