import { expect } from 'chai';
import { isApiError } from '../../../lib/core/index.js';
import { decodeObjectBody } from '../../../lib/server/input/decode-object-body.js';

const refusal = (body: string, format: 'json' | 'yaml', unstructured = false): string | undefined => {
  try {
    decodeObjectBody(Buffer.from(body), format, 'ConfigMap', unstructured);
  } catch (error) {
    if (isApiError(error)) return `${error.status.code} ${error.status.message ?? ''}`;
    throw error;
  }
  return undefined;
};

describe('decodeObjectBody', () => {
  it('should answer the object, or null for a null body', () => {
    expect(decodeObjectBody(Buffer.from('{"a":1}'), 'json', 'ConfigMap')).to.deep.equal({ a: 1 });
    expect(decodeObjectBody(Buffer.from('a: 1\n'), 'yaml', 'ConfigMap')).to.deep.equal({ a: 1 });
    expect(decodeObjectBody(Buffer.from('null'), 'json', 'ConfigMap')).to.equal(null);
    expect(decodeObjectBody(Buffer.from(''), 'yaml', 'ConfigMap')).to.equal(null);
  });

  it("should word failures as kube-apiserver's transformDecodeError, quoting the body", () => {
    expect(refusal('{"a":', 'json')).to.equal("400 the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input ({\"a\":)");
    expect(refusal('true', 'json')).to.match(/couldn't get version\/kind; json parse error: json: cannot unmarshal bool into Go value of type struct \{ APIVersion string .*\} \(74727565\)$/);
    expect(refusal('a: .inf', 'yaml')).to.equal('400 the object provided is unrecognized (must be of type ConfigMap): json: unsupported value: +Inf (613a202e696e66)');
  });

  it('should require a kind in an unstructured (custom resource) body', () => {
    expect(refusal('{"apiVersion":"x/v1"}', 'json', true)).to.equal(`400 the object provided is unrecognized (must be of type ConfigMap): Object 'Kind' is missing in '{"apiVersion":"x/v1"}' ({"apiVersion":"x/v1"})`);
    expect(refusal('null', 'json', true)).to.equal("400 the object provided is unrecognized (must be of type ConfigMap): Object 'Kind' is missing in 'null' (6e756c6c)");
    expect(refusal('{"kind":"ConfigMap"}', 'json', true)).to.equal(undefined);
  });
});
