// autoscaling/v1 <-> autoscaling/v2 HorizontalPodAutoscalers, as kube-apiserver converts them (v2 is stored).
import { ownProperty, setOwnProperty } from '../../core/json/own-property.js';

type Json = Record<string, unknown>;

/** Where v1 keeps what it cannot express (kube-apiserver's round-trip annotations). */
export const HPA_ANNOTATIONS = {
  metrics: 'autoscaling.alpha.kubernetes.io/metrics',
  currentMetrics: 'autoscaling.alpha.kubernetes.io/current-metrics',
  conditions: 'autoscaling.alpha.kubernetes.io/conditions',
  behavior: 'autoscaling.alpha.kubernetes.io/behavior',
} as const;

/** The CPU target autoscaling/v1 implies when it names none (`DefaultCPUUtilization`). */
const DEFAULT_CPU_UTILIZATION = 80;

function obj(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function arr(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter((v): v is Json => obj(v) !== undefined) : [];
}

/** Drops `undefined` members (Go's omitempty on the converted struct). */
function compact(object: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(object)) if (v !== undefined) setOwnProperty(out, k, v);
  return out;
}

function isCpuUtilization(metric: Json): boolean {
  const resource = obj(metric['resource']);
  return metric['type'] === 'Resource' && resource !== undefined && resource['name'] === 'cpu' && obj(resource['target'])?.['averageUtilization'] !== undefined;
}

function metricSpecToV1(metric: Json): Json {
  const out: Json = { type: metric['type'] };
  const resource = obj(metric['resource']);
  const container = obj(metric['containerResource']);
  const pods = obj(metric['pods']);
  const object = obj(metric['object']);
  const external = obj(metric['external']);
  if (resource !== undefined) {
    const target = obj(resource['target']) ?? {};
    out['resource'] = compact({ name: resource['name'], targetAverageUtilization: target['averageUtilization'], targetAverageValue: target['averageValue'] });
  }
  if (container !== undefined) {
    const target = obj(container['target']) ?? {};
    out['containerResource'] = compact({ name: container['name'], targetAverageUtilization: target['averageUtilization'], targetAverageValue: target['averageValue'], container: container['container'] });
  }
  if (pods !== undefined) {
    const target = obj(pods['target']) ?? {};
    const id = obj(pods['metric']) ?? {};
    out['pods'] = compact({ metricName: id['name'], targetAverageValue: target['averageValue'] ?? '0', selector: id['selector'] });
  }
  if (object !== undefined) {
    const target = obj(object['target']) ?? {};
    const id = obj(object['metric']) ?? {};
    out['object'] = compact({ target: object['describedObject'], metricName: id['name'], targetValue: target['value'] ?? '0', selector: id['selector'], averageValue: target['averageValue'] });
  }
  if (external !== undefined) {
    const target = obj(external['target']) ?? {};
    const id = obj(external['metric']) ?? {};
    out['external'] = compact({ metricName: id['name'], metricSelector: id['selector'], targetValue: target['value'], targetAverageValue: target['averageValue'] });
  }
  return out;
}

function metricSpecFromV1(metric: Json): Json {
  const out: Json = { type: metric['type'] };
  const resource = obj(metric['resource']);
  const container = obj(metric['containerResource']);
  const pods = obj(metric['pods']);
  const object = obj(metric['object']);
  const external = obj(metric['external']);
  const utilizationTarget = (source: Json): Json =>
    compact({
      type: source['targetAverageUtilization'] === undefined ? 'AverageValue' : 'Utilization',
      averageValue: source['targetAverageValue'],
      averageUtilization: source['targetAverageUtilization'],
    });
  if (resource !== undefined) out['resource'] = { name: resource['name'], target: utilizationTarget(resource) };
  if (container !== undefined) out['containerResource'] = compact({ name: container['name'], container: container['container'], target: utilizationTarget(container) });
  if (pods !== undefined) {
    out['pods'] = { metric: compact({ name: pods['metricName'], selector: pods['selector'] }), target: { type: 'AverageValue', averageValue: pods['targetAverageValue'] } };
  }
  if (object !== undefined) {
    out['object'] = {
      describedObject: object['target'],
      metric: compact({ name: object['metricName'], selector: object['selector'] }),
      target: compact({ type: object['averageValue'] === undefined ? 'Value' : 'AverageValue', value: object['targetValue'], averageValue: object['averageValue'] }),
    };
  }
  if (external !== undefined) {
    out['external'] = {
      metric: compact({ name: external['metricName'], selector: external['metricSelector'] }),
      target: compact({ type: external['targetValue'] === undefined ? 'AverageValue' : 'Value', value: external['targetValue'], averageValue: external['targetAverageValue'] }),
    };
  }
  return out;
}

function metricStatusToV1(metric: Json): Json {
  const out: Json = { type: metric['type'] };
  const current = (source: Json): Json => obj(source['current']) ?? {};
  const resource = obj(metric['resource']);
  const container = obj(metric['containerResource']);
  const pods = obj(metric['pods']);
  const object = obj(metric['object']);
  const external = obj(metric['external']);
  if (resource !== undefined) {
    out['resource'] = compact({ name: resource['name'], currentAverageUtilization: current(resource)['averageUtilization'], currentAverageValue: current(resource)['averageValue'] ?? '0' });
  }
  if (container !== undefined) {
    out['containerResource'] = compact({
      name: container['name'], currentAverageUtilization: current(container)['averageUtilization'], currentAverageValue: current(container)['averageValue'] ?? '0', container: container['container'],
    });
  }
  if (pods !== undefined) {
    const id = obj(pods['metric']) ?? {};
    out['pods'] = compact({ metricName: id['name'], currentAverageValue: current(pods)['averageValue'] ?? '0', selector: id['selector'] });
  }
  if (object !== undefined) {
    const id = obj(object['metric']) ?? {};
    out['object'] = compact({ target: object['describedObject'], metricName: id['name'], currentValue: current(object)['value'] ?? '0', selector: id['selector'], averageValue: current(object)['averageValue'] });
  }
  if (external !== undefined) {
    const id = obj(external['metric']) ?? {};
    out['external'] = compact({ metricName: id['name'], metricSelector: id['selector'], currentValue: current(external)['value'] ?? '0', currentAverageValue: current(external)['averageValue'] });
  }
  return out;
}

function metricStatusFromV1(metric: Json): Json {
  const out: Json = { type: metric['type'] };
  const resource = obj(metric['resource']);
  const container = obj(metric['containerResource']);
  const pods = obj(metric['pods']);
  const object = obj(metric['object']);
  const external = obj(metric['external']);
  const usage = (source: Json): Json => compact({ averageValue: source['currentAverageValue'] ?? '0', averageUtilization: source['currentAverageUtilization'] });
  if (resource !== undefined) out['resource'] = { name: resource['name'], current: usage(resource) };
  if (container !== undefined) out['containerResource'] = { name: container['name'], container: container['container'], current: usage(container) };
  if (pods !== undefined) out['pods'] = { metric: compact({ name: pods['metricName'], selector: pods['selector'] }), current: { averageValue: pods['currentAverageValue'] ?? '0' } };
  if (object !== undefined) {
    out['object'] = {
      describedObject: object['target'],
      metric: compact({ name: object['metricName'], selector: object['selector'] }),
      current: compact({ value: object['currentValue'] ?? '0', averageValue: object['averageValue'] }),
    };
  }
  if (external !== undefined) {
    out['external'] = {
      metric: compact({ name: external['metricName'], selector: external['metricSelector'] }),
      current: compact({ value: external['currentValue'] ?? '0', averageValue: external['currentAverageValue'] }),
    };
  }
  return out;
}

/** The behavior annotation holds kube-apiserver's internal type, which has no json tags: Go field names. */
function renameKeys(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeys(v, rename));
  const object = obj(value);
  if (object === undefined) return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(object)) setOwnProperty(out, rename(k), renameKeys(v, rename));
  return out;
}
const toGoName = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);
const toJsonName = (key: string): string => key.charAt(0).toLowerCase() + key.slice(1);

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Annotations without the round-trip ones. */
function withoutRoundTrip(annotations: unknown): Json {
  const out: Json = {};
  const roundTrip = new Set<string>(Object.values(HPA_ANNOTATIONS));
  for (const [k, v] of Object.entries(obj(annotations) ?? {})) if (!roundTrip.has(k)) setOwnProperty(out, k, v);
  return out;
}

function withAnnotations(object: Json, annotations: Json): Json {
  const metadata = { ...(obj(object['metadata']) ?? {}) };
  if (Object.keys(annotations).length === 0) delete metadata['annotations'];
  else metadata['annotations'] = annotations;
  return { ...object, metadata };
}

/** A stored autoscaling/v2 HorizontalPodAutoscaler as autoscaling/v1 serves it. */
export function hpaToV1(v2: Json): Json {
  const spec = obj(v2['spec']) ?? {};
  const status = obj(v2['status']);
  const annotations = withoutRoundTrip(obj(v2['metadata'])?.['annotations']);
  const metrics = arr(spec['metrics']);
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => !isCpuUtilization(m)).map(metricSpecToV1);
  if (others.length > 0) setOwnProperty(annotations, HPA_ANNOTATIONS.metrics, JSON.stringify(others));
  const currentMetrics = arr(status?.['currentMetrics']);
  if (currentMetrics.length > 0) setOwnProperty(annotations, HPA_ANNOTATIONS.currentMetrics, JSON.stringify(currentMetrics.map(metricStatusToV1)));
  if (spec['behavior'] !== undefined) setOwnProperty(annotations, HPA_ANNOTATIONS.behavior, JSON.stringify(renameKeys(spec['behavior'], toGoName)));
  const conditions = arr(status?.['conditions']);
  if (conditions.length > 0) setOwnProperty(annotations, HPA_ANNOTATIONS.conditions, JSON.stringify(conditions));
  const cpuStatus = currentMetrics.find((m) => m['type'] === 'Resource' && obj(m['resource'])?.['name'] === 'cpu');
  const v1Spec = compact({
    scaleTargetRef: spec['scaleTargetRef'],
    minReplicas: spec['minReplicas'],
    maxReplicas: spec['maxReplicas'],
    targetCPUUtilizationPercentage: obj(obj(cpu?.['resource'])?.['target'])?.['averageUtilization'],
  });
  const out: Json = { ...withAnnotations(v2, annotations), apiVersion: 'autoscaling/v1', spec: v1Spec };
  if (status !== undefined) {
    out['status'] = compact({
      observedGeneration: status['observedGeneration'],
      lastScaleTime: status['lastScaleTime'],
      currentReplicas: status['currentReplicas'],
      desiredReplicas: status['desiredReplicas'],
      currentCPUUtilizationPercentage: obj(obj(cpuStatus?.['resource'])?.['current'])?.['averageUtilization'],
    });
  }
  return out;
}

/** An autoscaling/v1 HorizontalPodAutoscaler in autoscaling/v2, the version it is stored in. */
export function hpaFromV1(v1: Json): Json {
  const spec = obj(v1['spec']) ?? {};
  const status = obj(v1['status']);
  const annotations = obj(obj(v1['metadata'])?.['annotations']) ?? {};
  const metrics: Json[] = [];
  const others = parseJson(ownProperty(annotations, HPA_ANNOTATIONS.metrics));
  if (Array.isArray(others)) metrics.push(...arr(others).map(metricSpecFromV1));
  const cpu = spec['targetCPUUtilizationPercentage'];
  if (typeof cpu === 'number') metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } });
  if (metrics.length === 0) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } });
  }
  const behavior = renameKeys(parseJson(ownProperty(annotations, HPA_ANNOTATIONS.behavior)), toJsonName);
  const v2Spec = compact({
    scaleTargetRef: spec['scaleTargetRef'],
    minReplicas: spec['minReplicas'],
    maxReplicas: spec['maxReplicas'],
    metrics,
    behavior: obj(behavior) !== undefined && Object.keys(behavior as Json).length > 0 ? behavior : undefined,
  });
  const out: Json = { ...withAnnotations(v1, withoutRoundTrip(annotations)), apiVersion: 'autoscaling/v2', spec: v2Spec };
  if (status !== undefined) {
    let currentMetrics: Json[] | undefined;
    const recorded = parseJson(ownProperty(annotations, HPA_ANNOTATIONS.currentMetrics));
    if (Array.isArray(recorded)) currentMetrics = arr(recorded).map(metricStatusFromV1);
    else if (typeof status['currentCPUUtilizationPercentage'] === 'number') {
      currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status['currentCPUUtilizationPercentage'] } } }];
    }
    const conditions = parseJson(ownProperty(annotations, HPA_ANNOTATIONS.conditions));
    out['status'] = compact({
      observedGeneration: status['observedGeneration'],
      lastScaleTime: status['lastScaleTime'],
      currentReplicas: status['currentReplicas'],
      desiredReplicas: status['desiredReplicas'],
      currentMetrics,
      conditions: Array.isArray(conditions) ? arr(conditions) : undefined,
    });
  }
  return out;
}
