// kube-rx/core: pure types, descriptors, params, request building, selectors, Status and errors.
// No I/O, no timers, no RxJS (the kube-core / k8s.io/apimachinery of kube-rx).

export * from './resources/index.js';
export * from './resource-type.js';
export * from './api-resource.js';
export * from './gvk.js';
export * from './plural.js';
export * from './object.js';
export * from './object-ext.js';
export * from './object-ref.js';
export * from './status.js';
export * from './duration.js';
export * from './patch.js';
export * from './apply-configuration.js';
export * from './secret-string.js';
export * from './warning-header.js';

export * from './params/list-params.js';
export * from './params/watch-params.js';
export * from './params/get-params.js';
export * from './params/post-params.js';
export * from './params/patch-params.js';
export * from './params/delete-params.js';
export * from './params/log-params.js';
export * from './params/evict-params.js';
export * from './params/attach-params.js';

export * from './request/http-request.js';
export * from './request/request-builder.js';

export * from './selectors/label-selector.js';
export * from './selectors/field-selector.js';

export * from './admission/admission-review.js';
export * from './admission/admission-response.js';
export * from './admission/admission-error.js';
export * from './admission/parse-admission-review.js';
export * from './conversion/conversion-review.js';
export * from './json/json-patch-diff.js';
export * from './json/base64.js';

export * from './watch/watch-event.js';
export * from './watch/line-decoder.js';

export * from './errors/kube-error.js';
export * from './errors/api-error.js';
export * from './errors/api-error-predicates.js';
export * from './errors/request-build-error.js';
export * from './errors/selector-error.js';
export * from './errors/redact.js';
