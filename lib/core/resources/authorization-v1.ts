// Descriptors for authorization.k8s.io/v1 (create-only access reviews): each name is both the object type and its ResourceType.
import type {
  LocalSubjectAccessReview as LocalSubjectAccessReviewObject,
  SelfSubjectAccessReview as SelfSubjectAccessReviewObject,
  SelfSubjectRulesReview as SelfSubjectRulesReviewObject,
  SubjectAccessReview as SubjectAccessReviewObject,
} from 'kubernetes-types/authorization/v1.js';
import { builtin } from './builtin.js';

/** `authorization.k8s.io/v1` LocalSubjectAccessReview: may a user do something in this namespace. */
export type LocalSubjectAccessReview = LocalSubjectAccessReviewObject;
/** The descriptor (`ResourceType`) of `authorization.k8s.io/v1` LocalSubjectAccessReview. */
export const LocalSubjectAccessReview = builtin<LocalSubjectAccessReview>()('authorization.k8s.io', 'v1', 'LocalSubjectAccessReview');

/** `authorization.k8s.io/v1` SelfSubjectAccessReview: may I do something (`kubectl auth can-i`). */
export type SelfSubjectAccessReview = SelfSubjectAccessReviewObject;
/** The descriptor (`ResourceType`) of `authorization.k8s.io/v1` SelfSubjectAccessReview. */
export const SelfSubjectAccessReview = builtin<SelfSubjectAccessReview>()('authorization.k8s.io', 'v1', 'SelfSubjectAccessReview');

/** `authorization.k8s.io/v1` SelfSubjectRulesReview: what may I do in a namespace (`kubectl auth can-i --list`). */
export type SelfSubjectRulesReview = SelfSubjectRulesReviewObject;
/** The descriptor (`ResourceType`) of `authorization.k8s.io/v1` SelfSubjectRulesReview. */
export const SelfSubjectRulesReview = builtin<SelfSubjectRulesReview>()('authorization.k8s.io', 'v1', 'SelfSubjectRulesReview');

/** `authorization.k8s.io/v1` SubjectAccessReview: may any user do something. */
export type SubjectAccessReview = SubjectAccessReviewObject;
/** The descriptor (`ResourceType`) of `authorization.k8s.io/v1` SubjectAccessReview. */
export const SubjectAccessReview = builtin<SubjectAccessReview>()('authorization.k8s.io', 'v1', 'SubjectAccessReview');
