// kube-rx/webhook: admission and conversion webhooks as RxJS handlers behind an HTTPS server
// (controller-runtime's webhook package). Imports only kube-rx/core.

export * from './serve-admission.js';
export * from './serve-conversion.js';
export * from './webhook-route.js';
export * from './start-webhook-server.js';
export * from './webhook-error.js';
export * from './certificates/issue-certificate.js';
export * from './certificates/webhook-certificates.js';
export * from './certificates/certificate-files.js';
