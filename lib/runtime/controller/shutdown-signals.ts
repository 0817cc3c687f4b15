// processSignals(): SIGINT/SIGTERM as an Observable, for graceful then forced shutdown.
import { Observable } from 'rxjs';

/**
 * Emits the name of each of `signals` the process receives, while subscribed. Subscribing
 * installs the handlers (so the process no longer exits on them); unsubscribing removes them.
 *
 * `Controller.shutdownOnSignal()` uses it: the first signal starts a graceful shutdown, the
 * second forces it.
 */
export function processSignals(signals: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Observable<NodeJS.Signals> {
  return new Observable<NodeJS.Signals>((subscriber) => {
    const handler = (signal: NodeJS.Signals) => subscriber.next(signal);
    for (const signal of signals) process.on(signal, handler);
    return () => {
      for (const signal of signals) process.off(signal, handler);
    };
  });
}
