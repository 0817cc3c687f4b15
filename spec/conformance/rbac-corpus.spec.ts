// The cluster under test answers the RBAC corpus as the real kube-apiserver 1.32.13 did
// (spec/fixtures/rbac-corpus-answers.json, recorded by scripts/record-rbac-corpus.ts). Under
// `npm test` that is the embedded server; under `npm run test:real` the real one, which keeps the
// recording honest.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { CORPUS_CASES, CORPUS_USERS, runCorpus, type CorpusAnswer } from '../fixtures/rbac-corpus.js';
import { useTestCluster } from '../helpers/test-cluster.js';

const RECORDING = JSON.parse(readFileSync(new URL('../fixtures/rbac-corpus-answers.json', import.meta.url), 'utf8')) as {
  recordedFrom: string;
  answers: Record<string, CorpusAnswer>;
};

/**
 * Answers known to differ, with the reason; everything else must be equal. Remove an entry when
 * the difference goes away (the spec fails until it is removed).
 */
const KNOWN: Readonly<Record<string, string>> = {};

describe(`RBAC corpus (as ${RECORDING.recordedFrom} answered)`, function () {
  this.timeout(120_000);
  const env = useTestCluster({ users: CORPUS_USERS });
  let answers: Record<string, CorpusAnswer> = {};

  before(async () => {
    answers = await runCorpus({ url: env.cluster.url, caPem: env.cluster.caPem, token: env.cluster.token });
  });

  it('should ask every recorded question', () => {
    expect(CORPUS_CASES.map((c) => c.name).sort()).to.deep.equal(Object.keys(RECORDING.answers).sort());
  });

  for (const c of CORPUS_CASES) {
    it(`${c.name}`, () => {
      const expected = RECORDING.answers[c.name];
      if (Object.hasOwn(KNOWN, c.name)) {
        expect(answers[c.name], `listed as a known difference (${KNOWN[c.name] ?? ''}) but answered as real: remove it from KNOWN`).to.not.deep.equal(expected);
        return;
      }
      expect(answers[c.name]).to.deep.equal(expected);
    });
  }
});
