// The one allow-list of the differential conformance suite (spec/conformance/conformance.spec.ts).
//
// Every entry names a case, a step and the JSON path where the embedded server may answer
// differently from kube-apiserver 1.32, and says why. A reason must hold for any in-memory
// server (no kubelet, no scheduler, no etcd, its own IP allocation, ...): a difference
// without such a reason is a bug of the embedded server, to be fixed there. The suite fails on
// any difference not listed here, and on any entry no difference needs any more.
import type { AllowedDifference } from './harness/allowed.js';

export const ALLOWED_DIFFERENCES: readonly AllowedDifference[] = [];
