// Strategic merge patches of the wrong shape answer what kube-apiserver 1.32 answered for the same patch (recorded from the real server).
import { expect } from 'chai';
import { goFormat, unstructuredConversionError } from '../../../lib/server/patch/unstructured-conversion.js';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

/** Patch → kube-apiserver 1.32.13's message for it, on a ConfigMap. */
const REAL: readonly (readonly [string, string])[] = [
  ['{"data":"x"}', ' "" is invalid: patch: Invalid value: "map[data:x]": cannot restore map from string'],
  ['{"metadata":{"labels":"x"}}', ' "" is invalid: patch: Invalid value: "map[metadata:map[labels:x]]": cannot restore map from string'],
  ['{"data":{"a":1}}', ' "" is invalid: patch: Invalid value: "map[data:map[a:1]]": cannot convert int64 to string'],
  ['{"data":{"a":true}}', ' "" is invalid: patch: Invalid value: "map[data:map[a:true]]": unrecognized type: string'],
  ['{"data":{"a":{"b":1}}}', ' "" is invalid: patch: Invalid value: "map[data:map[a:map[b:1]]]": unrecognized type: string'],
  ['{"data":["x"]}', ' "" is invalid: patch: Invalid value: "map[data:[x]]": cannot restore map from slice'],
  ['{"metadata":{"labels":{"a":1}}}', ' "" is invalid: patch: Invalid value: "map[metadata:map[labels:map[a:1]]]": cannot convert int64 to string'],
  ['{"metadata":{"labels":["a"]}}', ' "" is invalid: patch: Invalid value: "map[metadata:map[labels:[a]]]": cannot restore map from slice'],
  ['{"metadata":{"ownerReferences":"x"}}', ' "" is invalid: patch: Invalid value: "map[metadata:map[ownerReferences:x]]": cannot restore slice from string'],
  ['{"metadata":{"ownerReferences":[1]}}', ' "" is invalid: patch: Invalid value: "map[metadata:map[ownerReferences:[1]]]": cannot restore struct from: int64'],
  ['{"binaryData":{"a":"!!"}}', ' "" is invalid: patch: Invalid value: "map[binaryData:map[a:!!]]": error decoding from json: illegal base64 data at input byte 0'],
  ['{"data":{"a":1.5}}', ' "" is invalid: patch: Invalid value: "map[data:map[a:1.5]]": unrecognized type: string'],
  ['{"metadata":{"finalizers":"x"}}', ' "" is invalid: patch: Invalid value: "map[metadata:map[finalizers:x]]": cannot restore slice from string'],
];

describe('goFormat', () => {
  it('should print decoded JSON as Go\'s %+v does', () => {
    expect(goFormat({ b: [1, 'x', true], a: { c: null } })).to.equal('map[a:map[c:<nil>] b:[1 x true]]');
    expect(goFormat(1.5)).to.equal('1.5');
  });
});

describe('unstructuredConversionError', () => {
  it('should accept a well-shaped object and name the first misfit', () => {
    const gvk = { group: '', version: 'v1', kind: 'ConfigMap' };
    expect(unstructuredConversionError(gvk, { metadata: { name: 'a', labels: { x: 'y' } }, data: { k: 'v' }, binaryData: { b: 'aGk=' } })).to.equal(undefined);
    expect(unstructuredConversionError({ group: 'apps', version: 'v1', kind: 'Deployment' }, { spec: { replicas: 'three' } })).to.equal('unrecognized type: int64');
    expect(unstructuredConversionError({ group: 'apps', version: 'v1', kind: 'Deployment' }, { spec: { replicas: 2.5 } })).to.equal('cannot convert float64 to int64');
  });
});

describe('strategic merge patch type errors through the API', () => {
  const env = useApiServer({ simulate: false });

  it('should answer each recorded patch as kube-apiserver did: 422 with the GroupKind and name empty', async () => {
    await rawRequest(env.server, '/api/v1/namespaces/default/configmaps', { method: 'POST', body: { metadata: { name: 'sm' } } });
    for (const [patch, message] of REAL) {
      const res = await rawRequest(env.server, '/api/v1/namespaces/default/configmaps/sm', { method: 'PATCH', body: patch, headers: { 'content-type': 'application/strategic-merge-patch+json' } });
      expect(res.status, patch).to.equal(422);
      const status = res.json<Json>();
      expect(status['message'], patch).to.equal(message);
      expect(status['details']).to.deep.equal({ causes: [{ reason: 'FieldValueInvalid', message: message.replace(' "" is invalid: patch: ', ''), field: 'patch' }] });
    }
  });

  it('should answer a merge patch\'s decode error with the patched document, its top-level keys sorted', async () => {
    const res = await rawRequest(env.server, '/api/v1/namespaces/default/configmaps/sm', { method: 'PATCH', body: '{"data":"x"}', headers: { 'content-type': 'application/merge-patch+json' } });
    expect(res.status).to.equal(422);
    expect(res.json<Json>()['message']).to.match(/^ "" is invalid: patch: Invalid value: "\{\\"apiVersion\\":\\"v1\\",\\"data\\":\\"x\\",\\"kind\\":\\"ConfigMap\\",\\"metadata\\":\{\\"name\\":\\"sm\\",/);
    expect(res.json<Json>()['message']).to.match(/": json: cannot unmarshal string into Go struct field ConfigMap\.data of type map\[string\]string$/);
  });
});
