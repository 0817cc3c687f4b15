// A list answer with `items` always an array.
import type { ObjectList } from '../../core/object.js';

/**
 * `list` with `items: []` where the server sent `null` or nothing: kube-apiserver encodes an
 * empty Go slice as `null` in some answers (an empty `PartialObjectMetadataList`, for one),
 * and `ObjectList.items` promises an array.
 */
export function normalizeList<K>(list: ObjectList<K>): ObjectList<K> {
  return Array.isArray(list.items) ? list : { ...list, items: [] };
}
