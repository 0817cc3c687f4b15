// Descriptors for authentication.k8s.io/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { SelfSubjectReview as SelfSubjectReviewObject, TokenReview as TokenReviewObject } from 'kubernetes-types/authentication/v1.js';
import { builtin } from './builtin.js';

/** `authentication.k8s.io/v1` SelfSubjectReview (create-only: who the server thinks you are, `kubectl auth whoami`). */
export type SelfSubjectReview = SelfSubjectReviewObject;
/** The descriptor (`ResourceType`) of `authentication.k8s.io/v1` SelfSubjectReview. */
export const SelfSubjectReview = builtin<SelfSubjectReview>()('authentication.k8s.io', 'v1', 'SelfSubjectReview');

/** `authentication.k8s.io/v1` TokenReview (create-only: whom a bearer token authenticates as). */
export type TokenReview = TokenReviewObject;
/** The descriptor (`ResourceType`) of `authentication.k8s.io/v1` TokenReview. */
export const TokenReview = builtin<TokenReview>()('authentication.k8s.io', 'v1', 'TokenReview');
