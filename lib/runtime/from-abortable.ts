// fromAbortable(): a Promise-returning call as a cold Observable whose unsubscribe aborts it.
import { Observable } from 'rxjs';

/**
 * Wraps a call that takes an `AbortSignal` (any `Api` method) as a cold Observable: each
 * subscription makes the call, emits its value and completes; unsubscribing before it
 * settles aborts it. The runtime uses it to keep Promises off its marble-testable paths.
 */
export function fromAbortable<T>(call: (signal: AbortSignal) => Promise<T>): Observable<T> {
  return new Observable<T>((subscriber) => {
    const controller = new AbortController();
    call(controller.signal).then(
      (value) => {
        subscriber.next(value);
        subscriber.complete();
      },
      (error: unknown) => subscriber.error(error),
    );
    return () => controller.abort();
  });
}
