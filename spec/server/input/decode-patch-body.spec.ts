import { expect } from 'chai';
import { isApiError } from '../../../lib/core/index.js';
import { decodePatchBody, type JsonPatchKind } from '../../../lib/server/input/decode-patch-body.js';

const outcome = (body: string, kind: JsonPatchKind): unknown => {
  try {
    return decodePatchBody(Buffer.from(body), kind);
  } catch (error) {
    if (isApiError(error)) return `${error.status.code} ${error.status.message ?? ''}`;
    throw error;
  }
};

describe('decodePatchBody', () => {
  it('should prefix Go errors as the patch handler does for each patch kind', () => {
    expect(outcome('{', 'merge')).to.equal('400 error decoding patch: unexpected end of JSON input');
    expect(outcome('{', 'json')).to.equal('400 error decoding patch: unexpected end of JSON input');
    expect(outcome('{', 'strategic')).to.equal('400 unexpected end of JSON input');
  });

  it('should name the Go type a body of the wrong kind could not be read into', () => {
    expect(outcome('[]', 'merge')).to.equal('400 error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}');
    expect(outcome('"x"', 'strategic')).to.equal('400 json: cannot unmarshal string into Go value of type map[string]interface {}');
    expect(outcome('{}', 'json')).to.equal('400 error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp');
    expect(outcome('[true]', 'json')).to.equal('400 error decoding patch: json: cannot unmarshal bool into Go value of type handlers.jsonPatchOp');
    expect(outcome('[{"op":"add","path":["a"]}]', 'json')).to.equal('400 error decoding patch: json: cannot unmarshal array into Go struct field jsonPatchOp.path of type string');
  });

  it('should treat null as Go does: no operations, an empty strategic patch, an invalid merge patch', () => {
    expect(outcome('null', 'json')).to.deep.equal([]);
    expect(outcome('null', 'strategic')).to.deep.equal({});
    expect(outcome('null', 'merge')).to.equal('400 Invalid JSON Patch');
    expect(outcome('[null,{"op":"add","path":"/a","value":1}]', 'json')).to.deep.equal([null, { op: 'add', path: '/a', value: 1 }]);
  });
});
