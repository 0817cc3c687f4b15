// Descriptors for admissionregistration.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { MutatingWebhookConfiguration as MutatingWebhookConfigurationObject, ValidatingAdmissionPolicy as ValidatingAdmissionPolicyObject, ValidatingAdmissionPolicyBinding as ValidatingAdmissionPolicyBindingObject, ValidatingWebhookConfiguration as ValidatingWebhookConfigurationObject } from 'kubernetes-types/admissionregistration/v1.js';
import { builtin } from './builtin.js';

/** `admissionregistration.k8s.io/v1` MutatingWebhookConfiguration. */
export type MutatingWebhookConfiguration = MutatingWebhookConfigurationObject;
/** The descriptor (`ResourceType`) of `admissionregistration.k8s.io/v1` MutatingWebhookConfiguration. */
export const MutatingWebhookConfiguration = builtin<MutatingWebhookConfiguration>()('admissionregistration.k8s.io', 'v1', 'MutatingWebhookConfiguration');

/** `admissionregistration.k8s.io/v1` ValidatingWebhookConfiguration. */
export type ValidatingWebhookConfiguration = ValidatingWebhookConfigurationObject;
/** The descriptor (`ResourceType`) of `admissionregistration.k8s.io/v1` ValidatingWebhookConfiguration. */
export const ValidatingWebhookConfiguration = builtin<ValidatingWebhookConfiguration>()('admissionregistration.k8s.io', 'v1', 'ValidatingWebhookConfiguration');

/** `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy. */
export type ValidatingAdmissionPolicy = ValidatingAdmissionPolicyObject;
/** The descriptor (`ResourceType`) of `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy. */
export const ValidatingAdmissionPolicy = builtin<ValidatingAdmissionPolicy>()('admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicy');

/** `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicyBinding. */
export type ValidatingAdmissionPolicyBinding = ValidatingAdmissionPolicyBindingObject;
/** The descriptor (`ResourceType`) of `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicyBinding. */
export const ValidatingAdmissionPolicyBinding = builtin<ValidatingAdmissionPolicyBinding>()('admissionregistration.k8s.io', 'v1', 'ValidatingAdmissionPolicyBinding');
