// Checks decoding of watch stream lines as the API server writes them (apiserver-semantics §5).
import { expect } from 'chai';
import { inspect } from 'node:util';
import { INITIAL_EVENTS_END_ANNOTATION, isInitialEventsEnd, parseWatchEvent, WatchDecodeError, type WatchEvent } from '../../../lib/core/watch/watch-event.js';
import { KubeError } from '../../../lib/core/errors/kube-error.js';
import type { Pod } from '../../../lib/core/resources/index.js';

const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', resourceVersion: '12' }, spec: { containers: [] } };

function decodeError(line: string): WatchDecodeError {
  try {
    parseWatchEvent(line);
  } catch (error) {
    if (error instanceof WatchDecodeError) return error;
    throw error;
  }
  throw new Error(`expected ${line} to be refused`);
}

describe('parseWatchEvent', () => {
  for (const type of ['ADDED', 'MODIFIED', 'DELETED'] as const) {
    it(`should decode ${type} with its object`, () => {
      const event = parseWatchEvent<Pod>(JSON.stringify({ type, object: pod }));
      expect(event).to.deep.equal({ type, object: pod });
    });
  }

  it('should decode a bookmark', () => {
    const line = '{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"12746","creationTimestamp":null},"spec":{"containers":null},"status":{}}}';
    const event = parseWatchEvent(line);
    expect(event.type).to.equal('BOOKMARK');
    expect(event.type === 'BOOKMARK' && event.object.metadata.resourceVersion).to.equal('12746');
    expect(isInitialEventsEnd(event)).to.equal(false);
  });

  it('should decode an ERROR event carrying a 410 Expired Status', () => {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'too old resource version: 5 (100)', reason: 'Expired', code: 410 };
    expect(parseWatchEvent(JSON.stringify({ type: 'ERROR', object: status }))).to.deep.equal({ type: 'ERROR', object: status });
  });

  it('should read a bare Status line as an ERROR event', () => {
    const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server has asked for the client to provide credentials', reason: 'Unauthorized', code: 401 };
    expect(parseWatchEvent(JSON.stringify(status))).to.deep.equal({ type: 'ERROR', object: status });
  });

  it('should wrap an ERROR whose object is not a Status in a 500 Status', () => {
    const event = parseWatchEvent('{"type":"ERROR","object":{"oops":1}}');
    expect(event.type).to.equal('ERROR');
    expect(event.object).to.deep.include({ kind: 'Status', status: 'Failure', code: 500, message: '{"oops":1}' });
  });

  it('should hand over the parsed object itself', () => {
    const event = parseWatchEvent<Pod>(JSON.stringify({ type: 'ADDED', object: pod })) as Extract<WatchEvent<Pod>, { type: 'ADDED' }>;
    expect(event.object.metadata?.name).to.equal('web');
  });

  it('should accept surrounding whitespace and a CR', () => {
    expect(parseWatchEvent(` ${JSON.stringify({ type: 'DELETED', object: pod })}\r`).type).to.equal('DELETED');
  });

  describe('errors', () => {
    it('should refuse a line that is not JSON, keeping the parse error as cause', () => {
      const error = decodeError('{"type":"ADDED","object":');
      expect([error.name, error.reason]).to.deep.equal(['WatchDecodeError', 'InvalidJson']);
      expect(error.cause).to.be.instanceOf(SyntaxError);
      expect(error).to.be.instanceOf(KubeError);
    });

    it('should refuse an unknown type', () => {
      const error = decodeError('{"type":"UPSERTED","object":{}}');
      expect(error.reason).to.equal('InvalidEvent');
      expect(error.message).to.include('"UPSERTED"');
    });

    it('should refuse a lowercase type, which the API never sends', () => {
      expect(decodeError('{"type":"added","object":{}}').reason).to.equal('InvalidEvent');
    });

    it('should refuse JSON that is not an event', () => {
      for (const line of ['[]', '42', 'null', '"ADDED"', '{}', '{"object":{}}']) expect(decodeError(line).reason, line).to.equal('InvalidEvent');
    });

    it('should refuse an event without an object', () => {
      for (const line of ['{"type":"ADDED"}', '{"type":"MODIFIED","object":null}', '{"type":"DELETED","object":"x"}']) {
        expect(decodeError(line).message, line).to.include('has no object');
      }
    });

    it('should refuse a bookmark without metadata.resourceVersion', () => {
      for (const line of ['{"type":"BOOKMARK","object":{}}', '{"type":"BOOKMARK","object":{"metadata":{}}}', '{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":12}}}']) {
        expect(decodeError(line).message, line).to.include('bookmark');
      }
    });

    it('should quote at most 200 characters of the line', () => {
      const error = decodeError(`{"type":"NOPE","object":{"data":"${'x'.repeat(1000)}"}}`);
      expect(error.line).to.have.length(203);
      expect(error.line.endsWith('...')).to.equal(true);
    });

    it('should not keep a credential from the line', () => {
      const error = decodeError('{"type":"NOPE","object":{"kind":"Secret","stringData":{"token":"tok-123"}}}');
      expect(error.message).to.not.include('tok-123');
      expect(error.line).to.not.include('tok-123');
      expect(inspect(error)).to.not.include('tok-123');
    });
  });
});

describe('isInitialEventsEnd', () => {
  const bookmark = (annotations?: Record<string, string>): WatchEvent<Pod> => ({
    type: 'BOOKMARK',
    object: { kind: 'Pod', apiVersion: 'v1', metadata: { resourceVersion: '50', ...(annotations === undefined ? {} : { annotations }) } },
  });

  it('should hold for the bookmark annotated k8s.io/initial-events-end: "true"', () => {
    expect(INITIAL_EVENTS_END_ANNOTATION).to.equal('k8s.io/initial-events-end');
    expect(isInitialEventsEnd(bookmark({ 'k8s.io/initial-events-end': 'true' }))).to.equal(true);
    expect(isInitialEventsEnd(parseWatchEvent('{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"9","annotations":{"k8s.io/initial-events-end":"true"}}}}'))).to.equal(true);
  });

  it('should not hold for other bookmarks or other events', () => {
    expect(isInitialEventsEnd(bookmark())).to.equal(false);
    expect(isInitialEventsEnd(bookmark({ 'k8s.io/initial-events-end': 'false' }))).to.equal(false);
    expect(isInitialEventsEnd({ type: 'ADDED', object: { metadata: { annotations: { 'k8s.io/initial-events-end': 'true' } } } })).to.equal(false);
  });
});
