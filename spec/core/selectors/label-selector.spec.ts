// Checks label selectors against k8s.io/apimachinery/pkg/labels: parse, format, match, and errors.
import { expect } from 'chai';
import {
  formatLabelSelector,
  labelKeyProblem,
  labelValueProblem,
  matchesLabels,
  parseLabelSelector,
  toLabelSelector,
  type LabelSelector,
} from '../../../lib/core/selectors/label-selector.js';
import { selectorError } from '../../helpers/errors.js';

describe('parseLabelSelector', () => {
  const cases: [string, LabelSelector][] = [
    ['app=web', [{ key: 'app', operator: 'Equals', values: ['web'] }]],
    ['app==web', [{ key: 'app', operator: 'Equals', values: ['web'] }]],
    ['app!=web', [{ key: 'app', operator: 'NotEquals', values: ['web'] }]],
    ['tier in (front,back)', [{ key: 'tier', operator: 'In', values: ['front', 'back'] }]],
    ['tier notin (front)', [{ key: 'tier', operator: 'NotIn', values: ['front'] }]],
    ['canary', [{ key: 'canary', operator: 'Exists', values: [] }]],
    ['!canary', [{ key: 'canary', operator: 'DoesNotExist', values: [] }]],
    ['app=', [{ key: 'app', operator: 'Equals', values: [''] }]],
    ['app!=', [{ key: 'app', operator: 'NotEquals', values: [''] }]],
    ['app.kubernetes.io/name=web', [{ key: 'app.kubernetes.io/name', operator: 'Equals', values: ['web'] }]],
    ['example.com/Tier_1.x=A-b_c.D', [{ key: 'example.com/Tier_1.x', operator: 'Equals', values: ['A-b_c.D'] }]],
    ['tier in(a)', [{ key: 'tier', operator: 'In', values: ['a'] }]],
    // apimachinery reads "x in ()" as the one empty value, not as an error.
    ['tier in ()', [{ key: 'tier', operator: 'In', values: [''] }]],
    ['tier in (a,)', [{ key: 'tier', operator: 'In', values: ['a', ''] }]],
    ['tier notin (,a)', [{ key: 'tier', operator: 'NotIn', values: ['', 'a'] }]],
    [
      '  app = web ,  tier  in  ( a , b ) , ! canary , stable  ',
      [
        { key: 'app', operator: 'Equals', values: ['web'] },
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'canary', operator: 'DoesNotExist', values: [] },
        { key: 'stable', operator: 'Exists', values: [] },
      ],
    ],
    [
      'app=web,tier!=db,env in (prod,staging),!legacy,owner',
      [
        { key: 'app', operator: 'Equals', values: ['web'] },
        { key: 'tier', operator: 'NotEquals', values: ['db'] },
        { key: 'env', operator: 'In', values: ['prod', 'staging'] },
        { key: 'legacy', operator: 'DoesNotExist', values: [] },
        { key: 'owner', operator: 'Exists', values: [] },
      ],
    ],
  ];

  for (const [text, expected] of cases) {
    it(`should parse ${JSON.stringify(text)}`, () => {
      expect(parseLabelSelector(text)).to.deep.equal(expected);
    });
  }

  it('should parse the empty selector (and blanks) as select-all', () => {
    expect(parseLabelSelector('')).to.deep.equal([]);
    expect(parseLabelSelector('   ')).to.deep.equal([]);
  });

  describe('errors', () => {
    const bad: [string, number | undefined, string][] = [
      ['app in (a', 9, 'expected "," or ")"'],
      ['app in (a,', 10, 'expected "," or ")"'],
      ['=x', 0, 'expected a label key'],
      ['a b', 2, 'expected'],
      ['app=web,', 8, 'expected a label key'],
      [',app=web', 0, 'expected a label key'],
      ['app=web,,tier=db', 8, 'expected a label key'],
      ['in ()', 3, 'expected'],
      ['app in a', 7, 'expected "("'],
      ['app notin', 4, 'expected'],
      ['!app=web', 4, 'expected ","'],
      ['app=web=x', 7, 'expected ","'],
      ['app=a b', 6, 'expected ","'],
      ['app=(x)', 4, ''],
      ['app>1', 0, 'key name'],
      ['app in (a)b', 10, 'expected ","'],
      [`k=${'v'.repeat(64)}`, 2, 'value'],
      [`${'k'.repeat(64)}=v`, 0, 'key name'],
      ['Example.com/app=x', 0, 'prefix'],
      ['/app=x', 0, 'prefix'],
      ['example.com/=x', 0, 'key name'],
      ['-app=x', 0, 'key name'],
      ['app=-web', 4, 'value'],
      ['app=web-', 4, 'value'],
      ['app=a/b', 4, 'value'],
      ['app in (a,-b)', 10, 'value'],
    ];

    for (const [text, position, detail] of bad) {
      it(`should refuse ${JSON.stringify(text)} at ${position}`, () => {
        const error = selectorError(() => parseLabelSelector(text));
        expect(error.reason).to.equal('InvalidLabelSelector');
        expect(error.selector).to.equal(text);
        expect(error.position).to.equal(position);
        expect(error.message).to.include(detail);
        expect(error.message).to.include(JSON.stringify(text));
      });
    }

    it('should accept a 63-character name and value and a 253-character prefix', () => {
      const prefix = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
      expect(prefix).to.have.length(253);
      expect(() => parseLabelSelector(`${prefix}/${'k'.repeat(63)}=${'v'.repeat(63)}`)).to.not.throw();
      expect(selectorError(() => parseLabelSelector(`x${prefix}/k=v`)).message).to.include('prefix');
    });
  });
});

describe('formatLabelSelector', () => {
  it('should print each operator in the API syntax, in client-go\'s canonical order (by key)', () => {
    // labels.Parse(...).String() of k8s.io/apimachinery 0.32 prints exactly this.
    expect(formatLabelSelector('app==web,tier!=db,env in (b,a),x notin (z,y),owner,!legacy')).to.equal(
      'app=web,env in (a,b),!legacy,owner,tier!=db,x notin (y,z)',
    );
  });

  it('should give one string for equal selectors, whatever their order', () => {
    expect(formatLabelSelector({ tier: 'front', app: 'web' })).to.equal('app=web,tier=front');
    expect(formatLabelSelector('tier=front,app=web')).to.equal(formatLabelSelector('app=web,tier=front'));
  });

  it('should keep two requirements on one key in their order', () => {
    expect(formatLabelSelector('b,a!=x,a')).to.equal('a!=x,a,b');
  });

  it('should print the empty selector as the empty string', () => {
    expect(formatLabelSelector('')).to.equal('');
    expect(formatLabelSelector([])).to.equal('');
    expect(formatLabelSelector({})).to.equal('');
  });

  it('should round-trip what it prints', () => {
    for (const text of ['app=web', 'a in (x,y),!b,c', 'app.kubernetes.io/name!=', 'k notin (a)']) {
      expect(formatLabelSelector(parseLabelSelector(text))).to.equal(text);
    }
  });

  it('should format a map of labels as equalities', () => {
    expect(formatLabelSelector({ app: 'web', 'app.kubernetes.io/part-of': 'shop' })).to.equal('app=web,app.kubernetes.io/part-of=shop');
  });

  it('should format the meta/v1 LabelSelector struct', () => {
    expect(
      formatLabelSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'tier', operator: 'In', values: ['front', 'back'] },
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'owner', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).to.equal('app=web,env notin (dev),!legacy,owner,tier in (back,front)');
  });

  it('should refuse a bad key or value in a map', () => {
    expect(selectorError(() => formatLabelSelector({ 'bad key': 'x' })).reason).to.equal('InvalidLabelSelector');
    expect(selectorError(() => formatLabelSelector({ app: 'a b' })).reason).to.equal('InvalidLabelSelector');
  });
});

describe('toLabelSelector', () => {
  it('should convert matchLabels and matchExpressions', () => {
    expect(toLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] })).to.deep.equal([
      { key: 'app', operator: 'Equals', values: ['web'] },
      { key: 'tier', operator: 'In', values: ['a'] },
    ]);
  });

  it('should read an empty struct or map as select-all', () => {
    expect(toLabelSelector({ matchLabels: {} })).to.deep.equal([]);
    expect(toLabelSelector({ matchExpressions: [] })).to.deep.equal([]);
    expect(toLabelSelector({})).to.deep.equal([]);
  });

  it('should convert a plain map, even one with a label named like a struct field', () => {
    expect(toLabelSelector({ matchLabels: 'x' })).to.deep.equal([{ key: 'matchLabels', operator: 'Equals', values: ['x'] }]);
    expect(toLabelSelector({ app: 'web' })).to.deep.equal([{ key: 'app', operator: 'Equals', values: ['web'] }]);
    expect(toLabelSelector({ app: 'web', matchLabels: 'x' })).to.deep.equal([
      { key: 'app', operator: 'Equals', values: ['web'] },
      { key: 'matchLabels', operator: 'Equals', values: ['x'] },
    ]);
  });

  it('should validate a parsed selector', () => {
    expect(selectorError(() => toLabelSelector([{ key: 'a', operator: 'In', values: [] }])).message).to.include('wrong number of values');
    expect(selectorError(() => toLabelSelector([{ key: 'a', operator: 'Equals', values: ['x', 'y'] }])).message).to.include('wrong number of values');
    expect(selectorError(() => toLabelSelector([{ key: 'a', operator: 'Exists', values: ['x'] }])).message).to.include('wrong number of values');
    expect(selectorError(() => toLabelSelector([{ key: '', operator: 'Exists', values: [] }])).message).to.include('key name');
  });

  it('should refuse a struct expression the API server would refuse', () => {
    const cases = [
      { key: 'tier', operator: 'In' },
      { key: 'tier', operator: 'NotIn', values: [] },
      { key: 'tier', operator: 'Exists', values: ['a'] },
      { key: 'tier', operator: 'DoesNotExist', values: ['a'] },
      { key: 'tier', operator: 'in', values: ['a'] },
      { key: 'tier', operator: 'Equals', values: ['a'] },
      { key: 'bad key', operator: 'Exists' },
      { key: 'tier', operator: 'In', values: ['not valid'] },
    ];
    for (const expression of cases) {
      const error = selectorError(() => toLabelSelector({ matchExpressions: [expression] }));
      expect(error.reason, JSON.stringify(expression)).to.equal('InvalidLabelSelector');
    }
  });
});

describe('matchesLabels', () => {
  const labels = { app: 'web', tier: 'front', 'app.kubernetes.io/name': 'shop', empty: '' };
  const matches = (text: string, on: Record<string, string> = labels): boolean => matchesLabels(parseLabelSelector(text), on);

  it('should match everything with the empty selector', () => {
    expect(matches('')).to.equal(true);
    expect(matches('', {})).to.equal(true);
    expect(matchesLabels([], undefined)).to.equal(true);
  });

  it('should match equality', () => {
    expect(matches('app=web')).to.equal(true);
    expect(matches('app==web')).to.equal(true);
    expect(matches('app=db')).to.equal(false);
    expect(matches('missing=web')).to.equal(false);
    expect(matches('app.kubernetes.io/name=shop')).to.equal(true);
  });

  it('should tell an empty value from a missing key', () => {
    expect(matches('empty=')).to.equal(true);
    expect(matches('missing=')).to.equal(false);
    expect(matches('empty')).to.equal(true);
  });

  it('should match != also on objects lacking the key', () => {
    expect(matches('app!=db')).to.equal(true);
    expect(matches('app!=web')).to.equal(false);
    expect(matches('missing!=web')).to.equal(true);
    expect(matches('app!=web', {})).to.equal(true);
  });

  it('should match in only when the key is present with one of the values', () => {
    expect(matches('tier in (front,back)')).to.equal(true);
    expect(matches('tier in (back)')).to.equal(false);
    expect(matches('missing in (front)')).to.equal(false);
  });

  it('should match notin also on objects lacking the key', () => {
    expect(matches('tier notin (back)')).to.equal(true);
    expect(matches('tier notin (front,back)')).to.equal(false);
    expect(matches('missing notin (front)')).to.equal(true);
  });

  it('should match exists and !key', () => {
    expect(matches('app')).to.equal(true);
    expect(matches('missing')).to.equal(false);
    expect(matches('!missing')).to.equal(true);
    expect(matches('!app')).to.equal(false);
    expect(matchesLabels(parseLabelSelector('!app'), undefined)).to.equal(true);
  });

  it('should require every requirement (comma is AND)', () => {
    expect(matches('app=web,tier=front')).to.equal(true);
    expect(matches('app=web,tier=back')).to.equal(false);
    expect(matches('app=web,!tier')).to.equal(false);
  });

  it('should not match inherited properties as labels', () => {
    expect(matches('constructor', {})).to.equal(false);
    expect(matches('toString=x', {})).to.equal(false);
    expect(matches('!constructor', {})).to.equal(true);
  });

  it('should match a struct-converted selector', () => {
    const selector = toLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
    expect(matchesLabels(selector, { app: 'web' })).to.equal(true);
    expect(matchesLabels(selector, { app: 'web', tier: 'db' })).to.equal(false);
  });
});

describe('labelKeyProblem', () => {
  it('should accept valid keys', () => {
    for (const key of ['app', 'a', 'A1', 'a.b_c-d', 'example.com/app', 'kubernetes.io/metadata.name']) expect(labelKeyProblem(key), key).to.equal(undefined);
  });

  it('should explain invalid keys', () => {
    for (const key of ['', '-a', 'a-', 'a b', 'ex_ample.com/a', 'a/b/c', `${'k'.repeat(64)}`]) expect(labelKeyProblem(key), key).to.be.a('string');
  });
});

describe('labelValueProblem', () => {
  it('should accept the empty value and valid values', () => {
    for (const value of ['', 'a', 'web-1', 'A.b_C', 'v'.repeat(63)]) expect(labelValueProblem(value), value).to.equal(undefined);
  });

  it('should explain invalid values', () => {
    for (const value of ['-a', 'a-', 'a b', 'a/b', 'v'.repeat(64)]) expect(labelValueProblem(value), value).to.be.a('string');
  });
});

describe('toLabelSelector with sparse structs', () => {
  it('should read matchLabels or matchExpressions left undefined or null as absent', () => {
    const sparse = { matchLabels: undefined, matchExpressions: null } as unknown as Record<string, string>;
    expect(toLabelSelector(sparse)).to.deep.equal([]);
    expect(toLabelSelector({ matchLabels: undefined } as unknown as Record<string, string>)).to.deep.equal([]);
    expect(toLabelSelector({ matchLabels: undefined, matchExpressions: [{ key: 'a', operator: 'Exists' }] } as unknown as Record<string, string>)).to.deep.equal([
      { key: 'a', operator: 'Exists', values: [] },
    ]);
  });
});
