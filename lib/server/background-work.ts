// Tracks the server's background work (controllers, timers) so tests can wait for it and close stops it.

/**
 * Runs deferred tasks: immediate ones (`setImmediate`) and delayed ones (`setTimeout`,
 * unref'd so they never keep the process alive). {@link settle} resolves once no
 * immediate task is pending — the controllers have caught up with every change so far.
 * {@link close} cancels everything.
 */
export class BackgroundWork {
  readonly #immediates = new Set<NodeJS.Immediate>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #idle: (() => void)[] = [];
  readonly #onError: (error: unknown) => void;
  #closed = false;

  constructor(onError: (error: unknown) => void = () => undefined) {
    this.#onError = onError;
  }

  /** Runs `task` on the next turn of the event loop, or after `delayMs`. */
  defer(task: () => void, delayMs = 0): void {
    if (this.#closed) return;
    if (delayMs <= 0) {
      const handle = setImmediate(() => {
        this.#immediates.delete(handle);
        this.#run(task);
        this.#checkIdle();
      });
      this.#immediates.add(handle);
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      this.#run(task);
      this.#checkIdle();
    }, delayMs);
    timer.unref();
    this.#timers.add(timer);
  }

  /** Resolves when no immediate task is pending. */
  settle(): Promise<void> {
    if (this.#immediates.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Cancels every pending task. */
  close(): void {
    this.#closed = true;
    for (const handle of this.#immediates) clearImmediate(handle);
    for (const timer of this.#timers) clearTimeout(timer);
    this.#immediates.clear();
    this.#timers.clear();
    this.#checkIdle();
  }

  #run(task: () => void): void {
    try {
      task();
    } catch (error) {
      this.#onError(error);
    }
  }

  #checkIdle(): void {
    if (this.#immediates.size > 0) return;
    for (const resolve of this.#idle.splice(0)) resolve();
  }
}
