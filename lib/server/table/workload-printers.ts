// Server-side table printers for workloads: Pods, Deployments, ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs.
import { ageOf, humanDuration } from './human-duration.js';
import { hpaFromV1 } from '../objects/hpa-conversion.js';
import { ageColumn, column, doc, formatLabels, formatSelector, get, int, list, nameColumn, nameOf, str, type Printer, type TableRowCondition } from './printer.js';

const containerColumns = () => [
  column('Containers', 'string', 'Names of each container in the template.', 1),
  column('Images', 'string', 'Images referenced by each container in the template.', 1),
];

function containerCells(podSpec: unknown): [string, string] {
  const containers = list(podSpec, 'containers');
  return [containers.map((c) => str(c, 'name')).join(','), containers.map((c) => str(c, 'image')).join(',')];
}


/**
 * The column documentation kube-apiserver's printers take from extensions/v1beta1's types where
 * it is worded differently from apps/v1's.
 */
const EXTENSIONS_V1BETA1 = {
  deploymentSelector: 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
  replicaSetReady: 'The number of ready replicas for this replica set.',
  replicaSetSelector:
    'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  daemonSetReady: 'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
  daemonSetSelector:
    'A label query over pods that are managed by the daemon set. Must match in order to be controlled. If empty, defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
};

/** `kubectl get pods`: NAME READY STATUS RESTARTS AGE, wide IP NODE NOMINATED NODE READINESS GATES. */
export const podPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'string', 'The aggregate status of the containers in this pod.'),
    column('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    ageColumn(),
    column('IP', 'string', doc('core.v1.PodStatus', 'podIP'), 1),
    column('Node', 'string', doc('core.v1.PodSpec', 'nodeName'), 1),
    column('Nominated Node', 'string', doc('core.v1.PodStatus', 'nominatedNodeName'), 1),
    column('Readiness Gates', 'string', doc('core.v1.PodSpec', 'readinessGates'), 1),
  ],
  cells(pod, now) {
    const { ready, total, reason, restarts, lastRestart } = podStatus(pod);
    const restartText = lastRestart === undefined ? String(restarts) : `${restarts} (${ageOf(lastRestart, now)} ago)`;
    const gates = list(pod, 'spec', 'readinessGates');
    const conditions = list(pod, 'status', 'conditions');
    const gateText =
      gates.length === 0
        ? '<none>'
        : `${gates.filter((g) => conditions.some((c) => c['type'] === g['conditionType'] && c['status'] === 'True')).length}/${gates.length}`;
    return [
      nameOf(pod),
      `${ready}/${total}`,
      reason,
      restartText,
      ageOf(get(pod, 'metadata', 'creationTimestamp'), now),
      str(pod, 'status', 'podIP') || '<none>',
      str(pod, 'spec', 'nodeName') || '<none>',
      str(pod, 'status', 'nominatedNodeName') || '<none>',
      gateText,
    ];
  },
  conditions(pod): TableRowCondition[] | undefined {
    const phase = str(pod, 'status', 'phase');
    return phase === 'Succeeded' || phase === 'Failed'
      ? [{ type: 'Completed', status: 'True', reason: phase, message: 'The pod has completed successfully.' }]
      : undefined;
  },
};

/** kubectl's STATUS/READY/RESTARTS for a pod (printers.go `printPod`). */
function podStatus(pod: Record<string, unknown>): { ready: number; total: number; reason: string; restarts: number; lastRestart: string | undefined } {
  let reason = str(pod, 'status', 'reason') || str(pod, 'status', 'phase');
  let restarts = 0;
  let ready = 0;
  let total = list(pod, 'spec', 'containers').length;
  let lastRestart: string | undefined;
  const noteRestart = (status: Record<string, unknown>): void => {
    restarts += int(status, 'restartCount');
    const finished = str(status, 'lastState', 'terminated', 'finishedAt');
    if (finished !== '' && (lastRestart === undefined || Date.parse(finished) > Date.parse(lastRestart))) lastRestart = finished;
  };
  const initSpecs = list(pod, 'spec', 'initContainers');
  const sidecars = new Set(initSpecs.filter((c) => c['restartPolicy'] === 'Always').map((c) => str(c, 'name')));
  total += sidecars.size;
  let initializing = false;
  const initStatuses = list(pod, 'status', 'initContainerStatuses');
  initStatuses.forEach((status, index) => {
    noteRestart(status);
    const terminated = get(status, 'state', 'terminated');
    const waiting = get(status, 'state', 'waiting');
    if (terminated !== undefined && int(terminated, 'exitCode') === 0) return;
    if (sidecars.has(str(status, 'name')) && get(status, 'started') === true) {
      if (get(status, 'ready') === true) ready++;
      return;
    }
    if (initializing) return;
    initializing = true;
    if (terminated !== undefined) {
      const r = str(terminated, 'reason');
      reason = r !== '' ? `Init:${r}` : int(terminated, 'signal') !== 0 ? `Init:Signal:${int(terminated, 'signal')}` : `Init:ExitCode:${int(terminated, 'exitCode')}`;
    } else if (waiting !== undefined && str(waiting, 'reason') !== '' && str(waiting, 'reason') !== 'PodInitializing') {
      reason = `Init:${str(waiting, 'reason')}`;
    } else {
      reason = `Init:${index}/${initSpecs.length}`;
    }
  });
  if (!initializing) {
    restarts = 0;
    lastRestart = undefined;
    for (const status of initStatuses) if (sidecars.has(str(status, 'name'))) noteRestart(status);
    let hasRunning = false;
    for (const status of [...list(pod, 'status', 'containerStatuses')].reverse()) {
      noteRestart(status);
      const waiting = get(status, 'state', 'waiting');
      const terminated = get(status, 'state', 'terminated');
      if (waiting !== undefined && str(waiting, 'reason') !== '') reason = str(waiting, 'reason');
      else if (terminated !== undefined && str(terminated, 'reason') !== '') reason = str(terminated, 'reason');
      else if (terminated !== undefined) {
        reason = int(terminated, 'signal') !== 0 ? `Signal:${int(terminated, 'signal')}` : `ExitCode:${int(terminated, 'exitCode')}`;
      } else if (get(status, 'ready') === true && get(status, 'state', 'running') !== undefined) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = list(pod, 'status', 'conditions').some((c) => c['type'] === 'Ready' && c['status'] === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  }
  if (get(pod, 'metadata', 'deletionTimestamp') !== undefined) {
    reason = str(pod, 'status', 'reason') === 'NodeLost' ? 'Unknown' : 'Terminating';
  }
  return { ready, total, reason, restarts, lastRestart };
}

/** `kubectl get deployments`: NAME READY UP-TO-DATE AVAILABLE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const deploymentPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Ready', 'string', 'Number of the pod with ready state'),
    column('Up-to-date', 'string', doc('apps.v1.DeploymentStatus', 'updatedReplicas')),
    column('Available', 'string', doc('apps.v1.DeploymentStatus', 'availableReplicas')),
    ageColumn(),
    ...containerColumns(),
    column('Selector', 'string', EXTENSIONS_V1BETA1.deploymentSelector, 1),
  ],
  cells(d, now) {
    const replicas = get(d, 'spec', 'replicas');
    return [
      nameOf(d),
      `${int(d, 'status', 'readyReplicas')}/${typeof replicas === 'number' ? replicas : 1}`,
      int(d, 'status', 'updatedReplicas'),
      int(d, 'status', 'availableReplicas'),
      ageOf(get(d, 'metadata', 'creationTimestamp'), now),
      ...containerCells(get(d, 'spec', 'template', 'spec')),
      formatSelector(get(d, 'spec', 'selector')),
    ];
  },
};

/** `kubectl get replicasets`: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicaSetPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', doc('apps.v1.ReplicaSetSpec', 'replicas')),
    column('Current', 'integer', doc('apps.v1.ReplicaSetStatus', 'replicas')),
    column('Ready', 'integer', EXTENSIONS_V1BETA1.replicaSetReady),
    ageColumn(),
    ...containerColumns(),
    column('Selector', 'string', EXTENSIONS_V1BETA1.replicaSetSelector, 1),
  ],
  cells(rs, now) {
    const replicas = get(rs, 'spec', 'replicas');
    return [
      nameOf(rs),
      typeof replicas === 'number' ? replicas : 1,
      int(rs, 'status', 'replicas'),
      int(rs, 'status', 'readyReplicas'),
      ageOf(get(rs, 'metadata', 'creationTimestamp'), now),
      ...containerCells(get(rs, 'spec', 'template', 'spec')),
      formatSelector(get(rs, 'spec', 'selector')),
    ];
  },
};

/** `kubectl get statefulsets`: NAME READY AGE, wide CONTAINERS IMAGES. */
export const statefulSetPrinter: Printer = {
  columns: [nameColumn(), column('Ready', 'string', 'Number of the pod with ready state'), ageColumn(), ...containerColumns()],
  cells(s, now) {
    const replicas = get(s, 'spec', 'replicas');
    return [
      nameOf(s),
      `${int(s, 'status', 'readyReplicas')}/${typeof replicas === 'number' ? replicas : 1}`,
      ageOf(get(s, 'metadata', 'creationTimestamp'), now),
      ...containerCells(get(s, 'spec', 'template', 'spec')),
    ];
  },
};

/** `kubectl get daemonsets`: NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE. */
export const daemonSetPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', doc('apps.v1.DaemonSetStatus', 'desiredNumberScheduled')),
    column('Current', 'integer', doc('apps.v1.DaemonSetStatus', 'currentNumberScheduled')),
    column('Ready', 'integer', EXTENSIONS_V1BETA1.daemonSetReady),
    column('Up-to-date', 'integer', doc('apps.v1.DaemonSetStatus', 'updatedNumberScheduled')),
    column('Available', 'integer', doc('apps.v1.DaemonSetStatus', 'numberAvailable')),
    column('Node Selector', 'string', doc('core.v1.PodSpec', 'nodeSelector')),
    ageColumn(),
    ...containerColumns(),
    column('Selector', 'string', EXTENSIONS_V1BETA1.daemonSetSelector, 1),
  ],
  cells(ds, now) {
    return [
      nameOf(ds),
      int(ds, 'status', 'desiredNumberScheduled'),
      int(ds, 'status', 'currentNumberScheduled'),
      int(ds, 'status', 'numberReady'),
      int(ds, 'status', 'updatedNumberScheduled'),
      int(ds, 'status', 'numberAvailable'),
      formatLabels(get(ds, 'spec', 'template', 'spec', 'nodeSelector')),
      ageOf(get(ds, 'metadata', 'creationTimestamp'), now),
      ...containerCells(get(ds, 'spec', 'template', 'spec')),
      formatSelector(get(ds, 'spec', 'selector')),
    ];
  },
};

/** `kubectl get jobs`: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. */
export const jobPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', doc('batch.v1.JobStatus', 'succeeded')),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn(),
    ...containerColumns(),
    column('Selector', 'string', doc('batch.v1.JobSpec', 'selector'), 1),
  ],
  cells(job, now) {
    const completions = get(job, 'spec', 'completions');
    const parallelism = get(job, 'spec', 'parallelism');
    const succeeded = int(job, 'status', 'succeeded');
    const completionText =
      typeof completions === 'number'
        ? `${succeeded}/${completions}`
        : typeof parallelism === 'number' && parallelism > 1
          ? `${succeeded}/1 of ${parallelism}`
          : `${succeeded}/1`;
    const start = Date.parse(str(job, 'status', 'startTime'));
    const end = Date.parse(str(job, 'status', 'completionTime'));
    const duration = Number.isNaN(start) ? '' : humanDuration((Number.isNaN(end) ? now.getTime() : end) - start);
    return [
      nameOf(job),
      jobStatus(job),
      completionText,
      duration,
      ageOf(get(job, 'metadata', 'creationTimestamp'), now),
      ...containerCells(get(job, 'spec', 'template', 'spec')),
      formatSelector(get(job, 'spec', 'selector')),
    ];
  },
};

function jobStatus(job: Record<string, unknown>): string {
  const conditions = list(job, 'status', 'conditions');
  const has = (type: string): boolean => conditions.some((c) => c['type'] === type && c['status'] === 'True');
  if (has('Complete')) return 'Complete';
  if (has('Failed')) return 'Failed';
  if (get(job, 'metadata', 'deletionTimestamp') !== undefined) return 'Terminating';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (has('Suspended')) return 'Suspended';
  return 'Running';
}

/** `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE. */
export const cronJobPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Schedule', 'string', doc('batch.v1.CronJobSpec', 'schedule')),
    column('Timezone', 'string', doc('batch.v1.CronJobSpec', 'timeZone')),
    column('Suspend', 'boolean', doc('batch.v1.CronJobSpec', 'suspend')),
    column('Active', 'integer', doc('batch.v1.CronJobStatus', 'active')),
    column('Last Schedule', 'string', doc('batch.v1.CronJobStatus', 'lastScheduleTime')),
    ageColumn(),
    ...containerColumns(),
    column('Selector', 'string', doc('batch.v1.JobSpec', 'selector'), 1),
  ],
  cells(cj, now) {
    const suspend = get(cj, 'spec', 'suspend');
    const last = get(cj, 'status', 'lastScheduleTime');
    return [
      nameOf(cj),
      str(cj, 'spec', 'schedule'),
      str(cj, 'spec', 'timeZone') || '<none>',
      typeof suspend === 'boolean' ? (suspend ? 'True' : 'False') : '<unset>',
      list(cj, 'status', 'active').length,
      last === undefined ? '<none>' : ageOf(last, now),
      ageOf(get(cj, 'metadata', 'creationTimestamp'), now),
      ...containerCells(get(cj, 'spec', 'jobTemplate', 'spec', 'template', 'spec')),
      formatSelector(get(cj, 'spec', 'jobTemplate', 'spec', 'selector')),
    ];
  },
};

/** `kubectl get replicationcontrollers`: NAME DESIRED CURRENT READY AGE, wide CONTAINERS IMAGES SELECTOR. */
export const replicationControllerPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Desired', 'integer', doc('core.v1.ReplicationControllerSpec', 'replicas')),
    column('Current', 'integer', doc('core.v1.ReplicationControllerStatus', 'replicas')),
    column('Ready', 'integer', doc('core.v1.ReplicationControllerStatus', 'readyReplicas')),
    ageColumn(),
    ...containerColumns(),
    column('Selector', 'string', doc('core.v1.ReplicationControllerSpec', 'selector'), 1),
  ],
  cells(rc, now) {
    const replicas = get(rc, 'spec', 'replicas');
    return [
      nameOf(rc),
      typeof replicas === 'number' ? replicas : 1,
      int(rc, 'status', 'replicas'),
      int(rc, 'status', 'readyReplicas'),
      ageOf(get(rc, 'metadata', 'creationTimestamp'), now),
      ...containerCells(get(rc, 'spec', 'template', 'spec')),
      formatLabels(get(rc, 'spec', 'selector')),
    ];
  },
};

/** One metric of an HPA as kubectl prints it (`formatHPAMetrics`): `cpu: 40%/50%`, `<unknown>/10`. */
function hpaMetric(spec: Record<string, unknown>, status: Record<string, unknown> | undefined): string {
  const type = str(spec, 'type');
  const source = (key: string): Record<string, unknown> => (get(spec, key) ?? {}) as Record<string, unknown>;
  const current = (key: string): Record<string, unknown> | undefined => get(status, key, 'current') as Record<string, unknown> | undefined;
  const quantity = (value: unknown): string => (value === undefined || value === null ? '<unknown>' : String(value));
  switch (type) {
    case 'External':
    case 'Object': {
      const key = type === 'External' ? 'external' : 'object';
      const target = get(source(key), 'target') as Record<string, unknown> | undefined;
      if (get(target, 'averageValue') !== undefined) return `${quantity(get(current(key), 'averageValue'))}/${String(get(target, 'averageValue'))} (avg)`;
      return `${quantity(get(current(key), 'value'))}/${String(get(target, 'value') ?? '')}`;
    }
    case 'Pods':
      return `${quantity(get(current('pods'), 'averageValue'))}/${String(get(source('pods'), 'target', 'averageValue') ?? '')}`;
    case 'Resource':
    case 'ContainerResource': {
      const key = type === 'Resource' ? 'resource' : 'containerResource';
      const name = str(source(key), 'name');
      const target = get(source(key), 'target') as Record<string, unknown> | undefined;
      if (get(target, 'averageValue') !== undefined) return `${name}: ${quantity(get(current(key), 'averageValue'))}/${String(get(target, 'averageValue'))}`;
      const utilization = get(current(key), 'averageUtilization');
      const wanted = get(target, 'averageUtilization');
      return `${name}: ${typeof utilization === 'number' ? `${utilization}%` : '<unknown>'}/${typeof wanted === 'number' ? `${wanted}%` : '<auto>'}`;
    }
    default:
      return '<unknown type>';
  }
}

/** `kubectl get horizontalpodautoscalers`: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE (v1 objects read as v2, as Go prints the internal type). */
export const horizontalPodAutoscalerPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Reference', 'string', doc('autoscaling.v2.HorizontalPodAutoscalerSpec', 'scaleTargetRef')),
    column('Targets', 'string', doc('autoscaling.v2.HorizontalPodAutoscalerSpec', 'metrics')),
    column('MinPods', 'string', doc('autoscaling.v2.HorizontalPodAutoscalerSpec', 'minReplicas')),
    column('MaxPods', 'string', doc('autoscaling.v2.HorizontalPodAutoscalerSpec', 'maxReplicas')),
    column('Replicas', 'string', doc('autoscaling.v2.HorizontalPodAutoscalerStatus', 'currentReplicas')),
    ageColumn(),
  ],
  cells(object, now) {
    const hpa = get(object, 'apiVersion') === 'autoscaling/v1' ? hpaFromV1(object) : object;
    const specs = list(hpa, 'spec', 'metrics');
    const statuses = list(hpa, 'status', 'currentMetrics');
    const shown = specs.slice(0, 2).map((spec, i) => hpaMetric(spec, statuses[i]));
    const targets = specs.length === 0 ? '<none>' : `${shown.join(', ')}${specs.length > 2 ? ` + ${specs.length - 2} more...` : ''}`;
    const min = get(hpa, 'spec', 'minReplicas');
    return [
      nameOf(hpa),
      `${str(hpa, 'spec', 'scaleTargetRef', 'kind')}/${str(hpa, 'spec', 'scaleTargetRef', 'name')}`,
      targets,
      typeof min === 'number' ? String(min) : '<unset>',
      int(hpa, 'spec', 'maxReplicas'),
      int(hpa, 'status', 'currentReplicas'),
      ageOf(get(hpa, 'metadata', 'creationTimestamp'), now),
    ];
  },
};

/** `kubectl get controllerrevisions`: NAME CONTROLLER REVISION AGE. */
export const controllerRevisionPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Controller', 'string', 'Controller of the object'),
    column('Revision', 'string', doc('apps.v1.ControllerRevision', 'revision')),
    ageColumn(),
  ],
  cells(revision, now) {
    const owner = list(revision, 'metadata', 'ownerReferences').find((r) => r['controller'] === true);
    let controller = '<none>';
    if (owner !== undefined) {
      const apiVersion = str(owner, 'apiVersion');
      const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
      controller = `${str(owner, 'kind').toLowerCase()}${group === '' ? '' : `.${group}`}/${str(owner, 'name')}`;
    }
    return [nameOf(revision), controller, int(revision, 'revision'), ageOf(get(revision, 'metadata', 'creationTimestamp'), now)];
  },
};
