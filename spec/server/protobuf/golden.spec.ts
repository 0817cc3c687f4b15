// Our protobuf codec against bytes the REAL kube-apiserver 1.32.13 answered (scripts/capture-protobuf-golden.ts).
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeProtobufObject, encodeProtobufObject } from '../../../lib/server/protobuf/protobuf-object.js';
import { encodeWatchFrame } from '../../../lib/server/protobuf/watch-frame.js';

type Json = Record<string, any>;

interface Golden {
  readonly path: string;
  readonly accept?: string;
  readonly contentType: string;
  readonly json: Json;
  readonly protobuf: string;
}

const DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/protobuf');
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Golden] as const);

/** The JSON object the protobuf answer encodes: PartialObjectMetadata when asked for it. */
function objectOf(name: string, golden: Golden): Json {
  if (name === 'partial-object-metadata') return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: golden.json['metadata'] };
  return golden.json;
}

/**
 * What a Go client decoding the protobuf answer would see. A StatefulSet's volumeClaimTemplates
 * are PersistentVolumeClaims whose TypeMeta has no protobuf field: the real server's JSON shows
 * kind/apiVersion there only because its storage decoding re-runs defaulting.
 */
function decodedForm(object: Json): Json {
  const copy = structuredClone(object);
  for (const template of copy['spec']?.['volumeClaimTemplates'] ?? []) {
    delete template.kind;
    delete template.apiVersion;
  }
  return copy;
}

describe('protobuf codec against kube-apiserver 1.32.13', () => {
  it('should have golden answers for the served kinds, a list, a Status, metadata and a watch', () => {
    expect(fixtures.length).to.be.at.least(40);
  });

  for (const [name, golden] of fixtures) {
    if (name.startsWith('watch-')) continue;
    describe(name, () => {
      const bytes = Buffer.from(golden.protobuf, 'base64');

      it('should have been served as application/vnd.kubernetes.protobuf', () => {
        expect(golden.contentType).to.equal('application/vnd.kubernetes.protobuf');
      });

      it('should encode the JSON to the same bytes', () => {
        expect(Buffer.from(encodeProtobufObject(objectOf(name, golden))).toString('hex')).to.equal(bytes.toString('hex'));
      });

      it('should decode the bytes to the same JSON, key order included', () => {
        const decoded = decodeProtobufObject(bytes, { apiVersion: '', kind: '' });
        expect(JSON.stringify(decoded)).to.equal(JSON.stringify(decodedForm(objectOf(name, golden))));
      });
    });
  }

  describe('watch-configmaps', () => {
    const golden = fixtures.find(([name]) => name === 'watch-configmaps')?.[1] as Golden;

    it('should frame events as the real watch stream does', () => {
      expect(golden.contentType).to.equal('application/vnd.kubernetes.protobuf;stream=watch');
      const frames = Buffer.concat((golden.json as unknown as { type: string; object: Json }[]).map((e) => encodeWatchFrame(e.type, encodeProtobufObject(e.object))));
      expect(frames.toString('hex')).to.equal(Buffer.from(golden.protobuf, 'base64').toString('hex'));
    });
  });
});
