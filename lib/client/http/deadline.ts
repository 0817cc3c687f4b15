// A request's deadline: an AbortSignal that fires after a number of milliseconds, and its cleanup.

/** A deadline: `signal` aborts `ms` milliseconds after it was made; `clear()` cancels it. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly ms: number;
  clear(): void;
}

/**
 * A deadline `ms` milliseconds from now. The timer does not keep the process alive, and is
 * cancelled by `clear()` once the request is done (no timer outlives its request). Built on
 * `setTimeout` rather than `AbortSignal.timeout`, so specs can drive it with fake timers.
 */
export function deadline(ms: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`deadline of ${ms} ms passed`)), ms);
  timer.unref?.();
  return { signal: controller.signal, ms, clear: () => clearTimeout(timer) };
}
