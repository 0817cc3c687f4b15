// One served resource endpoint (group, version, plural) and everything the handlers need to know about it.
import type { CompiledSchema } from '../schema/compile-schema.js';
import type { FieldLabels } from './field-labels.js';
import type { KindRules } from './kind-rules.js';

/** A column of a custom resource's `additionalPrinterColumns`. */
export interface PrinterColumnSpec {
  readonly name: string;
  readonly type: string;
  readonly format?: string;
  readonly description?: string;
  readonly priority?: number;
  readonly jsonPath: string;
}

/** The `scale` subresource paths of a custom resource. */
export interface ScalePaths {
  readonly specReplicasPath: string;
  readonly statusReplicasPath: string;
  readonly labelSelectorPath?: string;
}

/** What a custom resource endpoint carries beyond a built-in one. */
export interface CustomKindInfo {
  /** The CRD's name, `plural.group`. */
  readonly crdName: string;
  /** The CRD's uid, so a recreated CRD is a different definition. */
  readonly crdUid: string;
  /** This version's `openAPIV3Schema`, if any. */
  readonly schema: Readonly<Record<string, unknown>> | undefined;
  /** The compiled schema: pruning, defaulting, validation, merge topology. */
  readonly compiled: CompiledSchema | undefined;
  readonly printerColumns: readonly PrinterColumnSpec[];
  readonly scale: ScalePaths | undefined;
  /** The CRD is being deleted: only get/list/watch/delete remain. */
  readonly terminating: boolean;
  /** The CRD's names are accepted or it is established: its endpoints answer. */
  readonly serving: boolean;
  /** The CRD is Established: it appears in discovery. */
  readonly established: boolean;
}

/**
 * One served `group/version/plural`: names, scope, verbs, subresources, the storage bucket
 * it reads and writes (`events.k8s.io/v1` events share core's), and its write rules.
 */
export interface ResourceKind {
  readonly group: string;
  readonly version: string;
  /** `group/version`, or `version` for the core group. */
  readonly apiVersion: string;
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  /** Served subresources, e.g. `status`, `scale`. */
  readonly subresources: readonly string[];
  /** Discovery verbs, in the order discovery prints them. */
  readonly verbs: readonly string[];
  /** Objects of this resource are stored (false for `bindings`, `componentstatuses` and the reviews). */
  readonly stored: boolean;
  /** The storage bucket: `group/resource` of the storage resource. */
  readonly bucket: string;
  /** The apiVersion objects are stored in. */
  readonly storageApiVersion: string;
  /** The storage version's kind (differs only for cross-group aliases). */
  readonly storageKind: string;
  readonly rules: KindRules;
  readonly fieldLabels: FieldLabels;
  /** Present for custom resources. */
  readonly custom?: CustomKindInfo;
}

/** `group/resource`, the storage bucket name of a resource. */
export function bucketName(group: string, plural: string): string {
  return `${group}/${plural}`;
}
