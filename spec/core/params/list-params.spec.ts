// Checks list params against the API server's ListOptions validation and list semantics table.
import { expect } from 'chai';
import { validateListParams, type ListParams } from '../../../lib/core/params/list-params.js';
import { requestBuildError } from '../../helpers/errors.js';

describe('validateListParams', () => {
  describe('resourceVersion and resourceVersionMatch (apiserver-semantics §4)', () => {
    // [params, accepted?] — each row of the "resourceVersionMatch and paging parameters for list" table.
    const table: [string, ListParams, string | undefined][] = [
      ['unset match, no limit, RV unset (most recent)', {}, undefined],
      ['unset match, no limit, RV "0" (any)', { resourceVersion: '0' }, undefined],
      ['unset match, no limit, RV "N" (not older than)', { resourceVersion: '42' }, undefined],
      ['unset match, limit, RV unset', { limit: 10 }, undefined],
      ['unset match, limit, RV "0"', { limit: 10, resourceVersion: '0' }, undefined],
      ['unset match, limit, RV "N" (exact)', { limit: 10, resourceVersion: '42' }, undefined],
      ['unset match, limit + continue, RV unset', { limit: 10, continueToken: 'abc' }, undefined],
      ['unset match, limit + continue, RV "0" (treated as continue)', { limit: 10, continueToken: 'abc', resourceVersion: '0' }, undefined],
      ['unset match, limit + continue, RV "N" (400)', { limit: 10, continueToken: 'abc', resourceVersion: '42' }, 'ListParams.resourceVersion'],
      ['Exact, RV unset', { resourceVersionMatch: 'Exact' }, 'ListParams.resourceVersionMatch'],
      ['Exact, RV ""', { resourceVersionMatch: 'Exact', resourceVersion: '' }, 'ListParams.resourceVersionMatch'],
      ['Exact, RV "0"', { resourceVersionMatch: 'Exact', resourceVersion: '0' }, 'ListParams.resourceVersionMatch'],
      ['Exact, RV "N"', { resourceVersionMatch: 'Exact', resourceVersion: '42' }, undefined],
      ['Exact, RV "N", limit', { resourceVersionMatch: 'Exact', resourceVersion: '42', limit: 5 }, undefined],
      ['Exact, RV "N", continue', { resourceVersionMatch: 'Exact', resourceVersion: '42', continueToken: 'abc' }, 'ListParams.resourceVersionMatch'],
      ['NotOlderThan, RV unset', { resourceVersionMatch: 'NotOlderThan' }, 'ListParams.resourceVersionMatch'],
      ['NotOlderThan, RV "0" (any)', { resourceVersionMatch: 'NotOlderThan', resourceVersion: '0' }, undefined],
      ['NotOlderThan, RV "N"', { resourceVersionMatch: 'NotOlderThan', resourceVersion: '42' }, undefined],
      ['NotOlderThan, RV "0", limit', { resourceVersionMatch: 'NotOlderThan', resourceVersion: '0', limit: 5 }, undefined],
      ['NotOlderThan, RV "0", continue', { resourceVersionMatch: 'NotOlderThan', resourceVersion: '0', continueToken: 'abc' }, 'ListParams.resourceVersionMatch'],
    ];

    for (const [name, params, field] of table) {
      if (field === undefined) {
        it(`should accept ${name}`, () => {
          expect(() => validateListParams(params)).to.not.throw();
        });
      } else {
        it(`should refuse ${name}, naming ${field}`, () => {
          const error = requestBuildError(() => validateListParams(params));
          expect(error.reason).to.equal('InvalidParams');
          expect(error.field).to.equal(field);
        });
      }
    }

    it('should say why a match without a resourceVersion is refused', () => {
      expect(requestBuildError(() => validateListParams({ resourceVersionMatch: 'Exact' })).message).to.include('resourceVersion');
    });

    it('should refuse an unknown resourceVersionMatch', () => {
      const params = { resourceVersionMatch: 'Newest', resourceVersion: '1' } as unknown as ListParams;
      expect(requestBuildError(() => validateListParams(params)).field).to.equal('ListParams.resourceVersionMatch');
    });

    it('should treat an empty continue token as absent', () => {
      expect(() => validateListParams({ continueToken: '', resourceVersion: '42', resourceVersionMatch: 'Exact' })).to.not.throw();
    });
  });

  describe('limit', () => {
    it('should accept 0 (no limit, as on the server) and positive integers', () => {
      for (const limit of [0, 1, 500, 100_000]) expect(() => validateListParams({ limit })).to.not.throw();
    });

    for (const limit of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      it(`should refuse ${limit}`, () => {
        const error = requestBuildError(() => validateListParams({ limit }));
        expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'ListParams.limit']);
      });
    }
  });

  describe('timeoutSeconds', () => {
    it('should accept 0 and any positive integer (no cap)', () => {
      for (const timeoutSeconds of [0, 1, 295, 3600, 86_400]) expect(() => validateListParams({ timeoutSeconds })).to.not.throw();
    });

    for (const timeoutSeconds of [-1, 0.5]) {
      it(`should refuse ${timeoutSeconds}`, () => {
        expect(requestBuildError(() => validateListParams({ timeoutSeconds })).field).to.equal('ListParams.timeoutSeconds');
      });
    }
  });

  it('should prefix fields with the given type name', () => {
    expect(requestBuildError(() => validateListParams({ limit: -1 }, 'DeleteCollection.listParams')).field).to.equal('DeleteCollection.listParams.limit');
  });
});
