// Checks watch params: no 295 s cap (unlike kube-rs), and streaming lists need bookmarks.
import { expect } from 'chai';
import { DEFAULT_WATCH_TIMEOUT_SECONDS, validateWatchParams } from '../../../lib/core/params/watch-params.js';
import { requestBuildError } from '../../helpers/errors.js';

describe('validateWatchParams', () => {
  it('should accept empty params', () => {
    expect(() => validateWatchParams({})).to.not.throw();
  });

  it('should accept timeouts of 295 s and more, unlike kube-rs', () => {
    for (const timeoutSeconds of [0, 1, 290, 295, 296, 600, 1800, 3600, 86_400]) {
      expect(() => validateWatchParams({ timeoutSeconds }), String(timeoutSeconds)).to.not.throw();
    }
  });

  for (const timeoutSeconds of [-1, 2.5, Number.NaN]) {
    it(`should refuse the timeout ${timeoutSeconds}`, () => {
      const error = requestBuildError(() => validateWatchParams({ timeoutSeconds }));
      expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'WatchParams.timeoutSeconds']);
    });
  }

  it('should refuse sendInitialEvents with bookmarks turned off', () => {
    const error = requestBuildError(() => validateWatchParams({ sendInitialEvents: true, allowWatchBookmarks: false }));
    expect([error.reason, error.field]).to.deep.equal(['InvalidParams', 'WatchParams.sendInitialEvents']);
    expect(error.message).to.include('allowWatchBookmarks');
  });

  it('should accept sendInitialEvents with bookmarks on or defaulted', () => {
    expect(() => validateWatchParams({ sendInitialEvents: true })).to.not.throw();
    expect(() => validateWatchParams({ sendInitialEvents: true, allowWatchBookmarks: true })).to.not.throw();
  });

  it('should accept bookmarks off without a streaming list', () => {
    expect(() => validateWatchParams({ allowWatchBookmarks: false, sendInitialEvents: false })).to.not.throw();
  });
});

describe('DEFAULT_WATCH_TIMEOUT_SECONDS', () => {
  it("should be kube-rs's 290 s, under the server's minimum request timeout", () => {
    expect(DEFAULT_WATCH_TIMEOUT_SECONDS).to.equal(290);
  });
});
