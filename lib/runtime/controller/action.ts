// Action: what a reconcile asks for next — run again after a while, or wait for a change.

/** What to do after a reconcile: requeue after `requeueAfter` ms, or wait for the next change. */
export interface Action {
  /** Reconcile this object again after this many ms, unless a change triggers it earlier. */
  readonly requeueAfter?: number;
}

/**
 * Constructors for {@link Action}.
 *
 * A reconciler is level-triggered: it looks at the object as it is now and makes the world
 * match. Returning `Action.requeue(ms)` (say, every 5 minutes) is a reasonable safety net for
 * drift that no watch reports; `Action.awaitChange()` relies on watches alone.
 */
export const Action = {
  /** Run again after `ms` milliseconds (earlier if the object changes). */
  requeue: (ms: number): Action => ({ requeueAfter: Math.max(0, ms) }),
  /** Run again only when a watched object changes. */
  awaitChange: (): Action => ({}),
} as const;
