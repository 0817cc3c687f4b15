// Synthetic Kubernetes objects and watch lines for benchmarks (kube-rs's memory bench shapes).

/** A ConfigMap like kube-rs's benchmark's: 2 labels, a last-applied annotation, 2 data keys (one 128 bytes), 2 managedFields. */
export function configMapJson(i: number, resourceVersion: number, withManagedFields = true): Record<string, unknown> {
  const name = `cm-${i}`;
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: `ns-${i % 10}`,
      uid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      resourceVersion: String(resourceVersion),
      creationTimestamp: '2026-01-01T00:00:00Z',
      labels: { app: `app-${i % 50}`, tier: i % 2 === 0 ? 'front' : 'back' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'x' } }),
      },
      ...(withManagedFields
        ? {
            managedFields: [
              { manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { '.': {}, 'f:a': {}, 'f:b': {} }, 'f:metadata': { 'f:annotations': { '.': {}, 'f:kubectl.kubernetes.io/last-applied-configuration': {} }, 'f:labels': { '.': {}, 'f:app': {}, 'f:tier': {} } } } },
              { manager: 'controller', operation: 'Update', apiVersion: 'v1', time: '2026-01-01T00:00:01Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': { 'f:b': {} } } },
            ],
          }
        : {}),
    },
    data: { a: `value-${i}`, b: 'x'.repeat(128) },
  };
}

/** The JSON text of a list answer. */
export function listJson(count: number, resourceVersion: number, withManagedFields = true): string {
  const items = Array.from({ length: count }, (_, i) => configMapJson(i, resourceVersion - count + i, withManagedFields));
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: String(resourceVersion) }, items });
}

/** Watch lines: `updates` MODIFIED events then `deletes` DELETED events, as NDJSON lines. */
export function watchLines(updates: number, deletes: number, startRv: number, withManagedFields = true): string[] {
  const lines: string[] = [];
  let rv = startRv;
  for (let i = 0; i < updates; i += 1) lines.push(JSON.stringify({ type: 'MODIFIED', object: configMapJson(i * 2, ++rv, withManagedFields) }));
  for (let i = 0; i < deletes; i += 1) lines.push(JSON.stringify({ type: 'DELETED', object: configMapJson(i * 7 + 1, ++rv, withManagedFields) }));
  return lines;
}
