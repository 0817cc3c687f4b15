// Human-readable ages (`5m`, `2d3h`), exactly as kubectl and the API server print them.

/**
 * Formats a duration as apimachinery's `duration.HumanDuration` does: `45s`, `5m30s` (under 10
 * minutes), `95m` (under 3 hours), `5h20m` (under 8 hours), `30h` (under 2 days), `2d3h` (under
 * 8 days), `300d` (under 2 years), `3y45d` (under 8 years), `9y`. Negative durations of more than
 * one second print `<invalid>` (clock skew), smaller ones `0s`.
 *
 * ## Example
 * ```ts
 * humanDuration(125_000); // '2m5s'
 * humanDuration(3 * 86_400_000 + 3_600_000); // '3d1h'
 * ```
 *
 * @param milliseconds The elapsed time.
 */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.trunc(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/**
 * The age of a timestamp at `now`, as kubectl's AGE column shows it (`translateTimestampSince`):
 * `<unknown>` when the timestamp is missing or unparsable, else {@link humanDuration}.
 */
export function ageOf(timestamp: unknown, now: Date): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const time = Date.parse(timestamp);
  return Number.isNaN(time) ? '<unknown>' : humanDuration(now.getTime() - time);
}
