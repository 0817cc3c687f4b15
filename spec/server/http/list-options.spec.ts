import { expect } from 'chai';
import { isApiError, type ApiError } from '../../../lib/core/index.js';
import { parseListOptions } from '../../../lib/server/http/list-options.js';
import { ResourceRegistry } from '../../../lib/server/registry/resource-registry.js';

const registry = new ResourceRegistry();
const pods = registry.find('', 'v1', 'pods');
const configmaps = registry.find('', 'v1', 'configmaps');

function failure(query: string, kind = configmaps): ApiError {
  try {
    parseListOptions(new URLSearchParams(query), kind!);
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error(`expected ${query} to fail`);
}

describe('parseListOptions', () => {
  it('should read selectors, limit, continue and bookmarks', () => {
    const options = parseListOptions(new URLSearchParams('labelSelector=app%3Dweb&limit=5&watch=1&allowWatchBookmarks=True'), configmaps!);
    expect(options.labelSelector).to.deep.equal([{ key: 'app', operator: 'Equals', values: ['web'] }]);
    expect(options).to.deep.include({ limit: 5, watch: true, allowWatchBookmarks: true, filtered: true });
  });

  it('should accept the field labels a kind supports', () => {
    const options = parseListOptions(new URLSearchParams('fieldSelector=status.phase%3DRunning,spec.nodeName%3Dn1'), pods!);
    expect(options.fieldSelector.map((r) => r.field)).to.deep.equal(['status.phase', 'spec.nodeName']);
  });

  it('should answer 400 field label not supported for a kind with its own conversion', () => {
    const error = failure('fieldSelector=status.hostIP%3D1.2.3.4', pods);
    expect(error.status).to.deep.include({ code: 400, reason: 'BadRequest', message: 'field label not supported: status.hostIP' });
  });

  it('should answer 400 with the default conversion message for other kinds', () => {
    expect(failure('fieldSelector=data.a%3Db').status.message).to.equal('"data.a" is not a known field selector: only "metadata.name", "metadata.namespace"');
  });

  it('should refuse resourceVersionMatch without resourceVersion (422 ListOptions)', () => {
    const error = failure('resourceVersionMatch=Exact');
    expect(error.status).to.deep.include({
      code: 422,
      reason: 'Invalid',
      message: 'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
    });
    expect(error.status.details).to.deep.include({ group: 'meta.k8s.io', kind: 'ListOptions' });
    expect(error.status.details, 'an empty name is omitted, as Go omits it').to.not.have.property('name');
  });

  it('should refuse Exact with resourceVersion 0', () => {
    expect(failure('resourceVersion=0&resourceVersionMatch=Exact').status.message).to.equal(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"',
    );
  });

  it('should refuse sendInitialEvents on a list', () => {
    expect(failure('sendInitialEvents=true').status.message).to.equal(
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for list',
    );
  });

  it('should refuse resourceVersionMatch on a watch without sendInitialEvents', () => {
    expect(failure('watch=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true').status.message).to.equal(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided',
    );
  });

  it('should refuse sendInitialEvents without NotOlderThan', () => {
    expect(failure('watch=true&sendInitialEvents=true&allowWatchBookmarks=true').status.message).to.equal(
      'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan',
    );
  });

  it('should answer 400 for a malformed resourceVersion, with kube-apiserver\'s message (it answers 500)', () => {
    const error = failure('resourceVersion=abc');
    expect(error.status.code).to.equal(400);
    expect(error.status.message).to.equal('resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax');
    expect(failure('resourceVersion=abc&resourceVersionMatch=Exact').status.message).to.equal(
      'invalid resource version: resourceVersion: Invalid value: "abc": strconv.ParseUint: parsing "abc": invalid syntax',
    );
  });

  it('should answer 400 for an unparsable label selector', () => {
    expect(failure('labelSelector=app%20in%20(web').status.code).to.equal(400);
  });
});
