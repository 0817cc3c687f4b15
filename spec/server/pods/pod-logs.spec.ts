import { expect } from 'chai';
import { PodLogs } from '../../../lib/server/pods/pod-logs.js';

describe('PodLogs', () => {
  it('should keep lines per container and feed followers', () => {
    const logs = new PodLogs();
    const followed: string[] = [];
    const stop = logs.follow('ns', 'p', 'c', (line) => followed.push(line.text));
    logs.append('ns', 'p', 'c', 'a\nb\n', new Date(0));
    logs.append('ns', 'p', 'other', 'x', new Date(0));
    stop();
    logs.append('ns', 'p', 'c', 'c', new Date(0));
    expect(logs.lines('ns', 'p', 'c').map((l) => l.text)).to.deep.equal(['a', 'b', 'c']);
    expect(followed).to.deep.equal(['a', 'b']);
    logs.forget('ns', 'p');
    expect(logs.lines('ns', 'p', 'c')).to.deep.equal([]);
  });
});
