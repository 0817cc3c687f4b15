import { expect } from 'chai';
import fastJsonPatch from 'fast-json-patch';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { allowed, denied, isAdmissionError, patched, withWarnings, type AdmissionRequest } from '../../../lib/core/index.js';

const request: AdmissionRequest<ConfigMap> = {
  uid: '705ab4f5-6393-11e8-b7cc-42010a800002',
  kind: { group: '', version: 'v1', kind: 'ConfigMap' },
  resource: { group: '', version: 'v1', resource: 'configmaps' },
  namespace: 'default',
  name: 'settings',
  operation: 'CREATE',
  userInfo: { username: 'admin', groups: ['system:masters'] },
  object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'web' } }, data: { mode: 'fast' } },
};

describe('admission responses', () => {
  it('should allow with the request uid, warnings and audit annotations', () => {
    expect(allowed(request)).to.deep.equal({ uid: request.uid, allowed: true });
    expect(allowed(request, { warnings: ['careful'], auditAnnotations: { checked: 'yes' } })).to.deep.equal({
      uid: request.uid,
      allowed: true,
      warnings: ['careful'],
      auditAnnotations: { checked: 'yes' },
    });
    expect(withWarnings(allowed(request, { warnings: ['a'] }), 'b', 'c').warnings).to.deep.equal(['a', 'b', 'c']);
  });

  it('should deny with a Forbidden Status by default, or the code asked for', () => {
    expect(denied(request, 'the label admission=deny is forbidden')).to.deep.equal({
      uid: request.uid,
      allowed: false,
      status: { metadata: {}, status: 'Failure', message: 'the label admission=deny is forbidden', reason: 'Forbidden', code: 403 },
    });
    expect(denied(request, 'bad', { code: 400 }).status).to.include({ code: 400, reason: 'BadRequest' });
    expect(denied(request, 'slow down', { code: 429, reason: 'TooManyRequests' }).status).to.include({ code: 429, reason: 'TooManyRequests' });
  });

  it('should compute the JSON patch of a mutation, base64-encoded with patchType JSONPatch', () => {
    const object = request.object as ConfigMap;
    const response = patched(request, { ...object, metadata: { ...object.metadata, labels: { ...object.metadata?.labels, injected: 'true' } }, data: {} });
    expect(response).to.include({ uid: request.uid, allowed: true, patchType: 'JSONPatch' });
    const operations = JSON.parse(Buffer.from(response.patch ?? '', 'base64').toString('utf8')) as fastJsonPatch.Operation[];
    expect(operations).to.deep.equal([
      { op: 'add', path: '/metadata/labels/injected', value: 'true' },
      { op: 'remove', path: '/data/mode' },
    ]);
    const result = fastJsonPatch.applyPatch(structuredClone(object), operations, true, false).newDocument;
    expect(result).to.deep.equal({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', labels: { app: 'web', injected: 'true' } }, data: {} });
  });

  it('should answer an unchanged object without a patch', () => {
    expect(patched(request, structuredClone(request.object as ConfigMap))).to.deep.equal({ uid: request.uid, allowed: true });
  });

  it('should refuse to patch a request without an object', () => {
    let caught: unknown;
    try {
      patched({ uid: 'u', object: null }, {});
    } catch (error) {
      caught = error;
    }
    expect(isAdmissionError(caught) && caught.reason).to.equal('NothingToPatch');
  });
});
