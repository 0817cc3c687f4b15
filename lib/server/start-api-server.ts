// Starts the embedded Kubernetes API server: HTTPS on loopback, in-memory storage, controllers.
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Status } from '../core/index.js';
import { Authenticator, type TokenUser } from './auth/authenticator.js';
import { API_AUDIENCE, ServiceAccountTokens } from './auth/service-account-tokens.js';
import { authenticationReviewHandlers } from './auth/review-handlers.js';
import { accessReviewHandlers } from './authorization/access-review-handlers.js';
import { Authorizer } from './authorization/authorizer.js';
import { seedBootstrapPolicy } from './authorization/bootstrap-policy.js';
import { ClusterRoleAggregation } from './authorization/cluster-role-aggregation.js';
import { rbacHooks } from './authorization/rbac-hooks.js';
import { BackgroundWork } from './background-work.js';
import { DiscoveryHandler } from './discovery/discovery-handler.js';
import { OpenApiHandler } from './discovery/openapi-handler.js';
import { GarbageCollector } from './gc/garbage-collector.js';
import { CrdController } from './crd/crd-controller.js';
import { CRD_BUCKET, crdHooks } from './crd/crd-hooks.js';
import { EVENT_BUCKET, eventHooks } from './events/event-hooks.js';
import { EventTtl } from './events/event-ttl.js';
import { handleFinalize } from './handlers/finalize-handler.js';
import { handleBinding, handleBindings, handleEviction, podLogHandler } from './handlers/pod-handlers.js';
import { apiServiceHooks } from './apiregistration/api-service-hooks.js';
import { MUTATING_WEBHOOKS_BUCKET, VALIDATING_WEBHOOKS_BUCKET, webhookConfigurationHooks } from './admission/webhook-configuration-hooks.js';
import { API_SERVICE_BUCKET, ApiServiceRegistration } from './apiregistration/api-service-registration.js';
import { componentStatusHandlers } from './components/component-statuses.js';
import { DefaultServiceAccounts } from './serviceaccounts/default-service-accounts.js';
import { SERVICE_BUCKET, serviceHooks } from './services/service-hooks.js';
import { POD_BUCKET, podAdmissionHooks } from './admission/pod-admission.js';
import { PV_BUCKET, PV_PROTECTION_FINALIZER, PVC_BUCKET, PVC_PROTECTION_FINALIZER, storageProtectionHooks } from './volumes/protection-admission.js';
import { publishKubernetesService } from './services/kubernetes-service.js';
import { JOB_BUCKET, jobHooks } from './jobs/job-hooks.js';
import { WorkloadSimulation } from './simulation/workload-simulation.js';
import type { SimulationOptions } from './simulation/simulation-options.js';
import { PodLogs } from './pods/pod-logs.js';
import { tokenRequestHandler } from './handlers/token-handler.js';
import type { SubresourceHandler } from './handlers/route-resource.js';
import { FaultInjector, type FaultFilter } from './http/fault-injector.js';
import { createRequestHandler } from './http/handle-request.js';
import { DEFAULT_MAX_BODY_BYTES } from './http/read-body.js';
import { RequestLog, type RecordedRequest } from './http/request-log.js';
import { renderKubeconfig } from './kubeconfig/render-kubeconfig.js';
import { NamespaceController } from './namespaces/namespace-controller.js';
import { NAMESPACE_BUCKET, namespaceHooks } from './namespaces/namespace-hooks.js';
import { RootCaPublisher } from './namespaces/root-ca-publisher.js';
import { VolumeProtection } from './volumes/protection-controller.js';
import { notFound } from './errors/status-errors.js';
import { createObject } from './objects/create-object.js';
import { objectKey } from './objects/object-key.js';
import { decodeObject } from './objects/decode-object.js';
import { ResourceRegistry } from './registry/resource-registry.js';
import type { KindHooks, ServerContext } from './server-context.js';
import { ObjectStore } from './store/object-store.js';
import { issueClientCertificate, issueServerCertificate, serverCertificates, type CertificatePair } from './tls/server-certificates.js';
import { servingAddress } from './tls/serving-address.js';
import { WatchHub } from './watch/watch-hub.js';
import { streamUpgradeListener, upgradeRequired, type StreamHandlers } from './streams/stream-upgrade.js';
import type { ExecHandler, PortForwardHandler } from './streams/stream-sessions.js';

/** A user the server knows, with a bearer token (and, on request, a client certificate). */
export interface ApiServerUser {
  /** The username (a certificate's CN). */
  readonly name: string;
  /** Groups (a certificate's O entries); `system:authenticated` is added by the server. */
  readonly groups?: readonly string[];
  readonly uid?: string;
  /** The user's bearer token. @default a random token */
  readonly token?: string;
}

/** Who a kubeconfig from {@link ApiServer.kubeconfigAs} authenticates as. */
export type ApiServerIdentity =
  /** A user: by the token of a configured user (or a new one), or by a client certificate the server's CA signs. */
  | { readonly user: string; readonly groups?: readonly string[]; readonly auth?: 'token' | 'certificate' }
  /** A ServiceAccount, by a token minted as TokenRequest mints them (the ServiceAccount must exist). */
  | { readonly serviceAccount: string; readonly namespace: string; readonly expirationSeconds?: number };

/**
 * Writes a file only its owner can read, whether or not it existed: the mode is set before
 * the new content is written (a `mode` passed to `writeFile` applies only to new files, so a
 * kubeconfig written over a 0644 file would otherwise keep the admin token readable).
 */
async function writePrivateFile(path: string, content: string): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  /** The port to listen on. @default 0 (an ephemeral port) */
  readonly port?: number;
  /** The address to listen on. @default '127.0.0.1' */
  readonly host?: string;
  /** Serve HTTPS with certificates made at start; `false` serves plain HTTP. @default true */
  readonly tls?: boolean;
  /**
   * How the kubeconfig in `kubeconfig`/`kubeconfigPath` authenticates: the admin bearer token,
   * or the admin client certificate (`kubeconfigFor` gives either).
   * @default 'token'
   */
  readonly auth?: 'token' | 'certificate';
  /**
   * Requests without a credential are `system:anonymous` (group `system:unauthenticated`), as
   * with kube-apiserver's default `--anonymous-auth=true`: RBAC then allows them only what the
   * bootstrap policy grants (`/healthz`, `/livez`, `/readyz`, `/version`) and answers 403
   * otherwise. `false` answers 401 to them instead.
   * @default true
   */
  readonly anonymous?: boolean;
  /**
   * Users besides the admin, each with a bearer token (see {@link ApiServer.kubeconfigAs}).
   * They can do what RBAC grants them: nothing but discovery and self-reviews until a
   * (Cluster)RoleBinding says otherwise, unless a group is `system:masters`.
   */
  readonly users?: readonly ApiServerUser[];
  /** Extra bearer tokens and the users they stand for (`token → username` or `{ username, groups }`). */
  readonly tokens?: Readonly<Record<string, string | TokenUser>>;
  /** How many changes the history keeps for watches and continue tokens. @default 10000 */
  readonly watchCacheSize?: number;
  /** Period of the bookmarks sent to watches that ask for them, in seconds; 0 disables. @default 60 */
  readonly bookmarkIntervalSeconds?: number;
  /**
   * How often history is compacted, in seconds (etcd's default is 5 minutes): each time,
   * everything older than the previous compaction point is forgotten, so continue tokens and
   * watch resourceVersions expire with 410 after one to two intervals; 0 disables.
   * @default 300
   */
  readonly compactionIntervalSeconds?: number;
  /** Largest accepted request body. @default 3145728 (3 MiB, as kube-apiserver) */
  readonly maxRequestBodyBytes?: number;
  /** How long a request for a future resourceVersion waits before 504. @default 3000 */
  readonly resourceVersionWaitMs?: number;
  /**
   * Run the in-process controllers kube-controller-manager runs on a real cluster: the garbage
   * collector (ownerReferences), the namespace controller, the root CA publisher (the
   * `kube-root-ca.crt` ConfigMap in every namespace), the serviceaccounts controller (a
   * `default` ServiceAccount in every namespace) and the pvc- and pv-protection controllers
   * (the protection finalizers go once nothing uses a claim or volume). @default true
   */
  readonly controllers?: boolean;
  /**
   * Make workloads move, as kwok does: simulated nodes, a scheduler and kubelets (pods run and
   * turn Ready with IPs, Job pods succeed), and the Deployment, ReplicaSet, Job, StatefulSet,
   * DaemonSet and EndpointSlice controllers. `false` keeps envtest-like stillness: objects are
   * stored and nothing acts on them. An object tunes the delays and the node count.
   * @default the value of `controllers` (true)
   */
  readonly simulate?: boolean | SimulationOptions;
  /** How long Events live after their last write, in seconds (kube-apiserver's `--event-ttl`). @default 3600 */
  readonly eventTtlSeconds?: number;
  /** The clock for timestamps and for the expiry of ServiceAccount tokens. @default () => new Date() */
  readonly now?: () => Date;
  /** Where to write the kubeconfig. @default a file in a fresh temporary directory */
  readonly kubeconfigPath?: string;
  /** Called with errors of background controllers (they never stop the server). */
  readonly onError?: (error: unknown) => void;
}

/** Test hooks of a running server. */
export interface ApiServerHooks {
  /** Ends every open watch connection (cleanly, or `abrupt`ly by destroying the sockets). */
  dropWatches(options?: { readonly abrupt?: boolean }): void;
  /** Forgets all history: watches and continue tokens from any older resourceVersion answer 410. */
  compact(): void;
  /** The next `count` requests (matching `filter`) answer `status` (default 503 ServiceUnavailable). */
  failNext(count: number, status?: Status, filter?: FaultFilter): void;
  /** Sends a bookmark now to every watch that asked for bookmarks. */
  sendBookmarks(): void;
  /** How many watch connections are open. */
  activeWatches(): number;
  /**
   * Resolves when the next watch connection has started (after its initial events); with
   * `urlPart`, the next one whose request path and query contain it (e.g. `/configmaps?`).
   */
  nextWatch(urlPart?: string): Promise<void>;
  /** The requests answered so far (newest last; credentials never recorded). */
  requests(): RecordedRequest[];
  /** Forgets the recorded requests. */
  clearRequests(): void;
  /** Resolves once background controllers (GC, namespaces, CRDs) have caught up. */
  settle(): Promise<void>;
  /** The current resourceVersion of the store. */
  resourceVersion(): string;
  /** Adds a bearer token for a user. */
  addToken(token: string, user: string | TokenUser): void;
  /**
   * Appends to a container's log, served on `pods/{name}/log` (followers see it at once).
   * `container` defaults to the pod's only container.
   */
  appendPodLog(namespace: string, pod: string, text: string, container?: string): void;
  /**
   * Plays the containers for `pods/exec` and `pods/attach` (WebSocket, v5/v4.channel.k8s.io):
   * the handler gets the command and the streams and resolves with the exit code. Without
   * one, exec and attach end with a Failure Status.
   */
  onExec(handler: ExecHandler | undefined): void;
  /** Plays what listens on pods' ports for `pods/portforward`. */
  onPortForward(handler: PortForwardHandler | undefined): void;
  /** Issues a client certificate (`CN=user`, `O=` per group) signed by the server's CA. */
  issueClientCertificate(user: string, groups?: readonly string[]): Promise<CertificatePair>;
}

/** A running embedded API server. */
export interface ApiServer {
  /** `https://127.0.0.1:PORT` (or `http://` without TLS). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** A kubeconfig (YAML) using the admin bearer token (or certificate, with `auth: 'certificate'`). */
  readonly kubeconfig: string;
  /** The same kubeconfig, written to a file (removed on close). */
  readonly kubeconfigPath: string;
  /** A kubeconfig (YAML) authenticating by bearer token or by the admin client certificate. */
  kubeconfigFor(auth: 'token' | 'certificate'): string;
  /**
   * A kubeconfig (YAML) for someone other than the admin, so that a spec can run code with
   * exactly the permissions RBAC gives them:
   * - `{ user, groups?, auth? }`: a configured user's token (a user not configured gets a new
   *   token with `groups`), or with `auth: 'certificate'` a client certificate `CN=user,
   *   O=group...` signed by the server's CA;
   * - `{ serviceAccount, namespace, expirationSeconds? }`: a token of that ServiceAccount,
   *   as TokenRequest mints it (it dies with the ServiceAccount, like a real one).
   *
   * @throws {ApiError} 404 when the ServiceAccount does not exist.
   */
  kubeconfigAs(identity: ApiServerIdentity): Promise<string>;
  /** The admin bearer token (user `admin`, group `system:masters`). */
  readonly token: string;
  /** The CA certificate (PEM) clients must trust; empty without TLS. */
  readonly caPem: string;
  /** The admin client certificate (`CN=admin, O=system:masters`) and key. */
  readonly clientCertificate: CertificatePair;
  readonly hooks: ApiServerHooks;
  /** Ends every connection, stops the controllers and removes the kubeconfig file. */
  close(): Promise<void>;
}

const DEFAULT_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

function toTokenUser(user: string | TokenUser): TokenUser {
  return typeof user === 'string' ? { username: user } : user;
}

/**
 * Starts an in-memory Kubernetes API server on loopback that real clients (kubectl,
 * client-go, @kubernetes/client-node, this library's client) can use unchanged.
 *
 * ## Example
 * ```ts
 * const server = await startApiServer();
 * process.env.KUBECONFIG = server.kubeconfigPath;   // kubectl get ns
 * // ...
 * await server.close();
 * ```
 *
 * ## Guarantees
 * - HTTPS by default: a CA, a server certificate (127.0.0.1, ::1, localhost) and an admin
 *   client certificate are made with the `openssl` CLI once per process and reused, so
 *   later starts take a few milliseconds; bearer-token and client-certificate auth; a
 *   missing or bad credential answers 401. Listening elsewhere than loopback, the server gets
 *   a certificate of its own naming that address (a wildcard: every interface address and the
 *   hostname, with the kubeconfig dialling loopback), so the kubeconfig always verifies.
 * - The kubeconfig file is written mode 0600, also over an existing file of another mode.
 * - The namespaces `default`, `kube-system`, `kube-public` and `kube-node-lease` exist.
 * - Behaviour follows kube-apiserver 1.32 as described in apiserver-semantics.md.
 *
 * @throws {CertificateError} when certificates cannot be made (no `openssl`).
 * @throws {Error} when the port cannot be bound.
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const useTls = options.tls ?? true;
  const host = options.host ?? '127.0.0.1';
  const certificates = await serverCertificates();
  const onError = options.onError ?? ((error: unknown) => process.emitWarning(`kube-rx api server: ${String(error)}`));
  const work = new BackgroundWork(onError);
  const store = new ObjectStore({ historySize: options.watchCacheSize ?? 10000, onListenerError: onError });
  const registry = new ResourceRegistry();
  const hooks = new Map<string, KindHooks>();
  const ctx: ServerContext = {
    store,
    registry,
    now: options.now ?? (() => new Date()),
    hooks,
    defer: (task, delayMs) => work.defer(task, delayMs),
  };
  hooks.set(NAMESPACE_BUCKET, namespaceHooks(ctx));
  hooks.set(CRD_BUCKET, crdHooks(ctx));
  hooks.set(EVENT_BUCKET, eventHooks());
  hooks.set(API_SERVICE_BUCKET, apiServiceHooks());
  hooks.set(SERVICE_BUCKET, serviceHooks(ctx));
  hooks.set(JOB_BUCKET, jobHooks());
  hooks.set(POD_BUCKET, podAdmissionHooks(ctx));
  hooks.set(PVC_BUCKET, storageProtectionHooks(PVC_PROTECTION_FINALIZER));
  hooks.set(PV_BUCKET, storageProtectionHooks(PV_PROTECTION_FINALIZER));
  hooks.set(VALIDATING_WEBHOOKS_BUCKET, webhookConfigurationHooks('ValidatingWebhookConfiguration'));
  hooks.set(MUTATING_WEBHOOKS_BUCKET, webhookConfigurationHooks('MutatingWebhookConfiguration'));
  const authorizer = new Authorizer(store);
  for (const [bucket, kindHooks] of rbacHooks(authorizer)) hooks.set(bucket, kindHooks);
  const crdController = new CrdController(ctx);
  const eventTtl = new EventTtl(ctx, (options.eventTtlSeconds ?? 3600) * 1000);
  const controllers = options.controllers ?? true;
  const namespaceController = controllers ? new NamespaceController(ctx) : undefined;
  const garbageCollector = controllers ? new GarbageCollector(ctx) : undefined;
  const serviceAccounts = controllers ? new DefaultServiceAccounts(ctx) : undefined;

  let compactionPoint = 0;
  const compactionMs = (options.compactionIntervalSeconds ?? 300) * 1000;
  const compaction =
    compactionMs > 0
      ? setInterval(() => {
          store.compact(compactionPoint);
          compactionPoint = store.resourceVersion;
        }, compactionMs)
      : undefined;
  compaction?.unref();

  const token = randomBytes(24).toString('hex');
  const tokens = new Map<string, TokenUser>([[token, { username: 'admin', groups: ['system:masters'] }]]);
  for (const [t, user] of Object.entries(options.tokens ?? {})) tokens.set(t, toTokenUser(user));
  const userTokens = new Map<string, { token: string; user: TokenUser }>();
  const addUser = (user: ApiServerUser): { token: string; user: TokenUser } => {
    const entry = {
      token: user.token ?? randomBytes(24).toString('hex'),
      user: { username: user.name, groups: [...(user.groups ?? [])], ...(user.uid === undefined ? {} : { uid: user.uid }) },
    };
    tokens.set(entry.token, entry.user);
    userTokens.set(user.name, entry);
    return entry;
  };
  for (const user of options.users ?? []) addUser(user);
  const serviceAccountTokens = new ServiceAccountTokens(ctx);
  const authenticator = new Authenticator({ tokens, serviceAccountTokens, anonymous: options.anonymous ?? true });
  const hub = new WatchHub(store, (options.bookmarkIntervalSeconds ?? 60) * 1000);
  const faults = new FaultInjector();
  const log = new RequestLog();

  const namespaceKind = registry.find('', 'v1', 'namespaces');
  if (namespaceKind === undefined) throw new Error('kube-rx: the built-in table has no namespaces');
  for (const name of DEFAULT_NAMESPACES) {
    createObject(ctx, namespaceKind, undefined, decodeObject(namespaceKind, { metadata: { name } }), { dryRun: false, fieldManager: 'kube-apiserver', warnings: [] });
  }
  const apiServices = new ApiServiceRegistration(ctx);
  const simulate = options.simulate ?? controllers;
  const simulation = simulate === false ? undefined : new WorkloadSimulation(ctx, simulate === true ? {} : simulate, onError);
  const aggregation = new ClusterRoleAggregation(ctx);
  seedBootstrapPolicy(ctx, () => aggregation.syncAll());

  const rootCaPublisher = controllers ? new RootCaPublisher(ctx, certificates.ca.certPem) : undefined;
  const volumeProtection = controllers ? new VolumeProtection(ctx) : undefined;

  const podLogs = new PodLogs();
  const forgetLogs = store.subscribe((event) => {
    if (event.bucket !== '/pods' || event.type !== 'DELETED') return;
    const [namespace = '', name = ''] = event.key.split('/');
    podLogs.forget(namespace, name);
  });
  const resourceHandlers = new Map<string, SubresourceHandler>([
    ['finalize:update', handleFinalize],
    ['binding:create', handleBinding],
    ['/bindings:create', handleBindings],
    ...componentStatusHandlers(() => ({ scheduler: simulation !== undefined, controllerManager: controllers })),
    ['eviction:create', handleEviction],
    ['log:get', podLogHandler(podLogs)],
    ['token:create', tokenRequestHandler(serviceAccountTokens)],
    ...authenticationReviewHandlers(authenticator),
    ...accessReviewHandlers(authorizer),
    ...(['exec', 'attach', 'portforward'].flatMap((sub) =>
      ['get', 'create'].map((verb): [string, SubresourceHandler] => [`${sub}:${verb}`, upgradeRequired]),
    )),
  ]);
  let serverAddress = '';
  const discovery = new DiscoveryHandler(registry, () => serverAddress);
  const openapi = new OpenApiHandler(registry);
  const listener = createRequestHandler({
    ctx,
    settings: { hub, maxBodyBytes: options.maxRequestBodyBytes ?? DEFAULT_MAX_BODY_BYTES, resourceVersionBlockMs: options.resourceVersionWaitMs ?? 3000 },
    authenticator,
    authorizer,
    discovery,
    faults,
    log,
    resourceHandlers,
    pathHandlers: [(req, res, url) => openapi.serve(req, res, url)],
  });
  // The kubeconfig dials what the serving certificate names: off loopback, a certificate of its own.
  const serving = servingAddress(host);
  const servingPair = !useTls || serving.certificateNames === undefined ? certificates.server : await issueServerCertificate(certificates.ca, serving.certificateNames);
  const server: Server = useTls
    ? createHttpsServer(
        { key: servingPair.keyPem, cert: servingPair.certPem, ca: certificates.ca.certPem, requestCert: true, rejectUnauthorized: false },
        listener,
      )
    : createHttpServer(listener);
  server.keepAliveTimeout = 60_000;
  const streamHandlers: StreamHandlers = { exec: undefined, portForward: undefined };
  server.on('upgrade', streamUpgradeListener(ctx, { authenticator, authorizer }, streamHandlers));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = serving.urlHost;
  const url = `${useTls ? 'https' : 'http'}://${urlHost}:${port}`;
  serverAddress = `${urlHost}:${port}`;
  publishKubernetesService(ctx, host, port);

  const caPem = useTls ? certificates.ca.certPem : '';
  const kubeconfigFor = (auth: 'token' | 'certificate'): string =>
    renderKubeconfig({
      server: url,
      ...(useTls ? { caPem } : {}),
      user: auth === 'token' ? { token } : { certPem: certificates.admin.certPem, keyPem: certificates.admin.keyPem },
    });
  const kubeconfig = kubeconfigFor(options.auth ?? 'token');
  const kubeconfigAs = async (identity: ApiServerIdentity): Promise<string> => {
    const ca = useTls ? { caPem } : {};
    if ('serviceAccount' in identity) {
      const sa = store.get('/serviceaccounts', objectKey(identity.namespace, identity.serviceAccount));
      if (sa === undefined) throw notFound({ group: '', resource: 'serviceaccounts' }, identity.serviceAccount);
      const now = ctx.now().getTime();
      const minted = serviceAccountTokens.mint({
        namespace: identity.namespace,
        serviceAccount: identity.serviceAccount,
        serviceAccountUid: sa.metadata.uid ?? '',
        audiences: [API_AUDIENCE],
        issuedAt: now,
        expiresAt: now + (identity.expirationSeconds ?? 3600) * 1000,
      });
      return renderKubeconfig({ server: url, ...ca, user: { token: minted } });
    }
    const known = userTokens.get(identity.user);
    const groups = identity.groups ?? known?.user.groups ?? [];
    if (identity.auth === 'certificate') {
      const pair = await issueClientCertificate(certificates.ca, identity.user, groups);
      return renderKubeconfig({ server: url, ...ca, user: { certPem: pair.certPem, keyPem: pair.keyPem } });
    }
    const entry = known !== undefined && identity.groups === undefined ? known : addUser({ name: identity.user, groups });
    authenticator.addToken(entry.token, entry.user);
    return renderKubeconfig({ server: url, ...ca, user: { token: entry.token } });
  };
  let tempDir: string | undefined;
  let kubeconfigPath = options.kubeconfigPath;
  if (kubeconfigPath === undefined) {
    tempDir = await mkdtemp(join(tmpdir(), 'kube-rx-server-'));
    kubeconfigPath = join(tempDir, 'kubeconfig.yaml');
  }
  await writePrivateFile(kubeconfigPath, kubeconfig);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      hub.close();
      work.close();
      if (compaction !== undefined) clearInterval(compaction);
      namespaceController?.close();
      crdController.close();
      apiServices.close();
      aggregation.close();
      eventTtl.close();
      forgetLogs();
      garbageCollector?.close();
      rootCaPublisher?.close();
      volumeProtection?.close();
      serviceAccounts?.close();
      simulation?.close();
      store.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (tempDir !== undefined) await rm(tempDir, { recursive: true, force: true });
      else if (options.kubeconfigPath === undefined) await rm(kubeconfigPath as string, { force: true });
    })();
    return closed;
  };

  return {
    url,
    host,
    port,
    kubeconfig,
    kubeconfigPath,
    kubeconfigFor,
    kubeconfigAs,
    token,
    caPem,
    clientCertificate: certificates.admin,
    hooks: {
      dropWatches: (o) => hub.dropAll(o?.abrupt ?? false),
      compact: () => store.compact(),
      failNext: (count, status, filter) => faults.failNext(count, status, filter),
      sendBookmarks: () => hub.sendBookmarks(),
      activeWatches: () => hub.size,
      nextWatch: async (urlPart) => {
        await hub.nextWatch(urlPart);
      },
      requests: () => log.entries(),
      clearRequests: () => log.clear(),
      settle: () => work.settle(),
      resourceVersion: () => String(store.resourceVersion),
      addToken: (t, user) => authenticator.addToken(t, toTokenUser(user)),
      appendPodLog: (namespace, pod, text, container) => {
        let name = container;
        if (name === undefined) {
          const stored = store.get('/pods', `${namespace}/${pod}`);
          const containers = ((stored?.['spec'] as { containers?: { name?: string }[] } | undefined)?.containers ?? []).map((c) => c.name ?? '');
          name = containers.length === 1 ? containers[0] : undefined;
          if (name === undefined) throw new Error(`kube-rx: pod ${namespace}/${pod} needs a container name (it has ${containers.length} containers)`);
        }
        podLogs.append(namespace, pod, name, text, ctx.now());
      },
      issueClientCertificate: (user, groups = []) => issueClientCertificate(certificates.ca, user, groups),
      onExec: (handler) => {
        streamHandlers.exec = handler;
      },
      onPortForward: (handler) => {
        streamHandlers.portForward = handler;
      },
    },
    close,
  };
}
