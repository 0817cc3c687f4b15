// kube-rx/server: the embedded, in-memory Kubernetes API server (envtest / kwok for Node.js).

// The server and its test hooks.
export { startApiServer, type ApiServer, type ApiServerHooks, type ApiServerIdentity, type ApiServerOptions, type ApiServerUser } from './start-api-server.js';
// What the hooks take and give: injected failures, recorded requests, extra tokens.
export type { FaultFilter } from './http/fault-injector.js';
export type { RecordedRequest } from './http/request-log.js';
export type { TokenUser } from './auth/authenticator.js';
// What plays the containers behind pods/exec, attach and portforward.
export type { ExecHandler, ExecSession, PortForwardHandler, PortForwardSession } from './streams/stream-sessions.js';
// Certificates and kubeconfigs.
export { CertificateError, isCertificateError, type CertificateErrorReason, type CertificatePair } from './tls/server-certificates.js';
export { renderKubeconfig, type KubeconfigInput, type KubeconfigUser } from './kubeconfig/render-kubeconfig.js';
