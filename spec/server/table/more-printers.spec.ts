// The tables kubectl prints for RCs, HPAs, PVCs, EndpointSlices and ControllerRevisions, as kube-apiserver's printers make them.
import { expect } from 'chai';
import { toTable } from '../../../lib/server/table/to-table.js';

type Json = Record<string, any>;
const now = new Date('2024-05-01T10:05:00Z');
const meta = (name: string, extra: Json = {}) => ({ name, creationTimestamp: '2024-05-01T10:00:00Z', ...extra });

function row(group: string, kind: string, object: Json): { columns: string[]; cells: unknown[] } {
  const table = toTable([object], { kind, group, includeObject: 'None', now });
  return { columns: (table.columnDefinitions ?? []).map((c) => c.name), cells: table.rows[0]?.cells ?? [] };
}

describe('more printers', () => {
  it('should print ReplicationControllers', () => {
    const { columns, cells } = row('', 'ReplicationController', { metadata: meta('rc'), spec: { replicas: 2, selector: { app: 'x' }, template: { spec: { containers: [{ name: 'c', image: 'nginx' }] } } }, status: { replicas: 2, readyReplicas: 1 } });
    expect(columns).to.deep.equal(['Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers', 'Images', 'Selector']);
    expect(cells).to.deep.equal(['rc', 2, 2, 1, '5m', 'c', 'nginx', 'app=x']);
  });

  it('should print HorizontalPodAutoscalers of either version, with their targets', () => {
    const v2 = { apiVersion: 'autoscaling/v2', metadata: meta('h'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] }, status: { currentReplicas: 2, currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 40 } } }] } };
    const { columns, cells } = row('autoscaling', 'HorizontalPodAutoscaler', v2);
    expect(columns).to.deep.equal(['Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age']);
    expect(cells).to.deep.equal(['h', 'Deployment/web', 'cpu: 40%/50%', '1', 3, 2, '5m']);
    const v1 = { apiVersion: 'autoscaling/v1', metadata: meta('h'), spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 3, targetCPUUtilizationPercentage: 70 }, status: { currentReplicas: 0 } };
    expect(row('autoscaling', 'HorizontalPodAutoscaler', v1).cells.slice(1, 4)).to.deep.equal(['Deployment/web', 'cpu: <unknown>/70%', '<unset>']);
  });

  it('should print PersistentVolumeClaims, bound and pending', () => {
    const pending = row('', 'PersistentVolumeClaim', { metadata: meta('c'), spec: { volumeMode: 'Filesystem', storageClassName: 'standard' }, status: { phase: 'Pending' } });
    expect(pending.columns).to.deep.equal(['Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode']);
    expect(pending.cells).to.deep.equal(['c', 'Pending', '', '', '', 'standard', '<unset>', '5m', 'Filesystem']);
    const bound = row('', 'PersistentVolumeClaim', { metadata: meta('b'), spec: { volumeName: 'pv-1' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'] } });
    expect(bound.cells.slice(1, 5)).to.deep.equal(['Bound', 'pv-1', '1Gi', 'RWO,ROX']);
  });

  it('should print EndpointSlices with at most three ports and addresses', () => {
    const { columns, cells } = row('discovery.k8s.io', 'EndpointSlice', {
      metadata: meta('s'), addressType: 'IPv4', ports: [{ port: 80 }, { name: 'x' }],
      endpoints: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ addresses: [ip] })),
    });
    expect(columns).to.deep.equal(['Name', 'AddressType', 'Ports', 'Endpoints', 'Age']);
    expect(cells).to.deep.equal(['s', 'IPv4', '80,x', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...', '5m']);
  });

  it('should print ControllerRevisions with their controller', () => {
    const { cells } = row('apps', 'ControllerRevision', { metadata: meta('db-1', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true }] }), revision: 2 });
    expect(cells).to.deep.equal(['db-1', 'statefulset.apps/db', 2, '5m']);
  });
});
