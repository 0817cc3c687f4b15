import { expect } from 'chai';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const JOBS = '/apis/batch/v1/namespaces/default/jobs';
const spec = (labels?: Json) => ({ template: { ...(labels === undefined ? {} : { metadata: { labels } }), spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } });

describe('jobHooks', () => {
  const env = useApiServer({ simulate: false });

  it('should generate the selector and the job labels of the template, as the Job strategy does', async () => {
    const job = (await rawRequest(env.server, JOBS, { method: 'POST', body: { metadata: { name: 'j' }, spec: spec() } })).json<Json>();
    const uid = job['metadata'].uid;
    const generated = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'j', 'controller-uid': uid, 'job-name': 'j' };
    expect(job['spec'].selector).to.deep.equal({ matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    expect(job['spec'].template.metadata.labels).to.deep.equal(generated);
    expect(job['spec']).to.include({ manualSelector: false, podReplacementPolicy: 'TerminatingOrFailed', completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false });
    // Without template labels of its own, the Job keeps no labels (Go's defaulting finds a nil map).
    expect(job['metadata']).to.not.have.property('labels');
  });

  it('should label the pods of a Job with its generated name (the strategy runs after generateName)', async () => {
    const job = (await rawRequest(env.server, JOBS, { method: 'POST', body: { metadata: { generateName: 'gen-' }, spec: spec() } })).json<Json>();
    expect(job['metadata'].name).to.match(/^gen-[a-z0-9]{5}$/);
    expect(job['spec'].template.metadata.labels['job-name']).to.equal(job['metadata'].name);
    expect(job['spec'].template.metadata.labels['batch.kubernetes.io/job-name']).to.equal(job['metadata'].name);
  });

  it('should give a Job without labels its template\'s, generated ones included', async () => {
    const job = (await rawRequest(env.server, JOBS, { method: 'POST', body: { metadata: { name: 'k' }, spec: spec({ app: 'k' }) } })).json<Json>();
    expect(job['metadata'].labels).to.deep.equal({ ...job['spec'].template.metadata.labels });
    expect(job['metadata'].labels).to.include({ app: 'k', 'job-name': 'k' });
  });

  it('should leave a manual selector alone, and default parallelism alone for a work queue', async () => {
    const body = { metadata: { name: 'm' }, spec: { manualSelector: true, selector: { matchLabels: { app: 'm' } }, parallelism: 2, ...spec({ app: 'm' }) } };
    const job = (await rawRequest(env.server, JOBS, { method: 'POST', body })).json<Json>();
    expect(job['spec'].selector).to.deep.equal({ matchLabels: { app: 'm' } });
    expect(job['spec']).to.not.have.property('completions');
    expect(job['spec'].parallelism).to.equal(2);
  });
});
