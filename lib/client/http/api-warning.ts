// What the Client does with the API server's warnings: an event per warning, logged once by default.
import type { WarningHeader } from '../../core/warning-header.js';

/** A warning the API server attached to an answer (`Warning: 299 - "..."`), and the request it answered. */
export interface ApiWarning extends WarningHeader {
  readonly request: { readonly method: string; readonly path: string };
}

/** Receives each warning of each answer. */
export type WarningHandler = (warning: ApiWarning) => void;

/** How many distinct warning texts {@link logWarningsOnce} remembers before it starts over. */
const REMEMBERED = 1000;

/**
 * The default {@link WarningHandler}: each distinct 299 warning text is written once per
 * handler (one per Client) with `process.emitWarning(text, 'KubernetesWarning')`, as kubectl
 * prints `Warning: ...` once per message. Node prints it to standard error (`--no-warnings`
 * silences it); `process.on('warning')` sees it. Memory is bounded: after 1000 distinct
 * texts it forgets them and may print one again.
 */
export function logWarningsOnce(): WarningHandler {
  const seen = new Set<string>();
  return (warning) => {
    if (warning.code !== 299 || warning.text === '' || seen.has(warning.text)) return;
    if (seen.size >= REMEMBERED) seen.clear();
    seen.add(warning.text);
    process.emitWarning(warning.text, 'KubernetesWarning');
  };
}
