import { expect } from 'chai';
import { isApiError } from '../../../lib/core/index.js';
import { decodeApplyBody } from '../../../lib/server/input/decode-apply-body.js';

const outcome = (body: string): unknown => {
  try {
    return decodeApplyBody(Buffer.from(body));
  } catch (error) {
    if (isApiError(error)) return `${error.status.code} ${error.status.message ?? ''}`;
    throw error;
  }
};

describe('decodeApplyBody', () => {
  it('should read YAML and JSON apply patches', () => {
    expect(outcome('apiVersion: v1\nkind: ConfigMap\n')).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap' });
    expect(outcome('{"apiVersion":"v1","kind":"ConfigMap"}')).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap' });
  });

  it("should word failures as kube-apiserver's apply patcher does", () => {
    expect(outcome('')).to.equal('400 invalid object type: /, Kind=');
    expect(outcome('- a')).to.equal('400 error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(outcome(`a: ${'['.repeat(300)}`)).to.equal('400 error decoding YAML: error converting YAML to JSON: yaml: exceeded max depth of 256');
    expect(outcome('a: *x')).to.equal("400 error decoding YAML: error converting YAML to JSON: yaml: unknown anchor 'x' referenced");
  });
});
