// Descriptors for certificates.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { CertificateSigningRequest as CertificateSigningRequestObject } from 'kubernetes-types/certificates/v1.js';
import { builtin } from './builtin.js';

/** `certificates.k8s.io/v1` CertificateSigningRequest. */
export type CertificateSigningRequest = CertificateSigningRequestObject;
/** The descriptor (`ResourceType`) of `certificates.k8s.io/v1` CertificateSigningRequest. */
export const CertificateSigningRequest = builtin<CertificateSigningRequest>()('certificates.k8s.io', 'v1', 'CertificateSigningRequest');
