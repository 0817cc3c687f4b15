// Checks the Warning header parser against the grammar k8s.io/apimachinery accepts.
import { expect } from 'chai';
import { parseWarningHeaders } from '../../lib/core/warning-header.js';

describe('parseWarningHeaders', () => {
  it('should read one 299 warning, unescaping the quoted text', () => {
    expect(parseWarningHeaders('299 - "unknown field \\"spec.nots\\""')).to.deep.equal([{ code: 299, agent: '-', text: 'unknown field "spec.nots"' }]);
  });

  it('should read several warnings in one value (repeated headers joined by a comma), with or without dates', () => {
    expect(parseWarningHeaders('299 - "a, b", 299 kube-apiserver "second" "Tue, 15 Nov 1994 08:12:31 GMT" ,199 x "third"')).to.deep.equal([
      { code: 299, agent: '-', text: 'a, b' },
      { code: 299, agent: 'kube-apiserver', text: 'second' },
      { code: 199, agent: 'x', text: 'third' },
    ]);
  });

  it('should keep what came before a malformed entry, and refuse malformed ones', () => {
    expect(parseWarningHeaders('299 - "ok", nonsense')).to.deep.equal([{ code: 299, agent: '-', text: 'ok' }]);
    for (const bad of ['', '299', '299 -', '29 - "x"', '299 - x', '299 - "unterminated', '299 - "a" junk', '299 - "ctl\u0007"']) {
      expect(parseWarningHeaders(bad), bad).to.deep.equal([]);
    }
  });
});
