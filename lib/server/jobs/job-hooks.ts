// The Job strategy's create step: a generated selector and the labels that tie pods to their Job.
import type { KindHooks } from '../server-context.js';

type Json = Record<string, unknown>;

/** The bucket Jobs are stored in. */
export const JOB_BUCKET = 'batch/jobs';

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

/**
 * The Job strategy's `PrepareForCreate`: unless `spec.manualSelector` is true, the template gets
 * the labels `batch.kubernetes.io/job-name`, `job-name`, `batch.kubernetes.io/controller-uid`
 * and `controller-uid` (values the user set are kept), and the selector matches the controller
 * uid. A Job without labels of its own takes its template's, as `SetDefaults_Job` does (Go shares
 * the map, so the Job's labels get the generated ones too).
 */
export function jobHooks(): KindHooks {
  return {
    prepareCreate(object) {
      const spec = obj(object['spec']);
      const meta = obj(object['metadata']);
      if (spec === undefined || meta === undefined || spec['manualSelector'] === true) return;
      const template = obj(spec['template']) ?? {};
      const templateMeta = obj(template['metadata']) ?? {};
      const hadLabels = templateMeta['labels'] !== undefined;
      const labels = { ...(obj(templateMeta['labels']) ?? {}) } as Record<string, string>;
      const name = String(meta['name'] ?? '');
      const uid = String(meta['uid'] ?? '');
      for (const key of ['job-name', 'batch.kubernetes.io/job-name']) if (!Object.hasOwn(labels, key)) labels[key] = name;
      for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!Object.hasOwn(labels, key)) labels[key] = uid;
      spec['template'] = { ...template, metadata: { ...templateMeta, labels } };
      const selector = obj(spec['selector']) ?? {};
      const matchLabels = { ...(obj(selector['matchLabels']) ?? {}) };
      if (!Object.hasOwn(matchLabels, 'batch.kubernetes.io/controller-uid')) matchLabels['batch.kubernetes.io/controller-uid'] = uid;
      spec['selector'] = { ...selector, matchLabels };
      const own = obj(meta['labels']);
      if (hadLabels && (own === undefined || Object.keys(own).length === 0)) meta['labels'] = { ...labels };
    },
  };
}
