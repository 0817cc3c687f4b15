// Specs for humanDuration and ageOf against apimachinery's duration.HumanDuration.
import { expect } from 'chai';
import { ageOf, humanDuration } from '../../../lib/server/table/human-duration.js';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  const cases: [number, string][] = [
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [0, '0s'],
    [59 * s, '59s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [2 * m + 5 * s, '2m5s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [5 * h + 20 * m, '5h20m'],
    [8 * h + 59 * m, '8h'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [8 * d, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [3 * 365 * d + 45 * d, '3y45d'],
    [9 * 365 * d, '9y'],
  ];
  for (const [ms, text] of cases) {
    it(`should print ${ms} ms as ${text}`, () => {
      expect(humanDuration(ms)).to.equal(text);
    });
  }
});

describe('ageOf', () => {
  const now = new Date('2024-05-01T10:00:00Z');

  it('should print the age of an RFC 3339 timestamp', () => {
    expect(ageOf('2024-05-01T09:55:00Z', now)).to.equal('5m');
  });

  it('should print <unknown> for a missing or unparsable timestamp', () => {
    expect(ageOf(undefined, now)).to.equal('<unknown>');
    expect(ageOf('yesterday-ish', now)).to.equal('<unknown>');
  });
});
