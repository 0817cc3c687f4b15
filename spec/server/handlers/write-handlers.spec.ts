import { expect } from 'chai';
import { encodeProtobufObject } from '../../../lib/server/protobuf/protobuf-object.js';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;
const CM = '/api/v1/namespaces/default/configmaps';

describe('write handlers', () => {
  const env = useApiServer({ controllers: false });
  const req = (path: string, method: string, body?: unknown, headers?: Record<string, string>) =>
    rawRequest(env.server, path, { method, ...(body === undefined ? {} : { body }), ...(headers === undefined ? {} : { headers }) });

  describe('handleCreate', () => {
    it('should answer 201 with server-set uid, creationTimestamp and resourceVersion', async () => {
      const res = await req(CM, 'POST', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'create-1', uid: 'mine', creationTimestamp: '2000-01-01T00:00:00Z' }, data: { a: 'b' } });
      expect(res.status).to.equal(201);
      const meta = res.json<Json>()['metadata'];
      expect(meta.uid).to.match(/^[0-9a-f-]{36}$/).and.not.equal('mine');
      expect(meta.creationTimestamp).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/).and.not.equal('2000-01-01T00:00:00Z');
      expect(meta.resourceVersion).to.match(/^\d+$/);
      expect(meta.namespace).to.equal('default');
      expect(meta).to.not.have.property('generation');
    });

    it('should create from a protobuf body (kubectl create sends one, with fieldValidation=Strict)', async () => {
      const body = encodeProtobufObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'from-protobuf' }, data: { a: 'b' }, binaryData: { bin: 'AAE=' } });
      const res = await req(`${CM}?fieldManager=kubectl-create&fieldValidation=Strict`, 'POST', body, { 'content-type': 'application/vnd.kubernetes.protobuf', accept: 'application/json' });
      expect(res.status).to.equal(201);
      expect(res.json<Json>()).to.deep.include({ data: { a: 'b' }, binaryData: { bin: 'AAE=' } });
      expect(res.json<Json>()['metadata'].managedFields[0].manager).to.equal('kubectl-create');
    });

    it('should answer 400 for a protobuf body that is not one, with the words of kube-apiserver', async () => {
      const res = await req(CM, 'POST', '{"metadata":{"name":"x"}}', { 'content-type': 'application/vnd.kubernetes.protobuf' });
      expect(res.status).to.equal(400);
      expect(res.json<Json>()['message']).to.equal(
        'the object provided is unrecognized (must be of type ConfigMap): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] ({"metadata":{"name":"x"}})',
      );
    });

    it('should answer 409 AlreadyExists for an existing name', async () => {
      await req(CM, 'POST', { metadata: { name: 'dup' } });
      const res = await req(CM, 'POST', { metadata: { name: 'dup' } });
      expect(res.status).to.equal(409);
      expect(res.json()).to.deep.include({ reason: 'AlreadyExists', message: 'configmaps "dup" already exists', details: { name: 'dup', kind: 'configmaps' } });
    });

    it('should generate names from generateName', async () => {
      const res = await req(CM, 'POST', { metadata: { generateName: 'gen-' } });
      expect(res.json<Json>()['metadata'].name).to.match(/^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    });

    it('should answer 422 without name or generateName', async () => {
      const res = await req(CM, 'POST', { metadata: {} });
      expect(res.status).to.equal(422);
      expect(res.json<Json>()['message']).to.equal('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    });

    it('should answer 422 Invalid with causes for a bad name', async () => {
      const res = await req(CM, 'POST', { metadata: { name: 'Bad_Name' } });
      expect(res.status).to.equal(422);
      const body = res.json<Json>();
      expect(body['message']).to.match(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
      expect(body['details']).to.deep.include({ name: 'Bad_Name', kind: 'ConfigMap' });
      expect(body['details'].causes[0]).to.include({ reason: 'FieldValueInvalid', field: 'metadata.name' });
    });

    it('should answer 404 namespaces "x" not found for a missing namespace', async () => {
      const res = await req('/api/v1/namespaces/missing/configmaps', 'POST', { metadata: { name: 'a' } });
      expect(res.status).to.equal(404);
      expect(res.json()).to.deep.include({ message: 'namespaces "missing" not found', details: { name: 'missing', kind: 'namespaces' } });
    });

    it('should answer 400 when the body namespace differs from the URL', async () => {
      const res = await req(CM, 'POST', { metadata: { name: 'a', namespace: 'other' } });
      expect(res.status).to.equal(400);
      expect(res.json<Json>()['message']).to.equal('the namespace of the provided object does not match the namespace sent on the request');
    });

    it('should answer 500 for a resourceVersion on create', async () => {
      const res = await req(CM, 'POST', { metadata: { name: 'with-rv', resourceVersion: '5' } });
      expect(res.status).to.equal(500);
      expect(res.json<Json>()['message']).to.equal('resourceVersion should not be set on objects to be created');
    });

    it('should set generation 1 on kinds that track it and reset status', async () => {
      const res = await req('/apis/apps/v1/namespaces/default/deployments', 'POST', {
        metadata: { name: 'gen' },
        spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
        status: { replicas: 9 },
      });
      expect(res.status).to.equal(201);
      expect(res.json<Json>()['metadata'].generation).to.equal(1);
      expect(res.json<Json>()['status']).to.deep.equal({});
      expect(res.json<Json>()['spec'].replicas).to.equal(1);
    });

    it('should not store anything with dryRun=All', async () => {
      const res = await req(`${CM}?dryRun=All`, 'POST', { metadata: { name: 'dry' } });
      expect(res.status).to.equal(201);
      expect((await req(`${CM}/dry`, 'GET')).status).to.equal(404);
    });

    it('should answer 422 CreateOptions for an unknown dryRun value', async () => {
      const res = await req(`${CM}?dryRun=Maybe`, 'POST', { metadata: { name: 'dry2' } });
      expect(res.status).to.equal(422);
      expect(res.json<Json>()['message']).to.equal('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Maybe"}: supported values: "All"');
    });

    it('should answer 400 for malformed JSON, 415 for an unknown content type and 413 for a huge body', async () => {
      expect((await req(CM, 'POST', '{not json')).status).to.equal(400);
      const wrong = await req(CM, 'POST', 'x', { 'content-type': 'text/plain' });
      expect(wrong.status).to.equal(415);
      expect(wrong.json<Json>()['reason']).to.equal('UnsupportedMediaType');
      expect(wrong.json<Json>()['message']).to.equal(
        'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf',
      );
      const huge = await req(CM, 'POST', { metadata: { name: 'huge' }, data: { a: 'x'.repeat(3 * 1024 * 1024) } });
      expect(huge.status).to.equal(413);
      expect(huge.json<Json>()['message']).to.equal('Request entity too large: limit is 3145728');
    });

    it('should drop unknown fields of built-ins with a warning, and refuse them with fieldValidation=Strict', async () => {
      const warned = await req(CM, 'POST', { metadata: { name: 'typo' }, dta: { a: 'b' } });
      expect(warned.status).to.equal(201);
      expect(warned.json<Json>()).to.not.have.property('dta');
      expect(warned.headers['warning']).to.equal('299 - "unknown field \\"dta\\""');
      const strict = await req(`${CM}?fieldValidation=Strict`, 'POST', { metadata: { name: 'typo2' }, dta: { a: 'b' } });
      expect(strict.status).to.equal(400);
      expect(strict.json<Json>()['message']).to.equal('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "dta"');
    });

    it('should answer 400 for a value of the wrong type', async () => {
      const res = await req('/apis/apps/v1/namespaces/default/deployments', 'POST', { metadata: { name: 'typed' }, spec: { replicas: 'three' } });
      expect(res.status).to.equal(400);
      expect(res.json<Json>()['message']).to.equal(
        'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int64',
      );
    });

    it('should accept a YAML body', async () => {
      const res = await req(CM, 'POST', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-yaml\ndata:\n  k: v\n', { 'content-type': 'application/yaml' });
      expect(res.status).to.equal(201);
      expect(res.json<Json>()['data']).to.deep.equal({ k: 'v' });
    });
  });

  describe('handleUpdate', () => {
    it('should answer 409 Conflict with the real message for a stale resourceVersion', async () => {
      const created = (await req(CM, 'POST', { metadata: { name: 'upd' }, data: { v: '1' } })).json<Json>();
      const first = await req(`${CM}/upd`, 'PUT', { ...created, data: { v: '2' } });
      expect(first.status).to.equal(200);
      const stale = await req(`${CM}/upd`, 'PUT', { ...created, data: { v: '3' } });
      expect(stale.status).to.equal(409);
      expect(stale.json()).to.deep.include({
        reason: 'Conflict',
        message: 'Operation cannot be fulfilled on configmaps "upd": the object has been modified; please apply your changes to the latest version and try again',
      });
    });

    it('should keep the resourceVersion of a no-op update', async () => {
      const created = (await req(CM, 'POST', { metadata: { name: 'noop' }, data: { v: '1' } })).json<Json>();
      const same = (await req(`${CM}/noop`, 'PUT', created)).json<Json>();
      expect(same['metadata'].resourceVersion).to.equal(created['metadata'].resourceVersion);
    });

    it('should allow an unconditional update of a ConfigMap', async () => {
      await req(CM, 'POST', { metadata: { name: 'uncond' } });
      const res = await req(`${CM}/uncond`, 'PUT', { metadata: { name: 'uncond' }, data: { x: 'y' } });
      expect(res.status).to.equal(200);
      expect(res.json<Json>()['data']).to.deep.equal({ x: 'y' });
    });

    it('should refuse an unconditional update of a Lease with 422', async () => {
      await req('/apis/coordination.k8s.io/v1/namespaces/default/leases', 'POST', { metadata: { name: 'l1' }, spec: {} });
      const res = await req('/apis/coordination.k8s.io/v1/namespaces/default/leases/l1', 'PUT', { metadata: { name: 'l1' }, spec: { holderIdentity: 'me' } });
      expect(res.status).to.equal(422);
      expect(res.json<Json>()['message']).to.equal('leases.coordination.k8s.io "l1" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
    });

    it('should create a missing Lease on PUT (create-on-update) but 404 a missing ConfigMap', async () => {
      const lease = await req('/apis/coordination.k8s.io/v1/namespaces/default/leases/l2', 'PUT', { metadata: { name: 'l2' }, spec: { holderIdentity: 'a' } });
      expect(lease.status).to.equal(201);
      const cm = await req(`${CM}/nothere`, 'PUT', { metadata: { name: 'nothere' } });
      expect(cm.status).to.equal(404);
    });

    it('should answer 400 when the body name differs from the URL, or is missing', async () => {
      const res = await req(`${CM}/uncond`, 'PUT', { metadata: { name: 'other' } });
      expect(res.status).to.equal(400);
      expect(res.json<Json>()['message']).to.equal('the name of the object (other) does not match the name on the URL (uncond)');
      const missing = await req(`${CM}/uncond`, 'PUT', { data: {} });
      expect(missing.json<Json>()['message']).to.equal('the name of the object (uncond based on URL) was undeterminable: name must be provided');
    });

    it('should bump generation on spec changes only', async () => {
      const path = '/apis/apps/v1/namespaces/default/deployments';
      const spec = { selector: { matchLabels: { app: 'g' } }, template: { metadata: { labels: { app: 'g' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } };
      const created = (await req(path, 'POST', { metadata: { name: 'genbump' }, spec })).json<Json>();
      const labelled = (await req(`${path}/genbump`, 'PUT', { ...created, metadata: { ...created['metadata'], labels: { x: 'y' } } })).json<Json>();
      expect(labelled['metadata'].generation).to.equal(1);
      const scaled = (await req(`${path}/genbump`, 'PUT', { ...labelled, spec: { ...labelled['spec'], replicas: 4 } })).json<Json>();
      expect(scaled['metadata'].generation).to.equal(2);
    });

    it('should ignore status on the main resource and only take status on /status', async () => {
      const path = '/apis/apps/v1/namespaces/default/deployments';
      const spec = { selector: { matchLabels: { app: 's' } }, template: { metadata: { labels: { app: 's' } }, spec: { containers: [{ name: 'c', image: 'i' }] } } };
      const created = (await req(path, 'POST', { metadata: { name: 'st' }, spec })).json<Json>();
      const main = (await req(`${path}/st`, 'PUT', { ...created, status: { replicas: 3 } })).json<Json>();
      expect(main['status']).to.deep.equal({});
      const status = (await req(`${path}/st/status`, 'PUT', { ...main, metadata: { ...main['metadata'], labels: { ignored: 'yes' } }, spec: { ...main['spec'], replicas: 7 }, status: { replicas: 3 } })).json<Json>();
      expect(status['status']).to.deep.equal({ replicas: 3 });
      expect(status['spec'].replicas).to.equal(1);
      expect(status['metadata'].labels).to.equal(undefined);
      expect(status['metadata'].generation).to.equal(1);
    });
  });

  describe('handleDelete', () => {
    it('should answer a Success Status for a ConfigMap', async () => {
      const created = (await req(CM, 'POST', { metadata: { name: 'del' } })).json<Json>();
      const res = await req(`${CM}/del`, 'DELETE');
      expect(res.status).to.equal(200);
      expect(res.json()).to.deep.equal({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: 'del', kind: 'configmaps', uid: created['metadata'].uid } });
    });

    it('should keep an object with finalizers, set deletionTimestamp, and delete it when the last finalizer goes', async () => {
      await req(CM, 'POST', { metadata: { name: 'fin', finalizers: ['example.com/hold'] } });
      const deleting = await req(`${CM}/fin`, 'DELETE');
      expect(deleting.status).to.equal(200);
      const meta = deleting.json<Json>()['metadata'];
      expect(meta.deletionTimestamp).to.be.a('string');
      expect(meta.deletionGracePeriodSeconds).to.equal(0);
      const again = await req(`${CM}/fin`, 'DELETE');
      expect(again.json<Json>()['metadata'].deletionTimestamp).to.equal(meta.deletionTimestamp);
      const added = await req(`${CM}/fin`, 'PUT', { ...deleting.json<Json>(), metadata: { ...meta, finalizers: ['example.com/hold', 'example.com/more'] } });
      expect(added.status).to.equal(422);
      expect(added.json<Json>()['message']).to.contain('no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}');
      const removed = await req(`${CM}/fin`, 'PUT', { ...deleting.json<Json>(), metadata: { ...meta, finalizers: [] } });
      expect(removed.status).to.equal(200);
      expect((await req(`${CM}/fin`, 'GET')).status).to.equal(404);
    });

    it('should answer 409 naming the Kind when a precondition fails', async () => {
      await req(CM, 'POST', { metadata: { name: 'pre' } });
      const res = await req(`${CM}/pre`, 'DELETE', { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { resourceVersion: '1' } });
      expect(res.status).to.equal(409);
      expect(res.json<Json>()['message']).to.match(/^Operation cannot be fulfilled on ConfigMap "pre": the ResourceVersion in the precondition \(1\) does not match the ResourceVersion in record \(\d+\)\. The object might have been modified$/);
    });

    it('should add the orphan / foregroundDeletion finalizers for the propagation policy', async () => {
      await req(CM, 'POST', { metadata: { name: 'orph', finalizers: ['x.io/keep'] } });
      const res = await req(`${CM}/orph`, 'DELETE', { propagationPolicy: 'Orphan' });
      expect(res.json<Json>()['metadata'].finalizers).to.deep.equal(['x.io/keep', 'orphan']);
    });

    it('should answer 422 when orphanDependents and propagationPolicy are both set', async () => {
      const res = await req(`${CM}/whatever`, 'DELETE', { orphanDependents: true, propagationPolicy: 'Background' });
      expect(res.status).to.equal(422);
      expect(res.json<Json>()['message']).to.equal('DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Invalid value: "Background": orphanDependents and deletionPropagation cannot be both set');
    });

    it('should return the deleted Pod (ReturnDeletedObject kinds)', async () => {
      await req('/api/v1/namespaces/default/pods', 'POST', { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
      const res = await req('/api/v1/namespaces/default/pods/p', 'DELETE');
      expect(res.json<Json>()).to.include({ kind: 'Pod' });
    });

    it('should orphan the pods of a Job deleted without a policy, with the job storage warning (also on 404)', async () => {
      const JOBS = '/apis/batch/v1/namespaces/default/jobs';
      await req(JOBS, 'POST', { metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'i' }], restartPolicy: 'Never' } } } });
      const warning = '299 - "child pods are preserved by default when jobs are deleted; set propagationPolicy=Background to remove them or set propagationPolicy=Orphan to suppress this warning"';
      const res = await req(`${JOBS}/j`, 'DELETE');
      expect(res.headers['warning']).to.equal(warning);
      expect(res.json<Json>()['metadata'].finalizers).to.deep.equal(['orphan']);
      expect((await req(`${JOBS}/missing`, 'DELETE')).headers['warning']).to.equal(warning);
      expect((await req(`${JOBS}/missing?propagationPolicy=Background`, 'DELETE')).headers['warning']).to.equal(undefined);
    });

    it('should mark a pod on no node in a write of its own before removing it, and answer it marked (also in a dry run)', async () => {
      const created = await req('/api/v1/namespaces/default/pods', 'POST', { metadata: { name: 'marked' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
      const rv = Number(created.json<Json>()['metadata'].resourceVersion);
      const dry = (await req('/api/v1/namespaces/default/pods/marked?dryRun=All', 'DELETE')).json<Json>()['metadata'];
      expect(dry).to.include({ deletionGracePeriodSeconds: 0, resourceVersion: String(rv) });
      expect(dry.deletionTimestamp).to.be.a('string');
      const gone = (await req('/api/v1/namespaces/default/pods/marked', 'DELETE')).json<Json>()['metadata'];
      expect(gone).to.include({ deletionGracePeriodSeconds: 0 });
      expect(Number(gone.resourceVersion)).to.be.greaterThan(rv);
      expect((await req('/api/v1/namespaces/default/pods/marked', 'GET')).status).to.equal(404);
    });

    it('should not delete with dryRun', async () => {
      await req(CM, 'POST', { metadata: { name: 'drydel' } });
      expect((await req(`${CM}/drydel?dryRun=All`, 'DELETE')).status).to.equal(200);
      expect((await req(`${CM}/drydel`, 'GET')).status).to.equal(200);
    });
  });

  describe('handleDeleteCollection', () => {
    it('should delete what the selector matches and answer the list', async () => {
      await req('/api/v1/namespaces', 'POST', { metadata: { name: 'dc' } });
      for (const [name, app] of [['a', 'x'], ['b', 'x'], ['c', 'y']]) {
        await req('/api/v1/namespaces/dc/configmaps', 'POST', { metadata: { name, labels: { app } } });
      }
      const res = await req('/api/v1/namespaces/dc/configmaps?labelSelector=app%3Dx', 'DELETE');
      expect(res.json<Json>()['kind']).to.equal('ConfigMapList');
      expect(res.json<Json>()['items'].map((i: Json) => i['metadata'].name)).to.deep.equal(['a', 'b']);
      const left = (await req('/api/v1/namespaces/dc/configmaps', 'GET')).json<Json>()['items'];
      expect(left.map((i: Json) => i['metadata'].name)).to.deep.equal(['c']);
    });
  });
});
