// Specs for the printer-column JSONPath evaluator.
import { expect } from 'chai';
import { isKubeError } from '../../../lib/core/index.js';
import { evaluateJsonPath } from '../../../lib/server/table/json-path.js';

const object = {
  metadata: { name: 'w', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, items: [{ name: 'a' }, { name: 'b' }] },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Synced', status: 'False' }] },
};

describe('evaluateJsonPath', () => {
  it('should read dotted fields', () => {
    expect(evaluateJsonPath('.spec.replicas', object)).to.deep.equal([3]);
    expect(evaluateJsonPath('{.metadata.name}', object)).to.deep.equal(['w']);
  });

  it('should index lists, including from the end', () => {
    expect(evaluateJsonPath('.spec.items[0].name', object)).to.deep.equal(['a']);
    expect(evaluateJsonPath('.spec.items[-1].name', object)).to.deep.equal(['b']);
    expect(evaluateJsonPath('.spec.items[5].name', object)).to.deep.equal([]);
  });

  it('should expand wildcards', () => {
    expect(evaluateJsonPath('.spec.items[*].name', object)).to.deep.equal(['a', 'b']);
  });

  it('should read quoted names with dots and slashes', () => {
    expect(evaluateJsonPath(".metadata.labels['app.kubernetes.io/name']", object)).to.deep.equal(['web']);
  });

  it('should filter lists by a field value', () => {
    expect(evaluateJsonPath('.status.conditions[?(@.type=="Ready")].status', object)).to.deep.equal(['True']);
    expect(evaluateJsonPath(".status.conditions[?(@.type != 'Ready')].type", object)).to.deep.equal(['Synced']);
    expect(evaluateJsonPath('.spec.items[?(@.name)].name', object)).to.deep.equal(['a', 'b']);
  });

  it('should find nothing on missing paths', () => {
    expect(evaluateJsonPath('.status.missing.deeper', object)).to.deep.equal([]);
  });

  it('should refuse recursive descent and unsupported subscripts with InvalidJsonPath', () => {
    for (const path of ['..name', '.spec.items[0:1]']) {
      try {
        evaluateJsonPath(path, object);
        expect.fail(`expected ${path} to be refused`);
      } catch (error) {
        expect(isKubeError(error) && error.reason === 'InvalidJsonPath', path).to.equal(true);
      }
    }
  });
});
