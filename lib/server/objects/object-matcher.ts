// Whether an object passes a list/watch's label and field selectors.
import { matchesFields, matchesLabels, type FieldSelector, type KubeObject, type LabelSelector } from '../../core/index.js';
import type { ResourceKind } from '../registry/resource-kind.js';

/** A predicate over stored objects for one list or watch. */
export type ObjectMatcher = (object: KubeObject) => boolean;

/** The predicate of a label selector and a field selector (field labels read per kind). */
export function objectMatcher(kind: ResourceKind, labels: LabelSelector, fields: FieldSelector): ObjectMatcher {
  if (labels.length === 0 && fields.length === 0) return () => true;
  return (object) =>
    matchesLabels(labels, object.metadata?.labels) && matchesFields(fields, (field) => kind.fieldLabels.read(object, field));
}
