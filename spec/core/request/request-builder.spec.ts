// Checks every verb x scope x subresource of RequestBuilder: method, path, query pairs, content type and body.
import { expect } from 'chai';
import { apiResource } from '../../../lib/core/api-resource.js';
import { Patch, type PatchType } from '../../../lib/core/patch.js';
import type { HttpMethod, HttpRequest } from '../../../lib/core/request/http-request.js';
import { requestUrl } from '../../../lib/core/request/http-request.js';
import { METADATA_ACCEPT, METADATA_LIST_ACCEPT, RequestBuilder } from '../../../lib/core/request/request-builder.js';
import type { ResourceType } from '../../../lib/core/resource-type.js';
import {
  CertificateSigningRequest,
  ClusterRole,
  ConfigMap,
  CustomResourceDefinition,
  Deployment,
  Namespace,
  Node,
  Pod,
  ReplicationController,
  ServiceAccount,
  StatefulSet,
} from '../../../lib/core/resources/index.js';
import { requestBuildError } from '../../helpers/errors.js';

const JSON_TYPE = 'application/json';

interface Expected {
  method: HttpMethod;
  path: string;
  query?: [string, string][];
  accept?: string | undefined;
  contentType?: string | undefined;
  /** The parsed JSON body, or `undefined` for no body. */
  body?: unknown;
}

/**
 * Compares a built request with what the API server expects: method, path, the query pairs
 * (also as parsed back from the canonical URL), accept and content type, and the JSON body.
 */
function expectRequest(request: HttpRequest, expected: Expected): void {
  expect(request.method, 'method').to.equal(expected.method);
  expect(request.path, 'path').to.equal(expected.path);
  const query = expected.query ?? [];
  expect(request.query, 'query').to.deep.equal(query);
  const url = new URL(`http://host${requestUrl(request)}`);
  expect(url.pathname, 'URL path').to.equal(expected.path);
  expect([...url.searchParams.entries()], 'query parsed from the URL').to.deep.equal(query);
  expect(request.headers['accept'], 'accept').to.equal(expected.accept);
  expect(request.headers['content-type'], 'content-type').to.equal(expected.contentType);
  if (expected.body === undefined) {
    expect(request.body, 'body').to.equal(undefined);
  } else {
    expect(request.body, 'body').to.be.a('string');
    expect(JSON.parse(request.body ?? ''), 'body').to.deep.equal(expected.body);
  }
}

const Widget = apiResource({ apiVersion: 'example.com/v1', kind: 'Widget', namespaced: true, subresources: ['status', 'scale'] });
const Gadget = apiResource({ apiVersion: 'example.com/v1alpha1', kind: 'Gadget', namespaced: false, subresources: ['status'] });

interface ScopeCase {
  name: string;
  resource: ResourceType;
  namespace: string | undefined;
  collection: string;
  /** Item verbs need a namespace this builder does not have. */
  itemNeedsNamespace: boolean;
}

const SCOPES: ScopeCase[] = [
  { name: 'a core kind in a namespace', resource: Pod, namespace: 'default', collection: '/api/v1/namespaces/default/pods', itemNeedsNamespace: false },
  { name: 'a grouped kind in a namespace', resource: Deployment, namespace: 'prod', collection: '/apis/apps/v1/namespaces/prod/deployments', itemNeedsNamespace: false },
  { name: 'a core kind across all namespaces', resource: Pod, namespace: undefined, collection: '/api/v1/pods', itemNeedsNamespace: true },
  { name: 'a grouped kind across all namespaces', resource: Deployment, namespace: undefined, collection: '/apis/apps/v1/deployments', itemNeedsNamespace: true },
  { name: 'a cluster-scoped core kind', resource: Node, namespace: undefined, collection: '/api/v1/nodes', itemNeedsNamespace: false },
  { name: 'a cluster-scoped grouped kind', resource: ClusterRole, namespace: undefined, collection: '/apis/rbac.authorization.k8s.io/v1/clusterroles', itemNeedsNamespace: false },
  { name: 'a dynamic namespaced kind', resource: Widget, namespace: 'team-a', collection: '/apis/example.com/v1/namespaces/team-a/widgets', itemNeedsNamespace: false },
  { name: 'a dynamic namespaced kind across all namespaces', resource: Widget, namespace: undefined, collection: '/apis/example.com/v1/widgets', itemNeedsNamespace: true },
  { name: 'a dynamic cluster-scoped kind', resource: Gadget, namespace: undefined, collection: '/apis/example.com/v1alpha1/gadgets', itemNeedsNamespace: false },
];

const DEFAULT_WATCH: [string, string][] = [
  ['watch', 'true'],
  ['timeoutSeconds', '290'],
  ['allowWatchBookmarks', 'true'],
];

const PATCH_TYPES: Record<PatchType, string> = {
  apply: 'application/apply-patch+yaml',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

function patchOf(type: PatchType): Patch {
  switch (type) {
    case 'apply':
      return Patch.apply({ apiVersion: 'v1', kind: 'X', metadata: { name: 'x' }, spec: { a: 1 } });
    case 'merge':
      return Patch.merge({ metadata: { labels: { a: null } } });
    case 'strategic':
      return Patch.strategic({ spec: { containers: [{ name: 'c', image: 'i' }] } });
    case 'json':
      return Patch.json([{ op: 'replace', path: '/spec/a', value: 2 }]);
  }
}

function bodyOf(patch: Patch): unknown {
  return patch.type === 'json' ? patch.operations : patch.body;
}

describe('RequestBuilder', () => {
  describe('constructor', () => {
    it('should refuse a namespace for a cluster-scoped resource', () => {
      for (const resource of [Node, Namespace, ClusterRole, CustomResourceDefinition, Gadget]) {
        const error = requestBuildError(() => new RequestBuilder(resource, 'default'));
        expect([error.reason, error.field], resource.kind).to.deep.equal(['InvalidNamespace', 'namespace']);
      }
    });

    for (const namespace of ['', 'Default', 'a_b', 'a.b', '-a', 'a-', 'x'.repeat(64), 'a/b']) {
      it(`should refuse the namespace ${JSON.stringify(namespace)}`, () => {
        const error = requestBuildError(() => new RequestBuilder(Pod, namespace));
        expect([error.reason, error.field]).to.deep.equal(['InvalidNamespace', 'namespace']);
      });
    }

    it('should accept DNS-label namespaces up to 63 characters', () => {
      for (const namespace of ['default', 'kube-system', 'a', '0', 'x'.repeat(63)]) {
        expect(new RequestBuilder(Pod, namespace).namespace).to.equal(namespace);
      }
    });
  });

  for (const scope of SCOPES) {
    describe(`for ${scope.name}`, () => {
      const builder = new RequestBuilder(scope.resource, scope.namespace);
      const item = `${scope.collection}/x`;

      it('should address the collection', () => {
        expect(builder.collectionPath()).to.equal(scope.collection);
      });

      describe('list', () => {
        it('should GET the collection with no query', () => {
          expectRequest(builder.list(), { method: 'GET', path: scope.collection, accept: JSON_TYPE });
        });

        it('should send every list param', () => {
          expectRequest(
            builder.list({
              labelSelector: 'app=web,tier in (b,a)',
              fieldSelector: 'metadata.name!=x',
              timeoutSeconds: 30,
              limit: 50,
              resourceVersion: '10',
              resourceVersionMatch: 'NotOlderThan',
            }),
            {
              method: 'GET',
              path: scope.collection,
              accept: JSON_TYPE,
              query: [
                ['labelSelector', 'app=web,tier in (a,b)'],
                ['fieldSelector', 'metadata.name!=x'],
                ['timeoutSeconds', '30'],
                ['limit', '50'],
                ['resourceVersion', '10'],
                ['resourceVersionMatch', 'NotOlderThan'],
              ],
            },
          );
        });
      });

      describe('listMetadata', () => {
        it('should ask for PartialObjectMetadataList', () => {
          expectRequest(builder.listMetadata({ limit: 1 }), { method: 'GET', path: scope.collection, accept: METADATA_LIST_ACCEPT, query: [['limit', '1']] });
        });
      });

      describe('watch', () => {
        it('should watch with bookmarks and the default timeout', () => {
          expectRequest(builder.watch(), { method: 'GET', path: scope.collection, accept: JSON_TYPE, query: DEFAULT_WATCH });
        });

        it('should put the resourceVersion last', () => {
          expectRequest(builder.watch({ labelSelector: { app: 'web' } }, '42'), {
            method: 'GET',
            path: scope.collection,
            accept: JSON_TYPE,
            query: [['watch', 'true'], ['timeoutSeconds', '290'], ['labelSelector', 'app=web'], ['allowWatchBookmarks', 'true'], ['resourceVersion', '42']],
          });
        });
      });

      describe('watchMetadata', () => {
        it('should ask for PartialObjectMetadata events', () => {
          expectRequest(builder.watchMetadata({}, '7'), {
            method: 'GET',
            path: scope.collection,
            accept: METADATA_ACCEPT,
            query: [...DEFAULT_WATCH, ['resourceVersion', '7']],
          });
        });
      });

      describe('deleteCollection', () => {
        it('should DELETE the collection with the selectors in the query and no body', () => {
          expectRequest(builder.deleteCollection({}, { labelSelector: 'app=web', fieldSelector: { 'metadata.name': 'x' } }), {
            method: 'DELETE',
            path: scope.collection,
            accept: JSON_TYPE,
            query: [
              ['labelSelector', 'app=web'],
              ['fieldSelector', 'metadata.name=x'],
            ],
          });
        });

        it('should send DeleteOptions in the body when delete params are set', () => {
          expectRequest(builder.deleteCollection({ propagationPolicy: 'Foreground', dryRun: true }, { labelSelector: '!canary' }), {
            method: 'DELETE',
            path: scope.collection,
            accept: JSON_TYPE,
            contentType: JSON_TYPE,
            query: [['labelSelector', '!canary']],
            body: { dryRun: ['All'], propagationPolicy: 'Foreground' },
          });
        });
      });

      describe('create', () => {
        const object = { apiVersion: scope.resource.apiVersion, kind: scope.resource.kind, metadata: { name: 'x' } };

        if (scope.itemNeedsNamespace) {
          it("should POST to the object's own namespace", () => {
            const inNs = { ...object, metadata: { name: 'x', namespace: 'from-body' } };
            const path = scope.collection.replace(/\/([a-z]+)$/, '/namespaces/from-body/$1');
            expectRequest(builder.create(inNs), { method: 'POST', path, accept: JSON_TYPE, contentType: JSON_TYPE, body: inNs });
          });

          it('should refuse an object without a namespace', () => {
            const error = requestBuildError(() => builder.create(object));
            expect([error.reason, error.field]).to.deep.equal(['InvalidNamespace', 'metadata.namespace']);
          });

          it("should refuse an object whose namespace is not a DNS label", () => {
            expect(requestBuildError(() => builder.create({ metadata: { name: 'x', namespace: 'Bad_NS' } })).reason).to.equal('InvalidNamespace');
          });
        } else {
          it('should POST the object as JSON to the collection', () => {
            expectRequest(builder.create(object, { dryRun: true, fieldManager: 'me', fieldValidation: 'Strict' }), {
              method: 'POST',
              path: scope.collection,
              accept: JSON_TYPE,
              contentType: JSON_TYPE,
              query: [['dryRun', 'All'], ['fieldManager', 'me'], ['fieldValidation', 'Strict']],
              body: object,
            });
          });
        }

        const builderNamespace = scope.namespace;
        if (builderNamespace !== undefined) {
          it("should accept the object's namespace when it matches", () => {
            const inNs = { ...object, metadata: { name: 'x', namespace: builderNamespace } };
            expectRequest(builder.create(inNs), { method: 'POST', path: scope.collection, accept: JSON_TYPE, contentType: JSON_TYPE, body: inNs });
          });

          it("should refuse an object whose namespace contradicts the builder's", () => {
            const error = requestBuildError(() => builder.create({ ...object, metadata: { name: 'x', namespace: 'other' } }));
            expect([error.reason, error.field]).to.deep.equal(['InvalidBody', 'metadata.namespace']);
          });
        }
      });

      if (scope.itemNeedsNamespace) {
        it('should refuse every item verb without a namespace', () => {
          const verbs: [string, () => unknown][] = [
            ['get', () => builder.get('x')],
            ['getMetadata', () => builder.getMetadata('x')],
            ['replace', () => builder.replace('x', { metadata: { name: 'x' } })],
            ['patch', () => builder.patch('x', Patch.merge({}))],
            ['patchMetadata', () => builder.patchMetadata('x', Patch.merge({}))],
            ['delete', () => builder.delete('x')],
            ['getSubresource', () => builder.getSubresource('status', 'x')],
            ['patchSubresource', () => builder.patchSubresource('status', 'x', Patch.merge({}))],
            ['replaceSubresource', () => builder.replaceSubresource('status', 'x', {})],
          ];
          for (const [verb, build] of verbs) {
            const error = requestBuildError(build);
            expect([error.reason, error.field], verb).to.deep.equal(['InvalidNamespace', 'namespace']);
          }
        });
        return;
      }

      describe('get', () => {
        it('should GET the item', () => {
          expectRequest(builder.get('x'), { method: 'GET', path: item, accept: JSON_TYPE });
        });

        it('should send a resourceVersion', () => {
          expectRequest(builder.get('x', { resourceVersion: '0' }), { method: 'GET', path: item, accept: JSON_TYPE, query: [['resourceVersion', '0']] });
        });
      });

      describe('getMetadata', () => {
        it('should ask for PartialObjectMetadata', () => {
          expectRequest(builder.getMetadata('x', { resourceVersion: '5' }), { method: 'GET', path: item, accept: METADATA_ACCEPT, query: [['resourceVersion', '5']] });
        });
      });

      describe('replace', () => {
        it('should PUT the object as JSON', () => {
          const object = { metadata: { name: 'x', resourceVersion: '3' }, spec: {} };
          expectRequest(builder.replace('x', object, { fieldManager: 'me' }), {
            method: 'PUT',
            path: item,
            accept: JSON_TYPE,
            contentType: JSON_TYPE,
            query: [['fieldManager', 'me']],
            body: object,
          });
        });

        it('should refuse an object whose name is not the one on the URL', () => {
          const error = requestBuildError(() => builder.replace('x', { metadata: { name: 'y' } }));
          expect([error.reason, error.field]).to.deep.equal(['InvalidBody', 'metadata.name']);
        });

        it('should refuse an object without a name, which the server would reject', () => {
          const error = requestBuildError(() => builder.replace('x', { metadata: {} }));
          expect([error.reason, error.field]).to.deep.equal(['InvalidBody', 'metadata.name']);
        });

        if (scope.namespace !== undefined) {
          it("should refuse an object whose namespace is not the builder's", () => {
            const error = requestBuildError(() => builder.replace('x', { metadata: { name: 'x', namespace: 'other' } }));
            expect([error.reason, error.field]).to.deep.equal(['InvalidBody', 'metadata.namespace']);
          });
        }
      });

      describe('patch', () => {
        for (const type of ['apply', 'merge', 'strategic', 'json'] as const) {
          it(`should PATCH with ${PATCH_TYPES[type]} for a ${type} patch`, () => {
            const patch = patchOf(type);
            const params = type === 'apply' ? { fieldManager: 'ctl', force: true } : {};
            expectRequest(builder.patch('x', patch, params), {
              method: 'PATCH',
              path: item,
              accept: JSON_TYPE,
              contentType: PATCH_TYPES[type],
              query: type === 'apply' ? [['force', 'true'], ['fieldManager', 'ctl']] : [],
              body: bodyOf(patch),
            });
          });
        }

        it('should send dryRun, force, fieldManager and fieldValidation', () => {
          expectRequest(builder.patch('x', Patch.apply({}), { dryRun: true, force: true, fieldManager: 'm', fieldValidation: 'Ignore' }), {
            method: 'PATCH',
            path: item,
            accept: JSON_TYPE,
            contentType: PATCH_TYPES.apply,
            query: [['dryRun', 'All'], ['force', 'true'], ['fieldManager', 'm'], ['fieldValidation', 'Ignore']],
            body: {},
          });
        });

        it('should refuse apply without a field manager', () => {
          expect(requestBuildError(() => builder.patch('x', Patch.apply({}))).field).to.equal('PatchParams.fieldManager');
        });

        it('should refuse force with a merge patch', () => {
          expect(requestBuildError(() => builder.patch('x', Patch.merge({}), { force: true })).field).to.equal('PatchParams.force');
        });
      });

      describe('patchMetadata', () => {
        it('should PATCH asking for PartialObjectMetadata', () => {
          expectRequest(builder.patchMetadata('x', Patch.merge({ metadata: { finalizers: null } })), {
            method: 'PATCH',
            path: item,
            accept: METADATA_ACCEPT,
            contentType: PATCH_TYPES.merge,
            body: { metadata: { finalizers: null } },
          });
        });
      });

      describe('delete', () => {
        it('should DELETE the item with an empty DeleteOptions body', () => {
          expectRequest(builder.delete('x'), { method: 'DELETE', path: item, accept: JSON_TYPE, contentType: JSON_TYPE, body: {} });
        });

        it('should put every delete param in the body, none in the query', () => {
          expectRequest(
            builder.delete('x', { dryRun: true, gracePeriodSeconds: 0, propagationPolicy: 'Background', preconditions: { uid: 'u1', resourceVersion: '9' } }),
            {
              method: 'DELETE',
              path: item,
              accept: JSON_TYPE,
              contentType: JSON_TYPE,
              body: { dryRun: ['All'], gracePeriodSeconds: 0, propagationPolicy: 'Background', preconditions: { uid: 'u1', resourceVersion: '9' } },
            },
          );
        });

        it('should refuse bad delete params', () => {
          expect(requestBuildError(() => builder.delete('x', { gracePeriodSeconds: -1 })).field).to.equal('DeleteParams.gracePeriodSeconds');
        });
      });
    });
  }

  describe('names', () => {
    const pods = new RequestBuilder(Pod, 'default');

    for (const name of ['', '.', '..', 'a/b', 'a%2Fb', '%']) {
      it(`should refuse the name ${JSON.stringify(name)}`, () => {
        const error = requestBuildError(() => pods.get(name));
        expect([error.reason, error.field]).to.deep.equal(['InvalidName', 'name']);
      });
    }

    it('should keep colons, as RBAC names use them', () => {
      const roles = new RequestBuilder(ClusterRole);
      expectRequest(roles.get('system:controller:job-controller'), {
        method: 'GET',
        path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/system:controller:job-controller',
        accept: JSON_TYPE,
      });
    });

    it('should percent-encode characters that would end the path', () => {
      const roles = new RequestBuilder(ClusterRole);
      const request = roles.get('a b?c#d');
      expect(request.path).to.equal('/apis/rbac.authorization.k8s.io/v1/clusterroles/a%20b%3Fc%23d');
      expect(decodeURIComponent(new URL(`http://host${requestUrl(request)}`).pathname.split('/').pop() ?? '')).to.equal('a b?c#d');
    });
  });

  describe('query canonical form', () => {
    const pods = new RequestBuilder(Pod, 'default');

    it('should omit empty selectors, an empty continue token and an empty resourceVersion', () => {
      expectRequest(pods.list({ labelSelector: '', fieldSelector: {}, continueToken: '', resourceVersion: '' }), {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods',
        accept: JSON_TYPE,
      });
      expectRequest(pods.get('p', { resourceVersion: '' }), { method: 'GET', path: '/api/v1/namespaces/default/pods/p', accept: JSON_TYPE });
      expectRequest(pods.watch({}, ''), { method: 'GET', path: '/api/v1/namespaces/default/pods', accept: JSON_TYPE, query: DEFAULT_WATCH });
    });

    it('should omit limit 0, which means no limit', () => {
      expectRequest(pods.list({ limit: 0 }), { method: 'GET', path: '/api/v1/namespaces/default/pods', accept: JSON_TYPE });
    });

    it('should omit an empty field manager, which the server reads as unset', () => {
      expectRequest(pods.create({ metadata: { name: 'p' } }, { fieldManager: '' }), {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods',
        accept: JSON_TYPE,
        contentType: JSON_TYPE,
        body: { metadata: { name: 'p' } },
      });
      expectRequest(pods.patch('p', Patch.merge({}), { fieldManager: '' }), {
        method: 'PATCH',
        path: '/api/v1/namespaces/default/pods/p',
        accept: JSON_TYPE,
        contentType: PATCH_TYPES.merge,
        body: {},
      });
    });

    it('should send the continue token with the page size', () => {
      expectRequest(pods.list({ limit: 100, continueToken: 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ==' }), {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods',
        accept: JSON_TYPE,
        query: [['limit', '100'], ['continue', 'eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ==']],
      });
    });

    it('should send the list timeout as timeoutSeconds (kube-rs drops it)', () => {
      expect(pods.list({ timeoutSeconds: 5 }).query).to.deep.equal([['timeoutSeconds', '5']]);
    });

    it('should validate list params in list, listMetadata and deleteCollection', () => {
      const bad = { resourceVersionMatch: 'Exact' } as const;
      for (const build of [() => pods.list(bad), () => pods.listMetadata(bad), () => pods.deleteCollection({}, bad)]) {
        expect(requestBuildError(build).field).to.equal('ListParams.resourceVersionMatch');
      }
    });
  });

  describe('watch params', () => {
    const pods = new RequestBuilder(Pod, 'default');

    it('should send a timeout of an hour as asked, with no 295 s cap', () => {
      expect(pods.watch({ timeoutSeconds: 3600 }).query).to.deep.include(['timeoutSeconds', '3600']);
    });

    it('should leave bookmarks out when they are turned off', () => {
      expect(pods.watch({ allowWatchBookmarks: false }).query).to.deep.equal([['watch', 'true'], ['timeoutSeconds', '290']]);
    });

    it('should ask for a streaming list with sendInitialEvents and NotOlderThan', () => {
      expect(pods.watch({ sendInitialEvents: true, fieldSelector: 'metadata.name=p' }, '').query).to.deep.equal([
        ['watch', 'true'],
        ['timeoutSeconds', '290'],
        ['fieldSelector', 'metadata.name=p'],
        ['allowWatchBookmarks', 'true'],
        ['sendInitialEvents', 'true'],
        ['resourceVersionMatch', 'NotOlderThan'],
      ]);
    });

    it('should refuse a streaming list without bookmarks', () => {
      expect(requestBuildError(() => pods.watch({ sendInitialEvents: true, allowWatchBookmarks: false })).field).to.equal('WatchParams.sendInitialEvents');
    });
  });

  describe('subresources', () => {
    const pods = new RequestBuilder(Pod, 'default');
    const deployments = new RequestBuilder(Deployment, 'default');

    const cases: { name: string; builder: RequestBuilder; subresource: Parameters<RequestBuilder['getSubresource']>[0]; path: string }[] = [
      { name: 'pod status', builder: pods, subresource: 'status', path: '/api/v1/namespaces/default/pods/x/status' },
      { name: 'pod ephemeralcontainers', builder: pods, subresource: 'ephemeralcontainers', path: '/api/v1/namespaces/default/pods/x/ephemeralcontainers' },
      { name: 'pod resize (InPlacePodVerticalScaling)', builder: pods, subresource: 'resize', path: '/api/v1/namespaces/default/pods/x/resize' },
      { name: 'deployment scale', builder: deployments, subresource: 'scale', path: '/apis/apps/v1/namespaces/default/deployments/x/scale' },
      { name: 'deployment status', builder: deployments, subresource: 'status', path: '/apis/apps/v1/namespaces/default/deployments/x/status' },
      { name: 'statefulset scale', builder: new RequestBuilder(StatefulSet, 'db'), subresource: 'scale', path: '/apis/apps/v1/namespaces/db/statefulsets/x/scale' },
      { name: 'replicationcontroller scale', builder: new RequestBuilder(ReplicationController, 'default'), subresource: 'scale', path: '/api/v1/namespaces/default/replicationcontrollers/x/scale' },
      { name: 'node status (cluster, core)', builder: new RequestBuilder(Node), subresource: 'status', path: '/api/v1/nodes/x/status' },
      { name: 'namespace status', builder: new RequestBuilder(Namespace), subresource: 'status', path: '/api/v1/namespaces/x/status' },
      { name: 'namespace finalize', builder: new RequestBuilder(Namespace), subresource: 'finalize', path: '/api/v1/namespaces/x/finalize' },
      { name: 'CRD status (cluster, grouped)', builder: new RequestBuilder(CustomResourceDefinition), subresource: 'status', path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/x/status' },
      { name: 'CSR approval', builder: new RequestBuilder(CertificateSigningRequest), subresource: 'approval', path: '/apis/certificates.k8s.io/v1/certificatesigningrequests/x/approval' },
      { name: 'custom resource scale', builder: new RequestBuilder(Widget, 'team-a'), subresource: 'scale', path: '/apis/example.com/v1/namespaces/team-a/widgets/x/scale' },
      { name: 'cluster custom resource status', builder: new RequestBuilder(Gadget), subresource: 'status', path: '/apis/example.com/v1alpha1/gadgets/x/status' },
    ];

    for (const c of cases) {
      describe(c.name, () => {
        it('should GET it', () => {
          expectRequest(c.builder.getSubresource(c.subresource, 'x'), { method: 'GET', path: c.path, accept: JSON_TYPE });
        });

        it('should PUT it', () => {
          const body = { apiVersion: 'v1', kind: 'X', metadata: { name: 'x' } };
          expectRequest(c.builder.replaceSubresource(c.subresource, 'x', body, { dryRun: true }), {
            method: 'PUT',
            path: c.path,
            accept: JSON_TYPE,
            contentType: JSON_TYPE,
            query: [['dryRun', 'All']],
            body,
          });
        });

        it('should PATCH it with every patch kind', () => {
          for (const type of ['apply', 'merge', 'strategic', 'json'] as const) {
            const patch = patchOf(type);
            expectRequest(c.builder.patchSubresource(c.subresource, 'x', patch, type === 'apply' ? { fieldManager: 'ctl' } : {}), {
              method: 'PATCH',
              path: c.path,
              accept: JSON_TYPE,
              contentType: PATCH_TYPES[type],
              query: type === 'apply' ? [['fieldManager', 'ctl']] : [],
              body: bodyOf(patch),
            });
          }
        });
      });
    }

    it('should POST a service account token request', () => {
      const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: ['api'], expirationSeconds: 600 } };
      expectRequest(new RequestBuilder(ServiceAccount, 'default').createSubresource('token', 'builder', body), {
        method: 'POST',
        path: '/api/v1/namespaces/default/serviceaccounts/builder/token',
        accept: JSON_TYPE,
        contentType: JSON_TYPE,
        body,
      });
    });

    it('should refuse a non-object subresource body', () => {
      const error = requestBuildError(() => new RequestBuilder(ServiceAccount, 'default').createSubresource('token', 'sa', [1]));
      expect([error.reason, error.field]).to.deep.equal(['InvalidBody', 'body']);
    });

    it('should refuse a subresource the kind does not serve', () => {
      const unsupported: [RequestBuilder, Parameters<RequestBuilder['getSubresource']>[0]][] = [
        [new RequestBuilder(ConfigMap, 'default'), 'status'],
        [deployments, 'log'],
        [new RequestBuilder(Node), 'scale'],
        [new RequestBuilder(ClusterRole), 'status'],
        [pods, 'scale'],
        [new RequestBuilder(Gadget), 'scale'],
      ];
      for (const [builder, subresource] of unsupported) {
        for (const build of [
          () => builder.getSubresource(subresource, 'x'),
          () => builder.patchSubresource(subresource, 'x', Patch.merge({})),
          () => builder.replaceSubresource(subresource, 'x', {}),
          () => builder.createSubresource(subresource, 'x', {}),
        ]) {
          const error = requestBuildError(build);
          expect([error.reason, error.field], `${builder.resource.plural}/${subresource}`).to.deep.equal(['UnsupportedSubresource', 'subresource']);
        }
      }
    });

    it('should refuse the pod-only subresources on other kinds', () => {
      for (const build of [
        () => deployments.logs('x'),
        () => deployments.evict('x'),
        () => deployments.binding('x', 'n'),
        () => deployments.exec('x', ['sh']),
        () => deployments.attach('x'),
        () => deployments.portforward('x', [80]),
      ]) {
        expect(requestBuildError(build).reason).to.equal('UnsupportedSubresource');
      }
    });

    it('should refuse the pod subresources across all namespaces', () => {
      const all = new RequestBuilder(Pod);
      for (const build of [() => all.logs('x'), () => all.evict('x'), () => all.exec('x', ['sh']), () => all.attach('x'), () => all.portforward('x', [80])]) {
        expect(requestBuildError(build).reason).to.equal('InvalidNamespace');
      }
    });
  });

  describe('logs', () => {
    const pods = new RequestBuilder(Pod, 'default');

    it('should GET the log with no query by default', () => {
      expectRequest(pods.logs('web'), { method: 'GET', path: '/api/v1/namespaces/default/pods/web/log' });
    });

    it('should send every log param', () => {
      expectRequest(
        pods.logs('web', { container: 'app', follow: true, limitBytes: 1024, pretty: true, previous: true, sinceTime: '2024-05-01T12:00:00.250+02:00', tailLines: 10, timestamps: true }),
        {
          method: 'GET',
          path: '/api/v1/namespaces/default/pods/web/log',
          query: [
            ['container', 'app'],
            ['follow', 'true'],
            ['limitBytes', '1024'],
            ['pretty', 'true'],
            ['previous', 'true'],
            ['sinceTime', '2024-05-01T10:00:00Z'],
            ['tailLines', '10'],
            ['timestamps', 'true'],
          ],
        },
      );
    });

    it('should send sinceSeconds', () => {
      expect(pods.logs('web', { sinceSeconds: 60 }).query).to.deep.equal([['sinceSeconds', '60']]);
    });

    it('should send tailLines 0', () => {
      expect(pods.logs('web', { tailLines: 0 }).query).to.deep.equal([['tailLines', '0']]);
    });

    it('should refuse sinceSeconds with sinceTime', () => {
      expect(requestBuildError(() => pods.logs('web', { sinceSeconds: 1, sinceTime: new Date(0) })).field).to.equal('LogParams.sinceTime');
    });
  });

  describe('evict', () => {
    const pods = new RequestBuilder(Pod, 'default');

    it('should POST a policy/v1 Eviction', () => {
      expectRequest(pods.evict('web'), {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods/web/eviction',
        accept: JSON_TYPE,
        contentType: JSON_TYPE,
        body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'web', namespace: 'default' } },
      });
    });

    it('should carry DeleteOptions under deleteOptions, not delete_options', () => {
      const request = pods.evict('web', { deleteOptions: { gracePeriodSeconds: 5, preconditions: { uid: 'u' } }, postParams: { dryRun: true } });
      expectRequest(request, {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods/web/eviction',
        accept: JSON_TYPE,
        contentType: JSON_TYPE,
        query: [['dryRun', 'All']],
        body: {
          apiVersion: 'policy/v1',
          kind: 'Eviction',
          metadata: { name: 'web', namespace: 'default' },
          deleteOptions: { gracePeriodSeconds: 5, preconditions: { uid: 'u' } },
        },
      });
      expect(request.body).to.not.include('delete_options');
    });

    it('should validate the delete options and post params', () => {
      expect(requestBuildError(() => pods.evict('web', { deleteOptions: { gracePeriodSeconds: -2 } })).field).to.equal('DeleteParams.gracePeriodSeconds');
      expect(requestBuildError(() => pods.evict('web', { postParams: { fieldManager: 'x'.repeat(129) } })).field).to.equal('EvictParams.postParams.fieldManager');
    });
  });

  describe('binding', () => {
    it('should POST a v1 Binding to the node', () => {
      expectRequest(new RequestBuilder(Pod, 'default').binding('web', 'node-1', { dryRun: true }), {
        method: 'POST',
        path: '/api/v1/namespaces/default/pods/web/binding',
        accept: JSON_TYPE,
        contentType: JSON_TYPE,
        query: [['dryRun', 'All']],
        body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'web', namespace: 'default' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } },
      });
    });
  });

  describe('exec', () => {
    const pods = new RequestBuilder(Pod, 'default');

    it('should repeat command once per argument, then the streams', () => {
      const request = pods.exec('web', ['sh', '-c', 'echo hi && ls'], { container: 'app' });
      expectRequest(request, {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods/web/exec',
        query: [
          ['command', 'sh'],
          ['command', '-c'],
          ['command', 'echo hi && ls'],
          ['container', 'app'],
          ['stdout', 'true'],
          ['stderr', 'true'],
        ],
      });
      expect(requestUrl(request)).to.equal('/api/v1/namespaces/default/pods/web/exec?command=sh&command=-c&command=echo%20hi%20%26%26%20ls&container=app&stdout=true&stderr=true');
    });

    it('should ask for stdin and a terminal without stderr', () => {
      expect(pods.exec('web', ['bash'], { stdin: true, tty: true }).query).to.deep.equal([
        ['command', 'bash'],
        ['stdin', 'true'],
        ['stdout', 'true'],
        ['tty', 'true'],
      ]);
    });

    it('should refuse an empty command and bad streams', () => {
      expect(requestBuildError(() => pods.exec('web', [])).field).to.equal('command');
      expect(requestBuildError(() => pods.exec('web', ['sh'], { tty: true, stderr: true })).field).to.equal('AttachParams.stderr');
    });
  });

  describe('attach', () => {
    const pods = new RequestBuilder(Pod, 'default');

    it('should GET attach with the streams', () => {
      expectRequest(pods.attach('web', { container: 'app', stdin: true }), {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods/web/attach',
        query: [['container', 'app'], ['stdin', 'true'], ['stdout', 'true'], ['stderr', 'true']],
      });
    });

    it('should refuse no streams', () => {
      expect(requestBuildError(() => pods.attach('web', { stdout: false, stderr: false })).field).to.equal('AttachParams');
    });
  });

  describe('portforward', () => {
    const pods = new RequestBuilder(Pod, 'default');

    it('should GET portforward with the ports', () => {
      expectRequest(pods.portforward('web', [80, 8443]), {
        method: 'GET',
        path: '/api/v1/namespaces/default/pods/web/portforward',
        query: [['ports', '80,8443']],
      });
    });

    it('should refuse bad ports', () => {
      expect(requestBuildError(() => pods.portforward('web', [])).field).to.equal('ports');
      expect(requestBuildError(() => pods.portforward('web', [70000])).field).to.equal('ports[0]');
    });
  });
});
