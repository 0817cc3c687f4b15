// kube-rx/crd: custom resources from TypeScript types and ajv schemas (the kube-derive of kube-rx).
// Imports only kube-rx/core, ajv and yaml.

export type { JSONSchemaType } from 'ajv';
export * from './define-custom-resource.js';
export * from './custom-resource.js';
export * from './crd-manifest.js';
export * from './crd-to-yaml.js';
export * from './merge-crds.js';
export * from './structural.js';
export { structuralIssues } from './structural-checks.js';
export * from './structural-schema.js';
export * from './crd-error.js';
export { CelRule, rule } from './rule.js';
export * from './with-validations.js';
export * from './int-or-string.js';
export * from './preserve-unknown-fields.js';
export * from './embedded-resource.js';
export * from './list-type.js';
export * from './optional.js';
