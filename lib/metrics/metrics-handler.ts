// metricsHandler(): a node:http request listener that answers with a registry's metrics.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/**
 * A `node:http` request listener serving `registry` in Prometheus's text format: `GET` (and
 * `HEAD`) get it, anything else a 405. Mount it on your own server, or let
 * {@link serveMetrics} start one.
 *
 * ## Example
 * ```ts
 * createServer((req, res) => (req.url === '/metrics' ? metricsHandler(metrics.registry)(req, res) : app(req, res)));
 * ```
 */
export function metricsHandler(registry: Registry): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end('method not allowed\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(request.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`cannot collect metrics: ${error instanceof Error ? error.message : String(error)}\n`);
      },
    );
  };
}
