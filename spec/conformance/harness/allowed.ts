// The shape of the one allow-list (spec/conformance/allowed-differences.ts) and how it is applied.
import type { Difference } from './diff.js';

/** A difference between the embedded and the real server that is accepted, and why. */
export interface AllowedDifference {
  /** The case's name. */
  readonly case: string;
  /** The step's label. */
  readonly step: string;
  /**
   * The differing JSON path, or an ancestor of the differing paths (`response.body.status`
   * covers `response.body.status.phase`). No wildcards.
   */
  readonly path: string;
  /** Why it differs; it must hold for any in-memory server. */
  readonly reason: string;
}

/** Whether `entry` covers `difference`. */
export function covers(entry: AllowedDifference, difference: Difference): boolean {
  if (entry.case !== difference.case || entry.step !== difference.step) return false;
  const path = difference.path;
  return path === entry.path || path.startsWith(`${entry.path}.`) || path.startsWith(`${entry.path}[`);
}

/** Splits differences into those an entry allows and the rest; counts the entries used. */
export function applyAllowList(differences: readonly Difference[], entries: readonly AllowedDifference[]): { allowed: Difference[]; unexpected: Difference[]; used: Set<AllowedDifference> } {
  const allowed: Difference[] = [];
  const unexpected: Difference[] = [];
  const used = new Set<AllowedDifference>();
  for (const d of differences) {
    const entry = entries.find((e) => covers(e, d));
    if (entry === undefined) unexpected.push(d);
    else {
      allowed.push(d);
      used.add(entry);
    }
  }
  return { allowed, unexpected, used };
}
