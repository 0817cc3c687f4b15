// Specs of Discovery: aggregated (v2) by content negotiation, legacy fallback, resolve and lookup.
import { expect } from 'chai';
import { Client } from '../../../lib/client/client.js';
import { AGGREGATED_DISCOVERY_ACCEPT, Discovery, isAggregatedContentType } from '../../../lib/client/discovery/discovery.js';
import { isDiscoveryError } from '../../../lib/client/discovery/discovery-error.js';
import { fakeFetch, headerValues, json, text, urlOf, type FetchStub } from '../../helpers/fake-fetch.js';

const V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

const aggregatedApi = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: { name: '', creationTimestamp: null },
      versions: [
        {
          version: 'v1',
          freshness: 'Current',
          resources: [
            {
              resource: 'pods',
              responseKind: { group: '', version: 'v1', kind: 'Pod' },
              scope: 'Namespaced',
              singularResource: 'pod',
              verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
              shortNames: ['po'],
              categories: ['all'],
              subresources: [
                { subresource: 'log', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get'] },
                { subresource: 'status', responseKind: { group: '', version: 'v1', kind: 'Pod' }, verbs: ['get', 'patch', 'update'] },
              ],
            },
            { resource: 'namespaces', responseKind: { group: '', version: 'v1', kind: 'Namespace' }, scope: 'Cluster', singularResource: 'namespace', verbs: ['get', 'list'], shortNames: ['ns'] },
          ],
        },
      ],
    },
  ],
};

const aggregatedApis = {
  kind: 'APIGroupDiscoveryList',
  apiVersion: 'apidiscovery.k8s.io/v2',
  metadata: {},
  items: [
    {
      metadata: { name: 'apps' },
      versions: [
        {
          version: 'v1',
          resources: [
            {
              resource: 'deployments',
              responseKind: { group: 'apps', version: 'v1', kind: 'Deployment' },
              scope: 'Namespaced',
              singularResource: 'deployment',
              verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'],
              shortNames: ['deploy'],
              subresources: [{ subresource: 'scale', responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' }, verbs: ['get', 'patch', 'update'] }],
            },
          ],
        },
      ],
    },
    {
      metadata: { name: 'example.com' },
      versions: [
        { version: 'v2', resources: [{ resource: 'widgets', responseKind: { group: 'example.com', version: 'v2', kind: 'Widget' }, scope: 'Namespaced', singularResource: 'widget', verbs: ['get', 'list'], shortNames: ['wd'] }] },
        { version: 'v1', resources: [{ resource: 'widgets', responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' }, scope: 'Namespaced', singularResource: 'widget', verbs: ['get', 'list'] }] },
      ],
    },
  ],
};

const legacyApi = { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
const legacyApis = {
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: [
    { name: 'apps', versions: [{ groupVersion: 'apps/v1', version: 'v1' }], preferredVersion: { groupVersion: 'apps/v1', version: 'v1' } },
    { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' } },
  ],
};
const legacyCoreV1 = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['create', 'get', 'list', 'watch'], shortNames: ['po'], categories: ['all'] },
    { name: 'pods/eviction', singularName: '', namespaced: true, group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] },
    { name: 'pods/status', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get', 'patch', 'update'] },
    { name: 'nodes', singularName: 'node', namespaced: false, kind: 'Node', verbs: ['get', 'list'], shortNames: ['no'] },
  ],
};
const legacyAppsV1 = {
  kind: 'APIResourceList',
  groupVersion: 'apps/v1',
  resources: [
    { name: 'deployments', singularName: 'deployment', namespaced: true, kind: 'Deployment', verbs: ['get', 'list'], shortNames: ['deploy'] },
    { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] },
  ],
};

describe('Discovery', () => {
  let fetch: FetchStub;
  let client: Client;

  const route = (routes: Record<string, (accept: string) => Response>): void => {
    fetch.callsFake((url, init) => {
      const path = new URL(url).pathname;
      const answer = routes[path];
      const accept = init.headers.find(([name]) => name.toLowerCase() === 'accept')?.[1] ?? '';
      return Promise.resolve(answer === undefined ? text(404, '404 page not found') : answer(accept));
    });
  };

  beforeEach(() => {
    fetch = fakeFetch();
    client = new Client({ baseUrl: 'https://k8s.test', fetch, sleep: () => Promise.resolve() });
  });

  describe('aggregated', () => {
    beforeEach(() => route({ '/api': () => json(200, aggregatedApi, { 'content-type': V2 }), '/apis': () => json(200, aggregatedApis, { 'content-type': V2 }) }));

    it('should ask /api and /apis for aggregated discovery, and make no other request', async () => {
      const discovery = await Discovery.run(client);
      expect(discovery.mode).to.equal('aggregated');
      expect(fetch.callCount).to.equal(2);
      expect(headerValues(fetch, 'accept', 0)).to.deep.equal([AGGREGATED_DISCOVERY_ACCEPT]);
      expect(fetch.getCalls().map((c) => new URL(c.args[0]).pathname).sort()).to.deep.equal(['/api', '/apis']);
    });

    it('should list groups in server order with versions by priority', async () => {
      const discovery = await Discovery.run(client);
      expect(discovery.groups().map((g) => [g.name, g.versions, g.preferredVersion])).to.deep.equal([
        ['', ['v1'], 'v1'],
        ['apps', ['v1'], 'v1'],
        ['example.com', ['v2', 'v1'], 'v2'],
      ]);
    });

    it('should describe resources with verbs, scope and subresources', async () => {
      const discovery = await Discovery.run(client);
      const pods = discovery.find('v1', 'Pod');
      expect(pods.verbs).to.include('watch');
      expect(pods.resource).to.deep.include({ group: '', version: 'v1', apiVersion: 'v1', kind: 'Pod', plural: 'pods', singular: 'pod', namespaced: true, shortNames: ['po'], categories: ['all'] });
      expect(pods.resource.subresources).to.deep.equal(['log', 'status']);
      expect(discovery.resolve('v1', 'Namespace').namespaced).to.equal(false);
      const deployments = discovery.find('apps/v1', 'Deployment');
      expect(deployments.subresources).to.deep.equal([{ name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'] }]);
    });

    it('should resolve apiVersion + kind to an ApiResource, and refuse unknown ones', async () => {
      const discovery = await Discovery.run(client);
      expect(discovery.resolve('example.com/v1', 'Widget').apiVersion).to.equal('example.com/v1');
      for (const [apiVersion, kind] of [
        ['example.com/v3', 'Widget'],
        ['example.com/v1', 'Gadget'],
        ['nothing.io/v1', 'Widget'],
      ] as const) {
        const error = (() => {
          try {
            discovery.resolve(apiVersion, kind);
          } catch (e) {
            return e;
          }
          return undefined;
        })();
        expect(isDiscoveryError(error) && error.reason, `${apiVersion} ${kind}`).to.equal('NotFound');
      }
    });

    it('should resolve a kind at the preferred version, and kubectl-style names', async () => {
      const discovery = await Discovery.run(client);
      expect(discovery.resolveKind('example.com', 'Widget').version).to.equal('v2');
      expect(discovery.lookup('deploy').kind).to.equal('Deployment');
      expect(discovery.lookup('deployments.apps').kind).to.equal('Deployment');
      expect(discovery.lookup('Pod').plural).to.equal('pods');
      expect(discovery.lookup('widgets.example.com').version).to.equal('v2');
      expect(() => discovery.lookup('gadgets')).to.throw(/doesn't have a resource type "gadgets"/);
    });

    it('should keep only the requested groups', async () => {
      const discovery = await Discovery.run(client, { groups: ['apps'] });
      expect(discovery.groups().map((g) => g.name)).to.deep.equal(['apps']);
      expect(discovery.hasGroup('')).to.equal(false);
    });
  });

  describe('legacy', () => {
    const legacyRoutes = {
      '/api': () => json(200, legacyApi),
      '/apis': () => json(200, legacyApis),
      '/api/v1': () => json(200, legacyCoreV1),
      '/apis/apps/v1': () => json(200, legacyAppsV1),
      '/apis/metrics.k8s.io/v1beta1': () => text(503, 'service unavailable'),
    };

    it('should fall back to legacy discovery when the server answers plain application/json', async () => {
      route(legacyRoutes);
      const discovery = await Discovery.run(client);
      expect(discovery.mode).to.equal('legacy');
      expect(discovery.groups().map((g) => g.name)).to.deep.equal(['', 'apps']);
      const pods = discovery.find('v1', 'Pod');
      expect(pods.resource.subresources).to.deep.equal(['eviction', 'status']);
      expect(pods.subresources.map((s) => s.name)).to.deep.equal(['eviction', 'status']);
      expect(discovery.resolve('v1', 'Node').namespaced).to.equal(false);
      expect(discovery.find('apps/v1', 'Deployment').subresources).to.deep.equal([{ name: 'scale', kind: 'Scale', verbs: ['get', 'patch', 'update'] }]);
    });

    it('should not re-fetch /api and /apis it already has', async () => {
      route(legacyRoutes);
      await Discovery.run(client);
      const paths = fetch.getCalls().map((c) => new URL(c.args[0]).pathname);
      expect(paths.filter((p) => p === '/apis')).to.have.length(1);
      expect(paths.filter((p) => p === '/api')).to.have.length(1);
    });

    it('should record a failing group version and go on', async () => {
      route(legacyRoutes);
      const discovery = await Discovery.run(client);
      expect(discovery.failed.map((f) => f.groupVersion)).to.deep.equal(['metrics.k8s.io/v1beta1']);
      expect(discovery.hasGroup('metrics.k8s.io')).to.equal(false);
    });

    it('should use legacy discovery unless both /api and /apis are aggregated', async () => {
      route({ ...legacyRoutes, '/api': (accept) => (accept.includes('apidiscovery') ? json(200, aggregatedApi, { 'content-type': V2 }) : json(200, legacyApi)) });
      const discovery = await Discovery.run(client);
      expect(discovery.mode).to.equal('legacy');
      expect(discovery.resolve('v1', 'Pod').plural).to.equal('pods');
    });

    it('should tolerate a 404 on /api', async () => {
      route({ '/apis': () => json(200, aggregatedApis, { 'content-type': V2 }) });
      const discovery = await Discovery.run(client);
      expect(discovery.mode).to.equal('aggregated');
      expect(discovery.hasGroup('apps')).to.equal(true);
    });

    it('should walk every group version with mode legacy', async () => {
      route(legacyRoutes);
      await Discovery.run(client, { mode: 'legacy', groups: ['apps'] });
      const paths = fetch.getCalls().map((c) => new URL(c.args[0]).pathname);
      expect(paths).to.include('/apis/apps/v1').and.not.include('/api/v1');
      expect(headerValues(fetch, 'accept', 0)).to.deep.equal(['application/json']);
      expect(urlOf(fetch, 0)).to.equal('https://k8s.test/api');
    });
  });

  it('should reject an /apis document of the wrong shape with InvalidDocument', async () => {
    route({ '/api': () => json(200, aggregatedApi, { 'content-type': V2 }), '/apis': () => json(200, { kind: 'Other' }, { 'content-type': V2 }) });
    const error = await Discovery.run(client).catch((e: unknown) => e);
    expect(isDiscoveryError(error) && error.reason).to.equal('InvalidDocument');
  });
});

describe('isAggregatedContentType', () => {
  it('should recognise v2 and v2beta1 in any parameter order', () => {
    expect(isAggregatedContentType(V2)).to.equal(true);
    expect(isAggregatedContentType('application/json; as=APIGroupDiscoveryList; v=v2beta1; g=apidiscovery.k8s.io')).to.equal(true);
  });

  it('should refuse plain JSON and other documents', () => {
    expect(isAggregatedContentType('application/json')).to.equal(false);
    expect(isAggregatedContentType('application/json;g=meta.k8s.io;v=v1;as=Table')).to.equal(false);
    expect(isAggregatedContentType(null)).to.equal(false);
  });
});
