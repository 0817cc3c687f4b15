// Specs for the helpers shared by the table printers.
import { expect } from 'chai';
import { formatLabels, formatSelector, joinOrNone, nameColumn } from '../../../lib/server/table/printer.js';

describe('formatSelector', () => {
  it('should print a LabelSelector as Go does, keys sorted', () => {
    const selector = { matchLabels: { tier: 'fe', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'x', operator: 'DoesNotExist' }] };
    expect(formatSelector(selector)).to.equal('app=web,env in (dev,prod),tier=fe,!x');
  });

  it('should print <none> for a missing or empty selector', () => {
    expect(formatSelector(undefined)).to.equal('<none>');
    expect(formatSelector({})).to.equal('<none>');
  });
});

describe('formatLabels', () => {
  it('should print k=v pairs sorted by key', () => {
    expect(formatLabels({ b: '2', a: '1' })).to.equal('a=1,b=2');
    expect(formatLabels({})).to.equal('<none>');
  });
});

describe('joinOrNone', () => {
  it('should join with commas or print <none>', () => {
    expect(joinOrNone(['a', 'b'])).to.equal('a,b');
    expect(joinOrNone([])).to.equal('<none>');
  });
});

describe('nameColumn', () => {
  it('should describe the Name column with ObjectMeta.name\'s documentation', () => {
    expect(nameColumn()).to.deep.include({ name: 'Name', type: 'string', format: 'name', priority: 0 });
    expect(nameColumn().description).to.match(/^Name must be unique within a namespace/);
  });
});
