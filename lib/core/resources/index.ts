// Descriptors of the built-in kinds, one file per API group version.
export * from './core-v1.js';
export * from './apps-v1.js';
export * from './batch-v1.js';
export * from './coordination-v1.js';
export * from './events-v1.js';
export * from './networking-v1.js';
export * from './rbac-v1.js';
export * from './apiextensions-v1.js';
export * from './policy-v1.js';
export * from './autoscaling-v2.js';
export * from './storage-v1.js';
export * from './discovery-v1.js';
export * from './admissionregistration-v1.js';
export * from './scheduling-v1.js';
export * from './certificates-v1.js';
export { BUILTIN_RESOURCES, type BuiltinResourceRow, type BuiltinRow } from './builtin-table.js';
