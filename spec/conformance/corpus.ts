// The conformance corpus: every case, in the order they run.
import type { ConformanceCase } from './harness/case-context.js';
import { BUILTIN_KINDS } from './cases/builtin-kinds.js';
import { crudCase } from './cases/crud.js';

export const CORPUS: readonly ConformanceCase[] = [...BUILTIN_KINDS.map(crudCase)];

const names = new Set<string>();
for (const c of CORPUS) {
  if (names.has(c.name)) throw new Error(`two conformance cases are named ${c.name}`);
  names.add(c.name);
}
