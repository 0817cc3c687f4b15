import { expect } from 'chai';
import { delay, map, mergeMap, NEVER, of } from 'rxjs';
import { conversionFailed, converted, type ConversionRequest, type KubeObject } from '../../lib/core/index.js';
import { createTestScheduler } from '../../lib/testing/test-scheduler.js';
import { convertEach, serveConversion } from '../../lib/webhook/serve-conversion.js';

type Widget = KubeObject & { spec: Record<string, unknown> };

const v1 = (name: string, size: number): Widget => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name }, spec: { size } });
const v2 = (name: string, size: number): Widget => ({ apiVersion: 'example.com/v2', kind: 'Widget', metadata: { name }, spec: { dimensions: { size } } });

/** v1 `spec.size` is v2 `spec.dimensions.size`. */
const widgets = convertEach((object, to) => {
  const spec = (object as Widget).spec;
  return to === 'example.com/v2'
    ? { ...object, spec: { dimensions: { size: spec['size'] } } }
    : { ...object, spec: { size: (spec['dimensions'] as { size: number }).size } };
});

const up: ConversionRequest = { uid: 'u1', desiredAPIVersion: 'example.com/v2', objects: [v1('a', 1), v1('b', 2)] };
const down: ConversionRequest = { uid: 'u2', desiredAPIVersion: 'example.com/v1', objects: [v2('a', 1)] };

describe('serveConversion', () => {
  it('should convert every object of each request, in order, with convertEach', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      expectObservable(cold('-u-d|', { u: up, d: down }).pipe(serveConversion(widgets))).toBe('-U-D|', {
        U: converted(up, [v2('a', 1), v2('b', 2)]),
        D: converted(down, [v1('a', 1)]),
      });
    });
  });

  it('should answer a Failure for a wrong count, a timeout, or an error, and report it', () => {
    const errors: string[] = [];
    createTestScheduler().run(({ cold, expectObservable }) => {
      const handler = mergeMap((r: ConversionRequest) => {
        if (r.uid === 'u1') return of([] as KubeObject[]);
        if (r.uid === 'u2') return NEVER;
        return of(r.objects).pipe(
          delay(1),
          map(() => {
            throw new Error('v3 is not known');
          }),
        );
      });
      const third: ConversionRequest = { ...down, uid: 'u3' };
      const served = cold('ab-c|', { a: up, b: down, c: third }).pipe(serveConversion(handler, { timeoutMs: 10, onError: (e) => errors.push((e as Error).message) }));
      expectObservable(served).toBe('a---c------(b|)', {
        a: conversionFailed(up, 'conversion returned 0 objects, expected 2'),
        b: conversionFailed(down, 'the conversion handler did not answer within 10 ms'),
        c: conversionFailed(third, 'v3 is not known'),
      });
    });
    expect(errors).to.deep.equal(['conversion returned 0 objects, expected 2', 'v3 is not known', 'the conversion handler did not answer within 10 ms']);
  });
});
