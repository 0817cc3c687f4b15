// Table conversion options for a call: printer columns of custom resources, includeObject, the clock.
import type { KubeObject, ListMeta } from '../../core/index.js';
import { toTable, type Table, type ToTableOptions } from '../table/to-table.js';
import type { ResourceCall } from './resource-call.js';

/** The `includeObject` query parameter (default `Metadata`, as kube-apiserver). */
export function includeObjectOf(query: URLSearchParams): 'None' | 'Metadata' | 'Object' {
  const value = query.get('includeObject');
  return value === 'None' || value === 'Object' ? value : 'Metadata';
}

/** The objects of a call as a `meta.k8s.io/v1` Table. */
export function tableOf(call: Pick<ResourceCall, 'kind' | 'ctx' | 'query'>, objects: readonly KubeObject[], extra: { listMeta?: ListMeta; noHeaders?: boolean } = {}): Table {
  const { kind } = call;
  const options: ToTableOptions = {
    kind: kind.kind,
    group: kind.group,
    includeObject: includeObjectOf(call.query),
    now: call.ctx.now(),
    ...(kind.custom === undefined ? {} : { printerColumns: kind.custom.printerColumns }),
    ...(extra.listMeta === undefined ? {} : { listMeta: extra.listMeta }),
    ...(extra.noHeaders === undefined ? {} : { noHeaders: extra.noHeaders }),
  };
  return toTable(objects, options);
}
