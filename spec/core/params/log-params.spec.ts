// Checks pod log params against PodLogOptions validation, and the sinceTime wire form.
import { expect } from 'chai';
import { formatSinceTime, validateLogParams } from '../../../lib/core/params/log-params.js';
import { requestBuildError } from '../../helpers/errors.js';

describe('validateLogParams', () => {
  it('should accept every option', () => {
    expect(() =>
      validateLogParams({ container: 'c', follow: true, limitBytes: 1, pretty: true, previous: true, sinceSeconds: 1, tailLines: 0, timestamps: true }),
    ).to.not.throw();
    expect(() => validateLogParams({ sinceTime: '2024-05-01T10:00:00Z' })).to.not.throw();
    expect(() => validateLogParams({ sinceTime: new Date(Date.UTC(2024, 4, 1)) })).to.not.throw();
  });

  it('should refuse sinceSeconds together with sinceTime ("at most one")', () => {
    const error = requestBuildError(() => validateLogParams({ sinceSeconds: 10, sinceTime: '2024-05-01T10:00:00Z' }));
    expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'LogParams.sinceTime']);
    expect(error.message).to.include('sinceSeconds');
  });

  for (const [field, value] of [
    ['sinceSeconds', 0],
    ['sinceSeconds', -5],
    ['limitBytes', 0],
    ['limitBytes', 1.5],
    ['tailLines', -1],
  ] as const) {
    it(`should refuse ${field} ${value}`, () => {
      const error = requestBuildError(() => validateLogParams({ [field]: value }));
      expect([error.reason, error.field]).to.deep.equal(['InvalidParams', `LogParams.${field}`]);
    });
  }

  it('should accept RFC 3339 times with offsets and fractions', () => {
    for (const sinceTime of ['2024-05-01T10:00:00+02:00', '2024-05-01T10:00:00.123456Z', '2024-05-01t10:00:00z']) {
      expect(() => validateLogParams({ sinceTime }), sinceTime).to.not.throw();
    }
  });

  for (const sinceTime of ['yesterday', '1', '2024-05-01', '2024-05-01 10:00:00', 'May 1, 2024', '2024-13-01T00:00:00Z', '']) {
    it(`should refuse the sinceTime ${JSON.stringify(sinceTime)}`, () => {
      expect(requestBuildError(() => validateLogParams({ sinceTime })).field).to.equal('LogParams.sinceTime');
    });
  }

  it('should refuse an invalid Date', () => {
    expect(requestBuildError(() => validateLogParams({ sinceTime: new Date(Number.NaN) })).field).to.equal('LogParams.sinceTime');
  });
});

describe('formatSinceTime', () => {
  it('should print RFC 3339 in UTC with whole seconds', () => {
    expect(formatSinceTime(new Date(Date.UTC(2024, 4, 1, 10, 0, 0)))).to.equal('2024-05-01T10:00:00Z');
  });

  it('should drop fractions of a second', () => {
    expect(formatSinceTime(new Date(Date.UTC(2024, 4, 1, 10, 0, 0, 999)))).to.equal('2024-05-01T10:00:00Z');
    expect(formatSinceTime('2024-05-01T10:00:00.5Z')).to.equal('2024-05-01T10:00:00Z');
  });

  it('should convert an offset to UTC', () => {
    expect(formatSinceTime('2024-05-01T12:30:00+02:00')).to.equal('2024-05-01T10:30:00Z');
  });
});
