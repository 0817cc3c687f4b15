// admission.k8s.io/v1 AdmissionReview: what kube-apiserver sends an admission webhook and what it expects back.
import type { GroupVersionKind, GroupVersionResource } from '../gvk.js';
import type { KubeObject } from '../object.js';
import type { Status } from '../status.js';

/** The operation being admitted. `CONNECT` is `pods/exec`, `pods/attach`, `pods/portforward`, proxies. */
export type AdmissionOperation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

/** Who made the request (authentication.k8s.io/v1 UserInfo). */
export interface AdmissionUserInfo {
  readonly username?: string;
  readonly uid?: string;
  readonly groups?: readonly string[];
  readonly extra?: Readonly<Record<string, readonly string[]>>;
}

/**
 * One admission request, typed by the kind of its object.
 *
 * `object` is the new state (absent for DELETE and CONNECT-less kinds), `oldObject` the stored
 * one (UPDATE, DELETE). `kind`/`resource` are what the webhook's rules matched, possibly an
 * equivalent version of the request's (`requestKind`/`requestResource`, with
 * `matchPolicy: Equivalent`).
 *
 * @typeParam K The object's type (e.g. `Pod`); `KubeObject` when unknown.
 */
export interface AdmissionRequest<K = KubeObject> {
  /** Identifies this call; the response must carry it back. */
  readonly uid: string;
  readonly kind: GroupVersionKind;
  readonly resource: GroupVersionResource;
  readonly subResource?: string;
  readonly requestKind?: GroupVersionKind;
  readonly requestResource?: GroupVersionResource;
  readonly requestSubResource?: string;
  /** The object's name (empty on a create with `generateName`). */
  readonly name?: string;
  readonly namespace?: string;
  readonly operation: AdmissionOperation;
  readonly userInfo: AdmissionUserInfo;
  readonly object?: K | null;
  readonly oldObject?: K | null;
  /** True for `dryRun=All`: a webhook with side effects must not make them. */
  readonly dryRun?: boolean;
  /** The operation's options: CreateOptions, UpdateOptions, PatchOptions or DeleteOptions. */
  readonly options?: Readonly<Record<string, unknown>> | null;
}

/** A `Status` inside a review answer (its `kind`, `apiVersion` and `metadata` may be left out). */
export type ReviewStatus = Omit<Status, 'kind' | 'apiVersion' | 'metadata'> & Partial<Pick<Status, 'kind' | 'apiVersion' | 'metadata'>>;

/** A webhook's answer. Build one with `allow`, `deny`, `patched` (never by hand: the patch is computed). */
export interface AdmissionResponse {
  /** The request's uid. */
  readonly uid: string;
  readonly allowed: boolean;
  /** Why a request was denied: code (4xx), reason and message reach the client. */
  readonly status?: ReviewStatus;
  /** A JSON patch (RFC 6902), base64 of its JSON text; mutating webhooks only. */
  readonly patch?: string;
  readonly patchType?: 'JSONPatch';
  /** Added to the audit event, prefixed by the webhook's name. */
  readonly auditAnnotations?: Readonly<Record<string, string>>;
  /** Shown to the client (`Warning` headers; kubectl prints them). */
  readonly warnings?: readonly string[];
}

/** The AdmissionReview versions kube-apiserver sends (v1beta1 has the same shape). */
export type AdmissionReviewVersion = 'admission.k8s.io/v1' | 'admission.k8s.io/v1beta1';

/** The envelope of a request (sent) or a response (answered). */
export interface AdmissionReview<K = KubeObject> {
  readonly apiVersion: AdmissionReviewVersion;
  readonly kind: 'AdmissionReview';
  readonly request?: AdmissionRequest<K>;
  readonly response?: AdmissionResponse;
}
