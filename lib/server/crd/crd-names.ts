// The names of a CRD with apiextensions' defaults applied (singular, listKind).

type Json = Record<string, unknown>;

/** `spec.names` of a CRD with defaults: `singular = lowercase(kind)`, `listKind = kind + "List"`. */
export interface CrdNames {
  readonly plural: string;
  readonly singular: string;
  readonly kind: string;
  readonly listKind: string;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The (defaulted) names of a CRD object. */
export function crdNames(crd: Json): CrdNames {
  const names = (((crd['spec'] ?? {}) as Json)['names'] ?? {}) as Json;
  const kind = typeof names['kind'] === 'string' ? names['kind'] : '';
  return {
    plural: typeof names['plural'] === 'string' ? names['plural'] : '',
    singular: typeof names['singular'] === 'string' && names['singular'] !== '' ? names['singular'] : kind.toLowerCase(),
    kind,
    listKind: typeof names['listKind'] === 'string' && names['listKind'] !== '' ? names['listKind'] : `${kind}List`,
    shortNames: strings(names['shortNames']),
    categories: strings(names['categories']),
  };
}

/** The names as a `spec.names`/`status.acceptedNames` object (empty lists omitted). */
export function namesObject(names: CrdNames): Json {
  return {
    plural: names.plural,
    singular: names.singular,
    ...(names.shortNames.length > 0 ? { shortNames: names.shortNames } : {}),
    kind: names.kind,
    listKind: names.listKind,
    ...(names.categories.length > 0 ? { categories: names.categories } : {}),
  };
}
