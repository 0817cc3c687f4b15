// Spec helper: the one place integration specs wait for a real control plane to converge by itself.
import { setTimeout as delay } from 'node:timers/promises';

/** How long {@link pollUntil} keeps asking, and how often. */
export interface PollOptions {
  /** Attempts before giving up (default 100). */
  readonly attempts?: number;
  /** Pause between attempts, in milliseconds (default 50). */
  readonly intervalMs?: number;
}

/** The last value a poll saw, and whether it satisfied the condition. */
export interface PollOutcome<T> {
  readonly value: T;
  readonly reached: boolean;
}

/**
 * Asks `probe` until `done` holds for its answer or the attempts run out, as Gomega's `Eventually`
 * does in controller-runtime's envtest specs. This is for what a real kube-apiserver does on its own
 * time and announces nowhere: an authorizer's informers picking up a new binding, the
 * ServiceAccount controller, RBAC aggregation. The first attempt is immediate, so against the
 * embedded server, which converges before it answers, nothing waits. Unit specs never use it: their
 * time is virtual (an RxJS TestScheduler), and what can be watched is awaited with a watch.
 */
export async function pollUntil<T>(probe: () => Promise<T>, done: (value: T) => boolean, options: PollOptions = {}): Promise<PollOutcome<T>> {
  const attempts = options.attempts ?? 100;
  let value = await probe();
  for (let attempt = 1; !done(value); attempt += 1) {
    if (attempt >= attempts) return { value, reached: false };
    await delay(options.intervalMs ?? 50);
    value = await probe();
  }
  return { value, reached: true };
}

/** {@link pollUntil} that throws, naming `what`, when the condition is never reached. */
export async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, options: PollOptions = {}): Promise<T> {
  const outcome = await pollUntil(probe, done, options);
  if (!outcome.reached) throw new Error(`${what} never happened (${options.attempts ?? 100} attempts)`);
  return outcome.value;
}
