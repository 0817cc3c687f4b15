// What every handler and controller of the embedded server shares: store, registry, clock, kind hooks.
import type { FieldError } from './errors/field-error.js';
import type { ResourceKind } from './registry/resource-kind.js';
import type { ResourceRegistry } from './registry/resource-registry.js';
import type { ObjectStore } from './store/object-store.js';

type Json = Record<string, unknown>;

/** Who made a request: from the bearer token, the client certificate, or anonymous. */
export interface UserInfo {
  readonly username: string;
  readonly groups: readonly string[];
  /** The user's uid (a ServiceAccount's uid for its tokens), when the credential carries one. */
  readonly uid?: string;
  /** Extra attributes (`authentication.kubernetes.io/credential-id`, pod name and uid, ...). */
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/** Who asks for a write through the API. */
export interface Requester {
  readonly user: UserInfo;
  /** The object name in the URL (`''` for a create by POST), as authorization saw it. */
  readonly name: string;
}

/** Options shared by every write. */
export interface WriteOptions {
  /** The user behind an API write; absent for the server's own writes (its controllers, its bootstrap). */
  readonly requester?: Requester;
  /** `dryRun=All`: validate and answer, but store nothing. */
  readonly dryRun: boolean;
  /** The field manager of the write (from `fieldManager` or the User-Agent). */
  readonly fieldManager: string;
  /** Warnings the answer will carry as `Warning` headers. */
  readonly warnings: string[];
  /** The object's `managedFields` are already final (a server-side apply computed them). */
  readonly managedFieldsSet?: boolean;
  /** How unknown fields are treated (`fieldValidation`); kube-apiserver's default is Warn. */
  readonly fieldValidation?: 'Ignore' | 'Warn' | 'Strict';
}

/**
 * Kind-specific steps of the write pipeline, for the kinds whose registry strategy does
 * more than the generic one (Namespaces, CRDs, Events). Each is keyed by storage bucket.
 */
export interface KindHooks {
  /**
   * Mutating admission of a create: runs first, before a `generateName` is resolved (errors
   * name the object as the request did), e.g. the pod admission plugins.
   */
  admitCreate?(object: Json, kind: ResourceKind, options: WriteOptions): void;
  /** The strategy's `PrepareForCreate`: mutates a new object, its name known, before validation (e.g. the Namespace finalizer, CRD defaults). */
  prepareCreate?(object: Json, kind: ResourceKind, options: WriteOptions): void;
  /** Mutates an updated object before validation; `old` is the stored state. */
  prepareUpdate?(object: Json, old: Json, kind: ResourceKind, subresource: string | undefined, options: WriteOptions): void;
  /** Extra validation; `old` is absent on create. */
  validate?(object: Json, old: Json | undefined, kind: ResourceKind): FieldError[];
  /** Something besides `metadata.finalizers` still holds a terminating object (a Namespace's `spec.finalizers`). */
  holdsDeletion?(object: Json): boolean;
  /**
   * Replaces the generic delete when it returns a result: the Namespace and CRD deletes
   * mark the object terminating first.
   */
  delete?(object: Json, kind: ResourceKind, dryRun: boolean): Json | undefined;
}

/** The shared state of one server instance. */
export interface ServerContext {
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  /** The server's clock (tests may pin it). */
  readonly now: () => Date;
  /** Kind hooks by storage bucket. */
  readonly hooks: Map<string, KindHooks>;
  /** Schedules background work (controllers); the server tracks it so tests can settle. */
  readonly defer: (task: () => void, delayMs?: number) => void;
}

/** `2024-05-01T10:00:00Z`: a `metav1.Time` (RFC 3339, UTC, seconds). */
export function formatTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
