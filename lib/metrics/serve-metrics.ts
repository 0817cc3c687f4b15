// serveMetrics(): an HTTP server for Prometheus to scrape, on /metrics.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import { metricsHandler } from './metrics-handler.js';

/** Options of {@link serveMetrics}. */
export interface ServeMetricsOptions {
  /** The registry to serve (a `ControllerMetrics`'s `registry`). */
  readonly registry: Registry;
  /** @default 8080 (controller-runtime's metrics port); 0 picks a free one */
  readonly port?: number;
  /** The interface to listen on, e.g. `'127.0.0.1'`. @default every interface (Prometheus scrapes the pod IP) */
  readonly host?: string;
  /** @default '/metrics' */
  readonly path?: string;
}

/** A running metrics server. */
export interface MetricsServer {
  /** Where the metrics are, e.g. `http://127.0.0.1:8080/metrics`. */
  readonly url: string;
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Starts a plain-HTTP server answering `GET {path}` with the registry's metrics (404
 * elsewhere), as a controller's metrics endpoint: `curl http://127.0.0.1:8080/metrics`.
 *
 * @throws the listen error (e.g. `EADDRINUSE`) as a rejection.
 */
export async function serveMetrics(options: ServeMetricsOptions): Promise<MetricsServer> {
  const { registry, port = 8080, host, path = '/metrics' } = options;
  const handle = metricsHandler(registry);
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://metrics');
    if (url.pathname !== path) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const where = host ?? address.address;
  return {
    url: `http://${where.includes(':') ? `[${where}]` : where}:${address.port}${path}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}
