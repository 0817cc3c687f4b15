import { expect } from 'chai';
import { delay, EMPTY, map, mergeMap, NEVER, of, throwError } from 'rxjs';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { allowed, denied, patched, type AdmissionRequest, type AdmissionResponse } from '../../lib/core/index.js';
import { createTestScheduler } from '../../lib/testing/test-scheduler.js';
import { serveAdmission, type AdmissionHandler } from '../../lib/webhook/serve-admission.js';
import type { WebhookError } from '../../lib/webhook/webhook-error.js';

function request(uid: string, labels: Record<string, string> = {}): AdmissionRequest<ConfigMap> {
  return {
    uid,
    kind: { group: '', version: 'v1', kind: 'ConfigMap' },
    resource: { group: '', version: 'v1', resource: 'configmaps' },
    operation: 'CREATE',
    userInfo: { username: 'admin' },
    namespace: 'default',
    name: uid,
    object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: uid, labels } },
  };
}

const a = request('a');
const b = request('b', { admission: 'deny' });
const c = request('c');

/** kube-rs's admission controller: deny a forbidden label, add one on create. */
const policy: AdmissionHandler<ConfigMap> = map((r) => {
  const object = r.object as ConfigMap;
  if (object.metadata?.labels?.['admission'] === 'deny') return denied(r, 'the label admission=deny is forbidden');
  return patched(r, { ...object, metadata: { ...object.metadata, labels: { ...object.metadata?.labels, 'kube-rx.dev/admitted': 'true' } } });
});

describe('serveAdmission', () => {
  it('should answer each request with the handler, as it arrives', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const requests = cold<AdmissionRequest<ConfigMap>>('-a-b-c|', { a, b, c });
      expectObservable(requests.pipe(serveAdmission(policy))).toBe('-A-B-C|', { A: answer(a), B: denied(b, 'the label admission=deny is forbidden'), C: answer(c) });
      expectSubscriptions(requests.subscriptions).toBe('^-----!');
    });
    expect(JSON.parse(Buffer.from(answer(a).patch ?? '', 'base64').toString('utf8'))).to.deep.equal([{ op: 'add', path: '/metadata/labels/kube-rx.dev~1admitted', value: 'true' }]);
  });

  it('should run requests concurrently, each with its own time', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const slowFirst: AdmissionHandler<ConfigMap> = mergeMap((r) => of(allowed(r)).pipe(delay(r.uid === 'a' ? 4 : 1)));
      expectObservable(cold('ab|', { a, b }).pipe(serveAdmission(slowFirst))).toBe('--B-(A|)', { A: allowed(a), B: allowed(b) });
    });
  });

  it('should deny with 504 a request whose handler takes longer than the timeout, and report it', () => {
    const errors: string[] = [];
    createTestScheduler().run(({ cold, expectObservable }) => {
      const slow: AdmissionHandler<ConfigMap> = mergeMap((r) => (r.uid === 'b' ? NEVER : of(allowed(r)).pipe(delay(2))));
      const served = cold('a-b|', { a, b }).pipe(serveAdmission(slow, { timeoutMs: 5, onError: (e: WebhookError) => errors.push(`${e.reason} ${e.message}`) }));
      expectObservable(served).toBe('--A----(B|)', {
        A: allowed(a),
        B: denied(b, 'the webhook handler did not answer within 5 ms', { code: 504, reason: 'Timeout' }),
      });
    });
    expect(errors).to.deep.equal(['HandlerTimeout the webhook handler did not answer within 5 ms']);
  });

  it('should allow with a warning when the failure policy says allow', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const served = cold('a|', { a }).pipe(serveAdmission<ConfigMap>(mergeMap(() => NEVER), { timeoutMs: 3, onFailure: 'allow' }));
      expectObservable(served).toBe('---(A|)', { A: allowed(a, { warnings: ["the webhook handler did not answer within 3 ms; allowed by the webhook's failure policy"] }) });
    });
  });

  it('should answer a handler error or a handler that ends without answering with a 500 denial', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const broken: AdmissionHandler<ConfigMap> = mergeMap((r) => (r.uid === 'a' ? throwError(() => new Error('the Store is not ready')) : EMPTY));
      expectObservable(cold('a-b|', { a, b }).pipe(serveAdmission(broken))).toBe('a-b|', {
        a: denied(a, 'the webhook handler failed: the Store is not ready', { code: 500, reason: 'InternalError' }),
        b: denied(b, 'the webhook handler completed without an answer', { code: 500, reason: 'InternalError' }),
      });
    });
  });

  it("should take the handler's first answer only, with the request's uid", () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const chatty: AdmissionHandler<ConfigMap> = mergeMap((r) => of({ uid: 'wrong', allowed: true } as AdmissionResponse, denied(r, 'too late')));
      expectObservable(cold('a|', { a }).pipe(serveAdmission(chatty))).toBe('A|', { A: { uid: 'a', allowed: true } });
    });
  });

  it('should pass the source error on, and stop every handler when unsubscribed', () => {
    createTestScheduler().run(({ cold, expectObservable, expectSubscriptions }) => {
      const handlerRuns = cold<AdmissionResponse>('----x', { x: allowed(a) });
      const served = cold('a-#', { a }).pipe(serveAdmission<ConfigMap>(mergeMap(() => handlerRuns)));
      expectObservable(served).toBe('--#');
      expectSubscriptions(handlerRuns.subscriptions).toBe('^-!');
    });
  });
});

function answer(r: AdmissionRequest<ConfigMap>): AdmissionResponse {
  let out: AdmissionResponse | undefined;
  policy(of(r)).subscribe((x) => (out = x));
  return out as AdmissionResponse;
}
