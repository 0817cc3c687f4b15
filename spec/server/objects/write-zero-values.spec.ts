import { expect } from 'chai';
import { writeZeroValues } from '../../../lib/server/objects/write-zero-values.js';

type Json = Record<string, any>;

function filled(group: string, version: string, kind: string, object: Json): Json {
  writeZeroValues({ group, version, kind }, object);
  return object;
}

describe('writeZeroValues', () => {
  it('should write the status counters Go declares without omitempty', () => {
    expect(filled('apps', 'v1', 'ReplicaSet', { metadata: { name: 'a' }, status: {} })['status']).to.deep.equal({ replicas: 0 });
    expect(filled('apps', 'v1', 'DaemonSet', { metadata: { name: 'a' }, status: {} })['status']).to.deep.equal({
      currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0,
    });
    expect(filled('', 'v1', 'ReplicationController', { metadata: { name: 'a' } })['status']).to.deep.equal({ replicas: 0 });
    expect(filled('apps', 'v1', 'StatefulSet', { metadata: { name: 'a' } })['status']).to.deep.equal({ availableReplicas: 0, replicas: 0 });
    expect(filled('policy', 'v1', 'PodDisruptionBudget', { metadata: { name: 'a' } })['status']).to.deep.equal({
      currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0,
    });
    expect(filled('autoscaling', 'v2', 'HorizontalPodAutoscaler', { metadata: { name: 'a' } })['status']).to.deep.equal({ desiredReplicas: 0 });
  });

  it('should write value structs (always written by Go) but no nil pointers, slices or maps', () => {
    const deployment = filled('apps', 'v1', 'Deployment', { metadata: { name: 'a' }, spec: { template: { spec: { containers: [{ name: 'c' }] } } } });
    expect(deployment['status']).to.deep.equal({});
    expect(deployment['spec'].template.metadata).to.deep.equal({ creationTimestamp: null });
    expect(deployment['spec'].template.spec.containers[0].resources).to.deep.equal({});
    expect(deployment['spec']).to.not.have.property('selector');
    expect(deployment['spec']).to.not.have.property('replicas');
  });

  it('should write null for a zero value time (Go\'s MarshalJSON of metav1.Time) and keep values that are set', () => {
    const event = filled('', 'v1', 'Event', { metadata: { name: 'e' }, involvedObject: { kind: 'Pod' }, count: 2, lastTimestamp: '2024-05-01T10:00:00Z' });
    expect(event).to.include({ firstTimestamp: null, eventTime: null, lastTimestamp: '2024-05-01T10:00:00Z' });
    expect(event).to.not.have.property('series');
    expect(event).to.include({ count: 2, reportingComponent: '', reportingInstance: '' });
    expect(event['source']).to.deep.equal({});
    expect(event['involvedObject']).to.deep.equal({ kind: 'Pod' });
  });

  it('should reach into lists and maps of structs', () => {
    const node = filled('', 'v1', 'Node', { metadata: { name: 'n' }, status: { conditions: [{ type: 'Ready' }] } });
    expect(node['status'].daemonEndpoints).to.deep.equal({ kubeletEndpoint: { Port: 0 } });
    expect(node['status'].conditions[0]).to.deep.equal({ type: 'Ready', status: '', lastHeartbeatTime: null, lastTransitionTime: null });
    expect(node['status'].nodeInfo).to.include({ machineID: '', kubeletVersion: '', architecture: '' });
  });

  it('should leave custom resources alone', () => {
    const object = { metadata: { name: 'w' } };
    expect(filled('example.com', 'v1', 'Widget', object)).to.deep.equal({ metadata: { name: 'w' } });
  });
});
