// The embedded server's discovery against a recording of the real kube-apiserver 1.32's (scripts/record-real-discovery.ts).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

const RECORDING = JSON.parse(readFileSync(new URL('../../fixtures/real-discovery-1.32.json', import.meta.url), 'utf8')) as Json;

/**
 * Differences between the two servers that are known and explained; everything else fails.
 * Remove an entry when the difference goes away (the spec fails until it is removed).
 */
const KNOWN: Readonly<Record<string, string>> = {};

/** One line per difference between a real and an embedded document. */
function differences(path: string, real: unknown, ours: unknown, out: string[]): void {
  if (Array.isArray(real) && Array.isArray(ours) && real.every((r) => typeof r === 'object' && r !== null)) {
    const key = (item: Json): string => String(item['name'] ?? item['resource'] ?? item['subresource'] ?? item['version'] ?? item['metadata']?.name ?? JSON.stringify(item));
    const mine = new Map((ours as Json[]).map((o) => [key(o), o]));
    const theirs = new Map((real as Json[]).map((r) => [key(r), r]));
    for (const [k, r] of theirs) {
      if (!mine.has(k)) out.push(`${path}[${k}]: missing`);
      else differences(`${path}[${k}]`, r, mine.get(k), out);
    }
    for (const k of mine.keys()) if (!theirs.has(k)) out.push(`${path}[${k}]: not served by kube-apiserver`);
    const order = (list: unknown[]): string[] => (list as Json[]).map(key).filter((k) => theirs.has(k) && mine.has(k));
    if (JSON.stringify(order(real)) !== JSON.stringify(order(ours))) out.push(`${path}: order ${JSON.stringify(order(ours))}, real ${JSON.stringify(order(real))}`);
    return;
  }
  if (typeof real === 'object' && real !== null && typeof ours === 'object' && ours !== null && !Array.isArray(real)) {
    for (const k of new Set([...Object.keys(real), ...Object.keys(ours)])) differences(`${path}.${k}`, (real as Json)[k], (ours as Json)[k], out);
    return;
  }
  if (JSON.stringify(real) !== JSON.stringify(ours)) out.push(`${path}: ${JSON.stringify(ours)}, real ${JSON.stringify(real)}`);
}

describe('discovery against the real kube-apiserver 1.32', () => {
  const env = useApiServer();

  async function get(path: string, accept = 'application/json'): Promise<Json> {
    const res = await rawRequest(env.server, path, { headers: { accept } });
    return res.status === 200 ? res.json<Json>() : { status: res.status };
  }

  it('should serve the same groups, versions, resources, verbs, names and subresources', async () => {
    const found: string[] = [];
    const api = await get('/api');
    delete api['serverAddressByClientCIDRs'];
    differences('/api', RECORDING['api'], api, found);
    differences('/apis', RECORDING['apis'], await get('/apis'), found);
    for (const [groupVersion, real] of Object.entries(RECORDING['resources'] as Json)) {
      differences(groupVersion, real, await get(groupVersion === 'v1' ? '/api/v1' : `/apis/${groupVersion}`), found);
    }
    const aggregated = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
    differences('aggregated /api', RECORDING['aggregated'].api, await get('/api', aggregated), found);
    differences('aggregated /apis', RECORDING['aggregated'].apis, await get('/apis', aggregated), found);
    const unexplained = found.filter((d) => !Object.keys(KNOWN).some((k) => d.startsWith(k)));
    expect(unexplained, unexplained.join('\n')).to.deep.equal([]);
    const stale = Object.keys(KNOWN).filter((k) => !found.some((d) => d.startsWith(k)));
    expect(stale, 'allow-list entries that no longer differ').to.deep.equal([]);
  });
});
