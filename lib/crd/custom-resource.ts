// The types of a custom resource: the object, the definition options and the typed descriptor.
import type { JSONSchemaType } from 'ajv';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';
import type { KubeObject, ObjectMeta, OwnerReference } from '../core/object.js';
import type { ClusterScope, NamespaceScope, ResourceType } from '../core/resource-type.js';
import type { ValidationIssue } from './crd-error.js';
import type { CelRule } from './rule.js';
import type { StructuralSchema, ValidationRule } from './structural-schema.js';

/**
 * A custom object: the root type kube-derive generates around a spec (`Foo { metadata, spec, status }`).
 * `status` is absent from the type when `Status` is `never`.
 */
export interface CustomResource<Spec, Status = never> extends KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec: Spec;
  status?: Status;
}

/** The column types `additionalPrinterColumns` accepts. */
export type PrinterColumnType = 'integer' | 'number' | 'string' | 'boolean' | 'date';
/** The column formats `additionalPrinterColumns` accepts. */
export type PrinterColumnFormat = 'int32' | 'int64' | 'float' | 'double' | 'byte' | 'date' | 'date-time' | 'password';

/** One `kubectl get` column (`additionalPrinterColumns`), kube-derive's `printcolumn`. */
export interface PrinterColumn {
  /** The header, e.g. `Replicas`. */
  readonly name: string;
  readonly type: PrinterColumnType;
  /** A JSONPath into the object starting with `.`, e.g. `.spec.replicas`, `.metadata.creationTimestamp`. */
  readonly jsonPath: string;
  readonly description?: string;
  readonly format?: PrinterColumnFormat;
  /** 0 shows in the default view; higher only with `-o wide`. @default 0 */
  readonly priority?: number;
}

/** The scale subresource (`/scale`, used by `kubectl scale` and autoscalers). */
export interface ScaleSubresource {
  /** Where the desired replicas live. @default '.spec.replicas' */
  readonly specReplicasPath?: string;
  /** Where the observed replicas live. @default '.status.replicas' */
  readonly statusReplicasPath?: string;
  /** Where a label-selector string for the pods lives (under `.spec` or `.status`), for the HPA. */
  readonly labelSelectorPath?: string;
}

/** What {@link defineCustomResource} needs: kube-derive's `#[kube(...)]` attributes plus the schemas. */
export interface CustomResourceOptionsBase<Spec> {
  /** The API group, a domain with at least one dot (`example.com`). */
  readonly group: string;
  /** The version, e.g. `v1`, `v1beta1`. */
  readonly version: string;
  /** The kind, e.g. `Widget`. */
  readonly kind: string;
  /** Whether objects live in namespaces; its literal type fixes the descriptor's scope. */
  readonly namespaced: boolean;
  /** @default pluralize(kind) (`Widget` → `widgets`, `Policy` → `policies`) */
  readonly plural?: string;
  /** @default kind.toLowerCase() */
  readonly singular?: string;
  readonly shortNames?: readonly string[];
  readonly categories?: readonly string[];
  readonly printColumns?: readonly PrinterColumn[];
  /** JSONPaths (`.spec.color`) usable in field selectors (Kubernetes ≥ 1.30); string, integer or boolean fields, at most 8. */
  readonly selectableFields?: readonly string[];
  readonly subresources?: {
    /** @default true when a `statusSchema` is given */
    readonly status?: boolean;
    readonly scale?: ScaleSubresource;
  };
  /** The spec schema: an ajv `JSONSchemaType<Spec>`, so the type and the schema cannot drift. */
  readonly schema: JSONSchemaType<Spec>;
  /** CEL rules on the whole object (`self.spec`, `self.metadata.name`). */
  readonly validations?: readonly (CelRule | ValidationRule)[];
  /** A description of the root schema (`kubectl explain`). */
  readonly description?: string;
  /** @default true */
  readonly served?: boolean;
  /** @default true */
  readonly storage?: boolean;
  /** `true`, or the deprecation warning clients should print. @default false */
  readonly deprecated?: boolean | string;
  /** Labels of the CRD object itself. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations of the CRD object itself. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** {@link CustomResourceOptionsBase} plus `statusSchema`, required exactly when there is a `Status` type. */
export type CustomResourceOptions<Spec, Status> = CustomResourceOptionsBase<Spec> &
  ([Status] extends [never] ? { readonly statusSchema?: never } : { readonly statusSchema: JSONSchemaType<Status> });

/** What `.new()` may set besides the name and the spec. */
export type NewOptions<Status, S> = {
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly ownerReferences?: OwnerReference[];
  readonly finalizers?: string[];
  readonly status?: Status;
} & (S extends NamespaceScope ? { readonly namespace?: string } : { readonly namespace?: never });

/** The result of `.validate()`: the object, typed, or every problem found. */
export type CustomResourceValidation<K> =
  | { readonly valid: true; readonly object: K }
  | { readonly valid: false; readonly errors: readonly ValidationIssue[] };

/** Options of `.validate()` / `.assertValid()`. */
export interface ValidateOptions {
  /** Also report fields the schema does not declare (`spec.foo: unknown field`), like `fieldValidation=Strict`. @default false */
  readonly strict?: boolean;
}

/**
 * The descriptor {@link defineCustomResource} returns: a {@link ResourceType} usable with
 * `RequestBuilder`, `Api`, `watcher` and `Controller`, plus the CRD manifest, a constructor
 * and a validator.
 */
export interface CustomResourceType<Spec, Status, S extends NamespaceScope | ClusterScope>
  extends ResourceType<CustomResource<Spec, Status>, S> {
  /** `{plural}.{group}`, the CRD's `metadata.name`. */
  readonly crdName: string;
  /** The `apiextensions.k8s.io/v1` CustomResourceDefinition (a fresh copy each call). */
  readonly crd: () => CustomResourceDefinition;
  /** The version's root `openAPIV3Schema` (a fresh copy each call). */
  readonly schema: () => StructuralSchema;
  /** The CRD as YAML. */
  readonly toYaml: () => string;
  /** A new object with `apiVersion`, `kind` and `metadata.name` set (kube-derive's `Foo::new`). */
  readonly new: (name: string, spec: Spec, options?: NewOptions<Status, S>) => CustomResource<Spec, Status>;
  /** Checks any value against the whole structural schema; never throws. */
  readonly validate: (object: unknown, options?: ValidateOptions) => CustomResourceValidation<CustomResource<Spec, Status>>;
  /**
   * The object, typed, when valid.
   * @throws {CrdError} `InvalidObject` with every problem in `issues`.
   */
  readonly assertValid: (object: unknown, options?: ValidateOptions) => CustomResource<Spec, Status>;
}
