// Specs of serveMetrics and metricsHandler: a loopback endpoint Prometheus (or curl) can scrape.
import { expect } from 'chai';
import { Counter, Registry } from 'prom-client';
import { serveMetrics, type MetricsServer } from '../../lib/metrics/serve-metrics.js';

describe('serveMetrics', () => {
  let server: MetricsServer | undefined;
  const registry = new Registry();
  new Counter({ name: 'spec_things_total', help: 'Things.', registers: [registry] }).inc(7);

  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('should answer GET /metrics with the registry in Prometheus text format', async () => {
    server = await serveMetrics({ registry, port: 0, host: '127.0.0.1' });
    expect(server.url).to.match(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const response = await fetch(server.url);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal(registry.contentType);
    expect(await response.text()).to.contain('# TYPE spec_things_total counter').and.contain('spec_things_total 7');
  });

  it('should answer 404 elsewhere and 405 to other methods', async () => {
    server = await serveMetrics({ registry, port: 0, host: '127.0.0.1', path: '/custom' });
    const base = server.url.replace(/\/custom$/, '');
    expect((await fetch(`${base}/metrics`)).status).to.equal(404);
    const post = await fetch(server.url, { method: 'POST' });
    expect([post.status, post.headers.get('allow')]).to.deep.equal([405, 'GET, HEAD']);
    expect((await fetch(`${server.url}?x=1`)).status).to.equal(200);
  });

  it('should reject when the port is taken', async () => {
    server = await serveMetrics({ registry, port: 0, host: '127.0.0.1' });
    const error = await serveMetrics({ registry, port: server.port, host: '127.0.0.1' }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).to.equal('EADDRINUSE');
  });
});
