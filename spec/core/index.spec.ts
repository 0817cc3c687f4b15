// Checks that kube-rx/core exports the names the other layers and users code against.
import { expect } from 'chai';
import * as core from '../../lib/core/index.js';

const VALUES = [
  // descriptors and dynamic types
  'Pod', 'ConfigMap', 'Secret', 'Service', 'Namespace', 'Node', 'Deployment', 'CoreEvent', 'EventsV1Event', 'Lease',
  'CustomResourceDefinition', 'BUILTIN_RESOURCES', 'apiResource', 'apiResourceFromGvk', 'formatApiVersion', 'pluralize',
  'parseGroupVersion', 'parseGroupVersionKind', 'parseGroupVersionResource', 'formatGroupVersion', 'formatGroupVersionKind',
  'formatGroupVersionResource',
  // params and patches
  'validateListParams', 'validateWatchParams', 'validatePostParams', 'validatePatchParams', 'validateDeleteParams',
  'validateLogParams', 'validateAttachParams', 'validatePorts', 'resolveAttachParams', 'deleteOptionsBody', 'formatSinceTime',
  'DEFAULT_WATCH_TIMEOUT_SECONDS', 'Patch', 'patchContentType', 'serializePatch',
  // requests
  'RequestBuilder', 'requestUrl', 'METADATA_ACCEPT', 'METADATA_LIST_ACCEPT',
  // selectors
  'parseLabelSelector', 'formatLabelSelector', 'toLabelSelector', 'matchesLabels', 'parseFieldSelector', 'formatFieldSelector',
  'toFieldSelector', 'matchesFields', 'metadataFields', 'escapeFieldValue',
  // status and errors
  'statusFromResponse', 'failureStatus', 'isStatus', 'STATUS_REASONS', 'KubeError', 'isKubeError', 'ApiError', 'isApiError',
  'RequestBuildError', 'isRequestBuildError', 'SelectorError', 'isSelectorError', 'redact',
  // watch
  'parseWatchEvent', 'isInitialEventsEnd', 'WatchDecodeError', 'LineDecoder', 'INITIAL_EVENTS_END_ANNOTATION',
  // objects
  'nameAny', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences', 'ownerRef', 'controllerOwnerRef',
  'controllerOf', 'resourceVersion', 'uid', 'isDeleting', 'managedFields', 'objectRef', 'objectRefKey', 'formatObjectRef',
  // durations
  'parseDuration', 'formatDuration', 'parseDurationNanos', 'formatDurationNanos',
];

describe('kube-rx/core', () => {
  for (const name of VALUES) {
    it(`should export ${name}`, () => {
      expect((core as Record<string, unknown>)[name], name).to.not.equal(undefined);
    });
  }
});
