// Descriptors for batch/v1: each name is both the object type (from kubernetes-types) and its ResourceType.
import type { CronJob as CronJobObject, Job as JobObject } from 'kubernetes-types/batch/v1.js';
import { builtin } from './builtin.js';

/** `batch/v1` CronJob. */
export type CronJob = CronJobObject;
/** The descriptor (`ResourceType`) of `batch/v1` CronJob. */
export const CronJob = builtin<CronJob>()('batch', 'v1', 'CronJob');

/** `batch/v1` Job. */
export type Job = JobObject;
/** The descriptor (`ResourceType`) of `batch/v1` Job. */
export const Job = builtin<Job>()('batch', 'v1', 'Job');
