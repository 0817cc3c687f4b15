// kube-rx: every layer in one import but the server's (the facade, like the `kube` crate).
// Prefer the subpaths (`kube-rx/core`, `kube-rx/client`, ...) to load only what you use.

export * from './core/index.js';
export * from './client/index.js';
export * from './runtime/index.js';
export * from './crd/index.js';
export * from './webhook/index.js';
