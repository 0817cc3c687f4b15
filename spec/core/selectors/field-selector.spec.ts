// Checks field selectors against k8s.io/apimachinery/pkg/fields: escapes, operators, matching.
import { expect } from 'chai';
import {
  escapeFieldValue,
  formatFieldSelector,
  matchesFields,
  metadataFields,
  parseFieldSelector,
  toFieldSelector,
} from '../../../lib/core/selectors/field-selector.js';
import { selectorError } from '../../helpers/errors.js';

describe('parseFieldSelector', () => {
  it('should parse =, == and !=', () => {
    expect(parseFieldSelector('metadata.name=web,metadata.namespace==default,status.phase!=Running')).to.deep.equal([
      { field: 'metadata.name', operator: 'Equals', value: 'web' },
      { field: 'metadata.namespace', operator: 'Equals', value: 'default' },
      { field: 'status.phase', operator: 'NotEquals', value: 'Running' },
    ]);
  });

  it('should parse the empty selector as select-all', () => {
    expect(parseFieldSelector('')).to.deep.equal([]);
    expect(parseFieldSelector('  ')).to.deep.equal([]);
  });

  it('should accept an empty value', () => {
    expect(parseFieldSelector('spec.nodeName=')).to.deep.equal([{ field: 'spec.nodeName', operator: 'Equals', value: '' }]);
    expect(parseFieldSelector('spec.nodeName!=')).to.deep.equal([{ field: 'spec.nodeName', operator: 'NotEquals', value: '' }]);
  });

  it('should unescape \\, \\= and \\\\ in values', () => {
    expect(parseFieldSelector('metadata.name=a\\,b\\=c\\\\d,spec.x=y')).to.deep.equal([
      { field: 'metadata.name', operator: 'Equals', value: 'a,b=c\\d' },
      { field: 'spec.x', operator: 'Equals', value: 'y' },
    ]);
  });

  it('should skip empty terms, as apimachinery does', () => {
    expect(parseFieldSelector('metadata.name=a,,spec.x=y,')).to.deep.equal([
      { field: 'metadata.name', operator: 'Equals', value: 'a' },
      { field: 'spec.x', operator: 'Equals', value: 'y' },
    ]);
  });

  it('should take the first operator, so a value may hold ! and a label selector operator text', () => {
    expect(parseFieldSelector('involvedObject.name=a!b')).to.deep.equal([{ field: 'involvedObject.name', operator: 'Equals', value: 'a!b' }]);
  });

  describe('errors', () => {
    const bad: [string, number, string][] = [
      ['metadata.name', 0, 'expected field=value'],
      ['=web', 0, 'expected field=value'],
      ['metadata.name=web,status.phase', 18, 'expected field=value'],
      ['metadata.name=a=b', 0, 'unescaped "="'],
      ['a=b,metadata.name=x\\y', 4, 'invalid escape sequence "\\y"'],
      ['metadata.name=x\\', 0, 'invalid escape sequence'],
      ['metadata.name in (a)', 0, 'expected field=value'],
      ['metadata.name>3', 0, 'expected field=value'],
    ];

    for (const [text, position, detail] of bad) {
      it(`should refuse ${JSON.stringify(text)} at ${position}`, () => {
        const error = selectorError(() => parseFieldSelector(text));
        expect(error.reason).to.equal('InvalidFieldSelector');
        expect(error.selector).to.equal(text);
        expect(error.position).to.equal(position);
        expect(error.message).to.include(detail);
      });
    }
  });
});

describe('escapeFieldValue', () => {
  it('should escape backslash, comma and equals', () => {
    expect(escapeFieldValue('a,b=c\\d')).to.equal('a\\,b\\=c\\\\d');
    expect(escapeFieldValue('plain-value')).to.equal('plain-value');
  });
});

describe('formatFieldSelector', () => {
  it('should print = and !=', () => {
    expect(formatFieldSelector('metadata.name==web,status.phase!=Running')).to.equal('metadata.name=web,status.phase!=Running');
  });

  it('should escape values taken from a map', () => {
    expect(formatFieldSelector({ 'metadata.name': 'a,b', 'spec.x': 'c=d\\' })).to.equal('metadata.name=a\\,b,spec.x=c\\=d\\\\');
  });

  it('should round-trip escaped values', () => {
    const text = 'metadata.name=a\\,b\\=c\\\\d';
    expect(formatFieldSelector(parseFieldSelector(text))).to.equal(text);
  });

  it('should print the empty selector as the empty string', () => {
    expect(formatFieldSelector('')).to.equal('');
    expect(formatFieldSelector({})).to.equal('');
    expect(formatFieldSelector([])).to.equal('');
  });

  it('should refuse a field that is not a field path', () => {
    for (const field of ['', 'a b', 'a=b', 'a,b', 'a!']) {
      expect(selectorError(() => formatFieldSelector({ [field]: 'x' })).reason, field).to.equal('InvalidFieldSelector');
    }
  });
});

describe('toFieldSelector', () => {
  it('should turn a map into equalities', () => {
    expect(toFieldSelector({ 'metadata.name': 'web' })).to.deep.equal([{ field: 'metadata.name', operator: 'Equals', value: 'web' }]);
  });

  it('should keep a parsed selector', () => {
    const selector = [{ field: 'status.phase', operator: 'NotEquals', value: 'Failed' }] as const;
    expect(toFieldSelector(selector)).to.deep.equal(selector);
  });
});

describe('matchesFields', () => {
  const pod = { metadata: { name: 'web', namespace: 'default' } };

  it('should match metadata.name and metadata.namespace', () => {
    expect(matchesFields(parseFieldSelector('metadata.name=web'), metadataFields(pod))).to.equal(true);
    expect(matchesFields(parseFieldSelector('metadata.name=db'), metadataFields(pod))).to.equal(false);
    expect(matchesFields(parseFieldSelector('metadata.namespace==default,metadata.name!=db'), metadataFields(pod))).to.equal(true);
    expect(matchesFields(parseFieldSelector('metadata.namespace!=default'), metadataFields(pod))).to.equal(false);
  });

  it('should match everything with the empty selector', () => {
    expect(matchesFields([], metadataFields({}))).to.equal(true);
  });

  it("should read a missing field as '', as the API server does", () => {
    const node = { metadata: { name: 'n1' } };
    expect(matchesFields(parseFieldSelector('metadata.namespace='), metadataFields(node))).to.equal(true);
    expect(matchesFields(parseFieldSelector('metadata.namespace!=default'), metadataFields(node))).to.equal(true);
    expect(matchesFields(parseFieldSelector('spec.nodeName='), () => undefined)).to.equal(true);
    expect(matchesFields(parseFieldSelector('spec.nodeName=n1'), () => undefined)).to.equal(false);
  });

  it('should compare unescaped values', () => {
    expect(matchesFields(parseFieldSelector('spec.x=a\\,b'), (f) => (f === 'spec.x' ? 'a,b' : undefined))).to.equal(true);
  });

  it('should use any field function', () => {
    const fields: Record<string, string> = { 'status.phase': 'Running', 'spec.nodeName': 'n1' };
    const fieldOf = (field: string): string | undefined => fields[field];
    expect(matchesFields(parseFieldSelector('status.phase=Running,spec.nodeName=n1'), fieldOf)).to.equal(true);
    expect(matchesFields(parseFieldSelector('status.phase!=Running'), fieldOf)).to.equal(false);
  });
});

describe('metadataFields', () => {
  it('should read metadata.name and metadata.namespace, with missing ones as ""', () => {
    const fieldOf = metadataFields({ metadata: { name: 'web' } });
    expect([fieldOf('metadata.name'), fieldOf('metadata.namespace')]).to.deep.equal(['web', '']);
    expect(metadataFields({})('metadata.name')).to.equal('');
  });

  it('should know no other field', () => {
    expect(metadataFields({ metadata: { name: 'x', uid: 'u' } })('metadata.uid')).to.equal(undefined);
    expect(metadataFields({ metadata: { name: 'x' } })('status.phase')).to.equal(undefined);
  });
});
