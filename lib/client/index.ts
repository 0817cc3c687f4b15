// kube-rx/client: config and auth, the fetch-based Client, Api<K>, Discovery (the kube-client of kube-rx).

export * from './version.js';
export * from './call-options.js';
export * from './client.js';
export * from './api.js';
export * from './api/entry.js';
export * from './api/get-opt.js';
export * from './api/list-all.js';
export * from './watch-stream.js';
export * from './line-stream.js';

export * from './config/config.js';
export * from './config/config-init.js';
export * from './config/config-error.js';
export * from './config/kubeconfig.js';
export * from './config/load-kubeconfig.js';
export * from './config/config-from-kubeconfig.js';
export * from './config/in-cluster.js';

export * from './auth/auth-config.js';
export * from './auth/auth-error.js';
export * from './auth/authenticator.js';
export * from './auth/create-authenticator.js';
export * from './auth/exec-plugin.js';
export * from './auth/impersonation.js';
export * from './auth/token-file.js';

export * from './errors/client-error.js';
export * from './http/fetch-like.js';
export * from './http/api-error-of.js';
export * from './http/api-warning.js';
export type { RequestSender } from './http/request-sender.js';
export * from './http/retry-policy.js';
export type { Sleep } from './http/sleep.js';
export * from './http/proxy-for-url.js';
export * from './http/create-agent.js';

export * from './discovery/discovery.js';
export * from './discovery/discovery-error.js';
export * from './discovery/api-group.js';
export * from './discovery/parse-discovery.js';
export * from './discovery/server-version.js';

export * from './ws/channel-protocol.js';
export * from './ws/connect-websocket.js';
export * from './ws/attached-process.js';
export * from './ws/port-forwarder.js';
