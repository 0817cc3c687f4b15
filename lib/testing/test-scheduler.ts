// createTestScheduler(): a TestScheduler that compares frames with node:assert's deep equality.
import { deepStrictEqual } from 'node:assert';
import { TestScheduler } from 'rxjs/testing';

/**
 * A `TestScheduler` whose assertions use `assert.deepStrictEqual` (errors lose their stack
 * first, so an expected `new WatcherError(...)` matches the one emitted). Works under any
 * test runner that reports thrown `AssertionError`s (mocha, node:test, jest, vitest).
 *
 * ## Example
 * ```ts
 * createTestScheduler().run(({ cold, expectObservable }) => {
 *   expectObservable(cold('-a|').pipe(map((x) => x.toUpperCase()))).toBe('-A|', { A: 'A' });
 * });
 * ```
 */
export function createTestScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => deepStrictEqual(withoutStacks(actual), withoutStacks(expected)));
}

function withoutStacks(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  return value.map((frame: unknown) => {
    const notification = (frame as { notification?: { kind?: string; error?: unknown } }).notification;
    if (notification?.kind !== 'E' || !(notification.error instanceof Error)) return frame;
    const error = notification.error;
    const plain = { name: error.name, message: error.message, ...Object.fromEntries(Object.entries(error)) };
    return { ...(frame as object), notification: { ...notification, error: plain } };
  });
}
