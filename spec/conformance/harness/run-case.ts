// Runs one case on one target: namespaces first (not compared), then the case's steps.
import { CaseContext, type ConformanceCase } from './case-context.js';
import type { Transcript, WireResponse } from './exchange.js';
import type { Target } from './target.js';
import { pollUntil } from '../../helpers/eventually.js';

/** What a target does by itself that the setup of a case waits for. */
export interface TargetTraits {
  /** Whether namespaces get a `default` ServiceAccount by themselves (else the setup creates it). */
  readonly defaultServiceAccounts: boolean;
}

async function poll(target: Target, path: string, timeoutMs: number): Promise<WireResponse> {
  const outcome = await pollUntil(
    async () => {
      await target.settle();
      return target.send({ method: 'GET', path });
    },
    (res) => res.code === 200,
    { attempts: Math.ceil(timeoutMs / 50) },
  );
  return outcome.value;
}

/** Finds out what the target does by itself, with a namespace of its own. */
export async function probeTraits(target: Target): Promise<TargetTraits> {
  const ns = 'conformance-probe';
  await target.send({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
  const sa = await poll(target, `/api/v1/namespaces/${ns}/serviceaccounts/default`, 2000);
  return { defaultServiceAccounts: sa.code === 200 };
}

/**
 * Creates the case's namespaces and waits until they are as a real cluster makes them
 * (`kube-root-ca.crt` published, the `default` ServiceAccount there), then runs the case.
 * A case that throws ends its transcript with the error (compared like any step).
 */
export async function runCase(target: Target, traits: TargetTraits, conformanceCase: ConformanceCase): Promise<Transcript> {
  const ctx = new CaseContext(target, conformanceCase);
  const count = conformanceCase.namespaces ?? 1;
  const namespaces = [ctx.ns, ctx.ns2].slice(0, count);
  for (const ns of namespaces) {
    const created = await target.send({ method: 'POST', path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } } });
    if (created.code !== 201) throw new Error(`setup of ${conformanceCase.name}: creating namespace ${ns} answered ${created.code}: ${JSON.stringify(created.body)}`);
  }
  for (const ns of namespaces) {
    const ca = await poll(target, `/api/v1/namespaces/${ns}/configmaps/kube-root-ca.crt`, 10_000);
    if (ca.code !== 200) throw new Error(`setup of ${conformanceCase.name}: no kube-root-ca.crt in ${ns}`);
    if (traits.defaultServiceAccounts) {
      const sa = await poll(target, `/api/v1/namespaces/${ns}/serviceaccounts/default`, 10_000);
      if (sa.code !== 200) throw new Error(`setup of ${conformanceCase.name}: no default ServiceAccount in ${ns}`);
    } else {
      await target.send({ method: 'POST', path: `/api/v1/namespaces/${ns}/serviceaccounts`, body: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } } });
    }
  }
  try {
    await conformanceCase.run(ctx);
    return ctx.transcript();
  } catch (error) {
    return { ...ctx.transcript(), error: error instanceof Error ? error.message : String(error) };
  }
}
