import { expect } from 'chai';
import { isApiError } from '../../../lib/core/index.js';
import { listPrefix, objectKey, pathSegmentNameErrors, requestKey } from '../../../lib/server/objects/object-key.js';

const refusal = (namespaced: boolean, namespace: string | undefined, name: string): string | undefined => {
  try {
    requestKey({ namespaced }, namespace, name);
  } catch (error) {
    if (isApiError(error)) return `${error.status.code} ${error.status.message ?? ''}`;
    throw error;
  }
  return undefined;
};

describe('objectKey', () => {
  it('should key namespaced objects by namespace/name and cluster-scoped ones by /name', () => {
    expect(objectKey('ns', 'a')).to.equal('ns/a');
    expect(objectKey(undefined, 'a')).to.equal('/a');
    expect(listPrefix(true, 'ns')).to.equal('ns/');
    expect(listPrefix(false, undefined)).to.equal('/');
  });
});

describe('requestKey', () => {
  it("should refuse names kube-apiserver's key functions refuse", () => {
    expect(pathSegmentNameErrors('..')).to.deep.equal(["may not be '..'"]);
    expect(pathSegmentNameErrors('a/b%')).to.deep.equal(["may not contain '/'", "may not contain '%'"]);
    expect(refusal(true, 'ns', '..')).to.equal(`400 Name parameter invalid: "..": may not be '..'`);
    expect(refusal(false, undefined, '.')).to.equal(`400 Name parameter invalid: ".": may not be '.'`);
    expect(refusal(true, 'ns', 'a%b')).to.equal(`400 Name parameter invalid: "a%b": may not contain '%'`);
    expect(refusal(true, '', 'a')).to.equal('400 Namespace parameter required.');
    expect(refusal(false, undefined, '')).to.equal('400 Name parameter required.');
  });

  it('should key valid names as objectKey does', () => {
    expect(requestKey({ namespaced: true }, 'ns', 'a..b')).to.equal('ns/a..b');
    expect(requestKey({ namespaced: false }, 'ignored', 'n')).to.equal('/n');
  });
});
