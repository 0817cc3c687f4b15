// Parameters of pod eviction.
import type { DeleteParams } from './delete-params.js';
import type { PostParams } from './post-params.js';

/** Parameters of `evict`: how to delete the pod, and the create options of the Eviction. */
export interface EvictParams {
  /** Sent as the Eviction's `deleteOptions` (kube-rs sends the wrong key here). */
  readonly deleteOptions?: DeleteParams;
  readonly postParams?: PostParams;
}
