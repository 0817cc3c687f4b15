// Renders CRDs (or any Kubernetes objects) as YAML documents, as `kube-rx crd` prints them.
import { stringify } from 'yaml';
import type { CustomResourceDefinition } from 'kubernetes-types/apiextensions/v1.js';

/**
 * YAML for one CRD, or a multi-document stream (`---` between documents) for several. Keys are
 * sorted, as `kubectl get -o yaml` and kube-rs's serde output sort them, so the text is stable
 * across runs and diffs well.
 *
 * ## Example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * writeFileSync('crds.yaml', crdToYaml([Widget.crd(), Gadget.crd()]));
 * ```
 */
export function crdToYaml(crds: CustomResourceDefinition | readonly CustomResourceDefinition[]): string {
  const list: readonly CustomResourceDefinition[] = Array.isArray(crds) ? crds : [crds as CustomResourceDefinition];
  return list.map((crd) => stringify(crd, { sortMapEntries: true, lineWidth: 0 })).join('---\n');
}
