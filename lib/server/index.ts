// kube-rx/server: the embedded, in-memory Kubernetes API server (envtest / kwok for Node.js).

export { startApiServer, type ApiServer, type ApiServerHooks, type ApiServerOptions } from './start-api-server.js';
export type { FaultFilter } from './http/fault-injector.js';
export type { RecordedRequest } from './http/request-log.js';
export type { TokenUser } from './auth/authenticator.js';
export { CertificateError, isCertificateError, type CertificateErrorReason, type CertificatePair } from './tls/server-certificates.js';
export { renderKubeconfig, type KubeconfigInput, type KubeconfigUser } from './kubeconfig/render-kubeconfig.js';
export type { ExecHandler, ExecSession, PortForwardHandler, PortForwardSession } from './streams/stream-sessions.js';
