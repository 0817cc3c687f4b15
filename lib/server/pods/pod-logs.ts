// The container logs the server serves on pods/log: what tests put there, line by line, with followers.

/** One log line and when it was written. */
export interface LogLine {
  readonly time: Date;
  readonly text: string;
}

interface ContainerLog {
  readonly lines: LogLine[];
  readonly followers: Set<(line: LogLine) => void>;
}

/**
 * Container logs by namespace, pod and container. There is no kubelet, so tests write
 * them ({@link append}); `GET .../pods/{name}/log` reads them, and `follow=true` streams
 * lines appended later.
 */
export class PodLogs {
  readonly #logs = new Map<string, ContainerLog>();

  #log(namespace: string, pod: string, container: string): ContainerLog {
    const key = `${namespace}/${pod}/${container}`;
    let log = this.#logs.get(key);
    if (log === undefined) {
      log = { lines: [], followers: new Set() };
      this.#logs.set(key, log);
    }
    return log;
  }

  /** Appends text (split into lines) to a container's log and to its followers. */
  append(namespace: string, pod: string, container: string, text: string, time: Date): void {
    const log = this.#log(namespace, pod, container);
    const parts = text.split('\n');
    if (parts.at(-1) === '') parts.pop();
    for (const part of parts) {
      const line = { time, text: part };
      log.lines.push(line);
      for (const follower of log.followers) follower(line);
    }
  }

  /** The lines of a container's log. */
  lines(namespace: string, pod: string, container: string): readonly LogLine[] {
    return this.#logs.get(`${namespace}/${pod}/${container}`)?.lines ?? [];
  }

  /** Calls `follower` for every line appended from now on; returns the unsubscribe. */
  follow(namespace: string, pod: string, container: string, follower: (line: LogLine) => void): () => void {
    const log = this.#log(namespace, pod, container);
    log.followers.add(follower);
    return () => log.followers.delete(follower);
  }

  /** Forgets the logs of a pod (when it is deleted). */
  forget(namespace: string, pod: string): void {
    for (const key of [...this.#logs.keys()]) if (key.startsWith(`${namespace}/${pod}/`)) this.#logs.delete(key);
  }
}
