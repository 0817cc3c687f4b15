import { expect } from 'chai';
import { hpaFromV1, hpaToV1 } from '../../../lib/server/objects/hpa-conversion.js';
import { rawRequest, useApiServer } from '../../helpers/api-server.js';

type Json = Record<string, any>;

const TARGET = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

describe('hpaToV1 and hpaFromV1', () => {
  it('should map a CPU utilization target to targetCPUUtilizationPercentage and back', () => {
    const v2 = {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' },
      spec: { scaleTargetRef: TARGET, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    };
    const v1: Json = hpaToV1(v2);
    expect(v1['spec']).to.deep.equal({ scaleTargetRef: TARGET, maxReplicas: 3, targetCPUUtilizationPercentage: 50 });
    expect(v1['metadata']).to.deep.equal({ name: 'web' });
    expect(hpaFromV1(v1)['spec']).to.deep.equal(v2.spec);
  });

  it('should default a v1 HPA without a target to 80% CPU (DefaultCPUUtilization)', () => {
    const v2: Json = hpaFromV1({ apiVersion: 'autoscaling/v1', metadata: { name: 'a' }, spec: { scaleTargetRef: TARGET, maxReplicas: 2 } });
    expect(v2['spec'].metrics).to.deep.equal([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });

  it('should keep other metrics, current metrics and conditions in the round-trip annotations', () => {
    const pods = { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } };
    const v2 = {
      metadata: { name: 'web', annotations: { keep: 'me' } },
      spec: { scaleTargetRef: TARGET, maxReplicas: 3, metrics: [pods] },
      status: {
        currentReplicas: 1, desiredReplicas: 2,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageValue: '100m', averageUtilization: 40 } } }],
        conditions: [{ type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale' }],
      },
    };
    const v1: Json = hpaToV1(v2);
    const annotations = v1['metadata'].annotations;
    expect(JSON.parse(annotations['autoscaling.alpha.kubernetes.io/metrics'])).to.deep.equal([{ type: 'Pods', pods: { metricName: 'qps', targetAverageValue: '10' } }]);
    expect(v1['status']).to.deep.equal({ currentReplicas: 1, desiredReplicas: 2, currentCPUUtilizationPercentage: 40 });
    expect(annotations['keep']).to.equal('me');
    const back: Json = hpaFromV1(v1);
    expect(back['spec'].metrics).to.deep.equal([pods]);
    expect(back['status'].conditions).to.deep.equal(v2.status.conditions);
    expect(back['status'].currentMetrics).to.deep.equal(v2.status.currentMetrics);
    expect(back['metadata'].annotations).to.deep.equal({ keep: 'me' });
  });
});

describe('autoscaling/v1 HorizontalPodAutoscalers', () => {
  const env = useApiServer();

  it('should serve one stored object in both versions', async () => {
    const created = await rawRequest(env.server, '/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers', {
      method: 'POST',
      body: { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: TARGET, maxReplicas: 3, targetCPUUtilizationPercentage: 50 } },
    });
    expect(created.status).to.equal(201);
    expect(created.json<Json>()).to.deep.include({ apiVersion: 'autoscaling/v1' });
    expect(created.json<Json>()['spec']).to.deep.equal({ scaleTargetRef: TARGET, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 });
    expect(created.json<Json>()['status']).to.deep.equal({ currentReplicas: 0, desiredReplicas: 0 });
    const v2 = (await rawRequest(env.server, '/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/web')).json<Json>();
    expect(v2['spec'].metrics).to.deep.equal([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
    const list = (await rawRequest(env.server, '/apis/autoscaling/v1/horizontalpodautoscalers')).json<Json>();
    expect(list['items'][0]['spec'].targetCPUUtilizationPercentage).to.equal(50);
  });
});
