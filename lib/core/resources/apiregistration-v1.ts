// Descriptors for apiregistration.k8s.io/v1 (kube-aggregator), whose types kubernetes-types does not carry.
import type { ObjectMeta } from 'kubernetes-types/meta/v1.js';
import { builtin } from './builtin.js';

/** Where an aggregated API server is reached: a Service, and the port (443 by default). */
export interface APIServiceServiceReference {
  namespace?: string;
  name?: string;
  port?: number;
}

/** `apiregistration.k8s.io/v1` APIServiceSpec: which group/version is served, by whom, and its priority. */
export interface APIServiceSpec {
  /** Absent for a group/version the API server serves itself ("Local"). */
  service?: APIServiceServiceReference;
  group?: string;
  version?: string;
  insecureSkipTLSVerify?: boolean;
  /** PEM CA bundle, base64-encoded on the wire. */
  caBundle?: string;
  groupPriorityMinimum: number;
  versionPriority: number;
}

/** One condition of an APIService (`Available`). */
export interface APIServiceCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown' | string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** `apiregistration.k8s.io/v1` APIService: one group/version in the aggregated API. */
export interface APIService {
  apiVersion?: 'apiregistration.k8s.io/v1';
  kind?: 'APIService';
  metadata?: ObjectMeta;
  spec?: APIServiceSpec;
  status?: { conditions?: APIServiceCondition[] };
}
/** The descriptor (`ResourceType`) of `apiregistration.k8s.io/v1` APIService. */
export const APIService = builtin<APIService>()('apiregistration.k8s.io', 'v1', 'APIService');
