// The OpenAPI v3 path items of one served resource: collection, item, status and scale operations.
import type { OpenApiSchema } from './definition-schemas.js';
import { PATCH, ref } from './definition-schemas.js';

/** What the paths of one resource need to know. */
export interface ResourcePathsInput {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
  readonly subresources: readonly string[];
  /** The component schema names of the kind and of its list. */
  readonly schemaName: string;
  readonly listSchemaName: string;
  /** Built-ins also accept `application/strategic-merge-patch+json`. */
  readonly strategicMergePatch: boolean;
  /** Discovery verbs; only `create` (a review) means a POST and nothing else. */
  readonly verbs?: readonly string[];
}

const query = (name: string, description: string, type = 'string'): OpenApiSchema => ({ name, in: 'query', description, schema: { type, uniqueItems: true } });

const DRY_RUN = query(
  'dryRun',
  'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
);
const FIELD_MANAGER = query(
  'fieldManager',
  'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.',
);
const FIELD_VALIDATION = query(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.',
);
const FORCE = query(
  'force',
  'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
  'boolean',
);
const PRETTY = query('pretty', "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).");
const LIST_PARAMETERS = [
  query('allowWatchBookmarks', 'allowWatchBookmarks requests watch events with type "BOOKMARK". Servers that do not implement bookmarks may ignore this flag and bookmarks are sent at the server\'s discretion.', 'boolean'),
  query('continue', 'The continue option should be set when retrieving more results from the server.'),
  query('fieldSelector', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  query('labelSelector', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  query('limit', 'limit is a maximum number of responses to return for a list call.', 'integer'),
  query('resourceVersion', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
  query('resourceVersionMatch', 'resourceVersionMatch determines how resourceVersion is applied to list calls.'),
  query('sendInitialEvents', '`sendInitialEvents=true` may be set together with `watch=true`. In that case, the watch stream will begin with synthetic events to produce the current state of objects in the collection.', 'boolean'),
  query('timeoutSeconds', 'Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity.', 'integer'),
  query('watch', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.', 'boolean'),
];
const DELETE_PARAMETERS = [
  DRY_RUN,
  query('gracePeriodSeconds', 'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately.', 'integer'),
  query('orphanDependents', 'Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7.', 'boolean'),
  query('propagationPolicy', "Whether and how garbage collection will be performed. Acceptable values are: 'Orphan', 'Background' and 'Foreground'."),
];

function camel(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part[0]?.toUpperCase() + part.slice(1))
    .join('');
}

function response(schemaName: string, codes: readonly string[]): OpenApiSchema {
  const content = { 'application/json': { schema: ref(schemaName) }, 'application/yaml': { schema: ref(schemaName) } };
  const descriptions: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };
  const out: OpenApiSchema = {};
  for (const code of codes) out[code] = { description: descriptions[code] ?? 'OK', content };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

/**
 * The path items kube-apiserver publishes for one resource (`/apis/apps/v1/namespaces/{namespace}/deployments/{name}`, ...),
 * keyed by path. Every operation carries `x-kubernetes-action` and `x-kubernetes-group-version-kind`;
 * PATCH operations carry the `dryRun`, `fieldManager`, `fieldValidation` and `force` query
 * parameters and the patch content types, which is what kubectl checks before it sends
 * `fieldValidation=Strict` and how it chooses between strategic and JSON merge patches.
 */
export function resourcePaths(input: ResourcePathsInput): Record<string, OpenApiSchema> {
  const { group, version, kind, plural, namespaced, subresources, schemaName, listSchemaName } = input;
  const root = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
  const gvk = { group, kind, version };
  const idPrefix = `${camel(group === '' ? 'core' : group.replace(/\.k8s\.io$/, ''))}${camel(version)}`;
  const scope = namespaced ? 'Namespaced' : '';
  const tag = `${(group === '' ? 'core' : group.replace(/\.k8s\.io$/, '')).replace(/[.-]/g, '')}_${version}`;
  const collection = namespaced ? `${root}/namespaces/{namespace}/${plural}` : `${root}/${plural}`;
  const namespaceParameter: OpenApiSchema[] = namespaced
    ? [{ name: 'namespace', in: 'path', description: 'object name and auth scope, such as for teams and projects', required: true, schema: { type: 'string', uniqueItems: true } }]
    : [];
  const nameParameter = (of: string): OpenApiSchema => ({ name: 'name', in: 'path', description: `name of the ${of}`, required: true, schema: { type: 'string', uniqueItems: true } });
  const operation = (action: string, verb: string, suffix: string, description: string, extra: OpenApiSchema, kindOf = gvk): OpenApiSchema => ({
    tags: [tag],
    description,
    operationId: `${verb}${idPrefix}${scope}${kind}${suffix}`,
    ...extra,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': kindOf,
  });
  const patchBody = (): OpenApiSchema => {
    const types = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];
    if (input.strategicMergePatch) types.push('application/strategic-merge-patch+json');
    return { content: Object.fromEntries(types.map((t) => [t, { schema: ref(PATCH) }])), required: true };
  };
  const body = (name: string): OpenApiSchema => ({ content: { '*/*': { schema: ref(name) } }, required: true });
  const itemOperations = (suffix: string, what: string, name: string, kindOf = gvk): OpenApiSchema => ({
    get: operation('get', 'read', suffix, `read ${what} of the specified ${kind}`, { responses: response(name, ['200']) }, kindOf),
    put: operation('put', 'replace', suffix, `replace ${what} of the specified ${kind}`, { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: body(name), responses: response(name, ['200', '201']) }, kindOf),
    patch: operation(
      'patch',
      'patch',
      suffix,
      `partially update ${what} of the specified ${kind}`,
      { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], requestBody: patchBody(), responses: response(name, ['200', '201']) },
      kindOf,
    ),
    parameters: [nameParameter(kind), ...namespaceParameter, PRETTY],
  });
  if (input.verbs?.length === 1 && input.verbs[0] === 'create') {
    return {
      [collection]: {
        post: operation('post', 'create', '', `create a ${kind}`, { requestBody: body(schemaName), responses: response(schemaName, ['200', '201', '202']) }),
        parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, ...namespaceParameter, PRETTY],
      },
    };
  }
  const paths: Record<string, OpenApiSchema> = {
    [collection]: {
      get: operation('list', 'list', '', `list or watch objects of kind ${kind}`, { parameters: LIST_PARAMETERS, responses: response(listSchemaName, ['200']) }),
      post: operation('post', 'create', '', `create a ${kind}`, { parameters: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], requestBody: body(schemaName), responses: response(schemaName, ['200', '201', '202']) }),
      delete: operation('deletecollection', 'deleteCollection', '', `delete collection of ${kind}`, {
        parameters: [...LIST_PARAMETERS, ...DELETE_PARAMETERS],
        requestBody: body('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'),
        responses: response('io.k8s.apimachinery.pkg.apis.meta.v1.Status', ['200']),
      }),
      parameters: [...namespaceParameter, PRETTY],
    },
    [`${collection}/{name}`]: {
      ...itemOperations('', 'the', schemaName),
      delete: operation('delete', 'delete', '', `delete a ${kind}`, {
        parameters: DELETE_PARAMETERS,
        requestBody: body('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions'),
        responses: response('io.k8s.apimachinery.pkg.apis.meta.v1.Status', ['200', '202']),
      }),
    },
  };
  if (namespaced) {
    paths[`${root}/${plural}`] = {
      get: {
        ...operation('list', 'list', 'ForAllNamespaces', `list or watch objects of kind ${kind}`, { parameters: LIST_PARAMETERS, responses: response(listSchemaName, ['200']) }),
        operationId: `list${idPrefix}${kind}ForAllNamespaces`,
      },
      parameters: [PRETTY],
    };
  }
  if (subresources.includes('status')) paths[`${collection}/{name}/status`] = itemOperations('Status', 'status', schemaName);
  if (subresources.includes('scale')) {
    paths[`${collection}/{name}/scale`] = itemOperations('Scale', 'scale', 'io.k8s.api.autoscaling.v1.Scale', { group: 'autoscaling', kind: 'Scale', version: 'v1' });
  }
  return paths;
}
