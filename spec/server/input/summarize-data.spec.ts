import { expect } from 'chai';
import { summarizeData } from '../../../lib/server/input/summarize-data.js';

describe('summarizeData', () => {
  it('should quote a body as kube-apiserver does in decode errors', () => {
    expect(summarizeData(Buffer.alloc(0))).to.equal('<empty>');
    expect(summarizeData(Buffer.from('{"a":1}'))).to.equal('{"a":1}');
    expect(summarizeData(Buffer.from('{"metadata":{"name":"z"},"x":[[[[[['))).to.equal('{"metadata":{"name":"z"},"x":[ ...');
    expect(summarizeData(Buffer.from('[]'))).to.equal('5b5d');
    expect(summarizeData(Buffer.from('apiVersion: v1\nkind: ConfigMap\n'))).to.equal('61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...');
  });
});
