// Derives the URL plural of a kind the way kube-rs (and, for built-in kinds, Kubernetes' code generators) do.

/** Kinds whose plural the regular rules get wrong. Keys are lowercase kinds. */
const IRREGULAR: Readonly<Record<string, string>> = {
  endpoints: 'endpoints',
  endpointslices: 'endpointslices',
  nodemetrics: 'nodes',
  podmetrics: 'pods',
  podsecuritypolicy: 'podsecuritypolicies',
  person: 'people',
  child: 'children',
  index: 'indexes',
  chassis: 'chassis',
  series: 'series',
  species: 'species',
  data: 'data',
  metadata: 'metadata',
};

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * The lowercase plural of a kind: `Pod` → `pods`, `Ingress` → `ingresses`,
 * `NetworkPolicy` → `networkpolicies`, `Endpoints` → `endpoints`.
 *
 * Rules (kube-rs's `to_plural`, which gives every built-in kind its real plural): a few
 * irregular words first; then `-s`, `-x`, `-z`, `-ch`, `-sh` take `-es`; consonant + `-y`
 * becomes `-ies` (`Gateway` → `gateways`, unlike apimachinery's `UnsafeGuessKindToResource`);
 * everything else takes `-s`. Custom resources should state their plural when it is not regular.
 */
export function pluralize(kind: string): string {
  const word = kind.toLowerCase();
  const irregular = IRREGULAR[word];
  if (irregular !== undefined) return irregular;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (word.length > 1 && word.endsWith('y') && !VOWELS.has(word.charAt(word.length - 2))) {
    return `${word.slice(0, -1)}ies`;
  }
  return `${word}s`;
}
