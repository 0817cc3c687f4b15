// Specs for toTable: the Table answers kubectl get prints, per apiserver-semantics §11.
import { expect } from 'chai';
import type { KubeObject } from '../../../lib/core/index.js';
import { toTable, type Table } from '../../../lib/server/table/to-table.js';

const now = new Date('2024-05-01T10:00:00Z');
const created = '2024-05-01T09:55:00Z'; // 5m before now
const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: 'default', creationTimestamp: created, resourceVersion: '7', ...extra });

const names = (table: Table) => table.columnDefinitions?.map((c) => c.name);
const visible = (table: Table) => table.columnDefinitions?.filter((c) => c.priority === 0).map((c) => c.name);

describe('toTable', () => {
  describe('envelope', () => {
    it('should build a meta.k8s.io/v1 Table with list metadata and PartialObjectMetadata rows by default', () => {
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('a'), data: { x: '1' } };
      const table = toTable([cm], { kind: 'ConfigMap', group: '', includeObject: 'Metadata', now, listMeta: { resourceVersion: '42', continue: 'tok', remainingItemCount: 3 } });
      expect(table.kind).to.equal('Table');
      expect(table.apiVersion).to.equal('meta.k8s.io/v1');
      expect(table.metadata).to.deep.equal({ resourceVersion: '42', continue: 'tok', remainingItemCount: 3 });
      expect(table.rows[0]?.object).to.deep.equal({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta('a') });
    });

    it('should serialize every column definition field', () => {
      const table = toTable([], { kind: 'ConfigMap', group: '', includeObject: 'None', now });
      for (const definition of table.columnDefinitions ?? []) expect(definition).to.have.all.keys('name', 'type', 'format', 'description', 'priority');
      expect(table.rows).to.deep.equal([]);
    });

    it('should carry the full object for Object and none for None', () => {
      const cm = { metadata: meta('a') };
      expect(toTable([cm], { kind: 'ConfigMap', group: '', includeObject: 'Object', now }).rows[0]?.object).to.equal(cm);
      expect(toTable([cm], { kind: 'ConfigMap', group: '', includeObject: 'None', now }).rows[0]).to.not.have.property('object');
    });

    it('should use a single object\'s resourceVersion without list metadata (watch events)', () => {
      const table = toTable([{ metadata: meta('a') }], { kind: 'ConfigMap', group: '', includeObject: 'None', now });
      expect(table.metadata).to.deep.equal({ resourceVersion: '7' });
    });

    it('should send null column definitions with noHeaders', () => {
      const table = toTable([{ metadata: meta('a') }], { kind: 'ConfigMap', group: '', includeObject: 'None', now, noHeaders: true });
      expect(table.columnDefinitions).to.equal(null);
      expect(table.rows[0]?.cells).to.deep.equal(['a', 0, '5m']);
    });
  });

  describe('built-in printers', () => {
    it('should print pods as NAME READY STATUS RESTARTS AGE with wide IP and NODE', () => {
      const pod = {
        metadata: meta('web'),
        spec: { nodeName: 'node-1', containers: [{ name: 'a' }, { name: 'b' }] },
        status: {
          phase: 'Running',
          podIP: '10.0.0.5',
          containerStatuses: [
            { name: 'a', ready: true, restartCount: 2, state: { running: {} }, lastState: { terminated: { finishedAt: '2024-05-01T09:58:00Z' } } },
            { name: 'b', ready: false, restartCount: 0, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      };
      const table = toTable([pod], { kind: 'Pod', group: '', includeObject: 'None', now });
      expect(visible(table)).to.deep.equal(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
      expect(names(table)).to.deep.equal(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
      expect(table.rows[0]?.cells).to.deep.equal(['web', '1/2', 'CrashLoopBackOff', '2 (2m ago)', '5m', '10.0.0.5', 'node-1', '<none>', '<none>']);
    });

    it('should print a pending pod without status, a terminating pod and init progress', () => {
      const pending = { metadata: meta('p'), spec: { containers: [{ name: 'a' }] }, status: { phase: 'Pending' } };
      const terminating = { metadata: meta('t', { deletionTimestamp: created }), spec: { containers: [{ name: 'a' }] }, status: { phase: 'Running' } };
      const init = {
        metadata: meta('i'),
        spec: { initContainers: [{ name: 'x' }, { name: 'y' }], containers: [{ name: 'a' }] },
        status: { phase: 'Pending', initContainerStatuses: [{ name: 'x', state: { terminated: { exitCode: 0 } } }, { name: 'y', state: { running: {} } }] },
      };
      const rows = toTable([pending, terminating, init], { kind: 'Pod', group: '', includeObject: 'None', now }).rows.map((r) => r.cells.slice(0, 4));
      expect(rows).to.deep.equal([
        ['p', '0/1', 'Pending', '0'],
        ['t', '0/1', 'Terminating', '0'],
        ['i', '0/1', 'Init:1/2', '0'],
      ]);
    });

    it('should mark finished pods with a Completed row condition', () => {
      const done = { metadata: meta('d'), spec: { containers: [{ name: 'a' }] }, status: { phase: 'Succeeded' } };
      expect(toTable([done], { kind: 'Pod', group: '', includeObject: 'None', now }).rows[0]?.conditions?.[0]).to.include({ type: 'Completed', status: 'True' });
    });

    it('should print deployments as NAME READY UP-TO-DATE AVAILABLE AGE', () => {
      const deployment = {
        metadata: meta('web'),
        spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
        status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 },
      };
      const table = toTable([deployment], { kind: 'Deployment', group: 'apps', includeObject: 'None', now });
      expect(visible(table)).to.deep.equal(['Name', 'Ready', 'Up-to-date', 'Available', 'Age']);
      expect(table.rows[0]?.cells).to.deep.equal(['web', '2/3', 3, 2, '5m', 'nginx', 'nginx:1.27', 'app=web']);
    });

    it('should print configmaps, secrets and namespaces', () => {
      const cm = toTable([{ metadata: meta('c'), data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } } as KubeObject], { kind: 'ConfigMap', group: '', includeObject: 'None', now });
      expect(names(cm)).to.deep.equal(['Name', 'Data', 'Age']);
      expect(cm.rows[0]?.cells).to.deep.equal(['c', 3, '5m']);
      const secret = toTable([{ metadata: meta('s'), type: 'Opaque', data: { a: 'eA==' } } as KubeObject], { kind: 'Secret', group: '', includeObject: 'None', now });
      expect(secret.rows[0]?.cells).to.deep.equal(['s', 'Opaque', 1, '5m']);
      const ns = toTable([{ metadata: { name: 'prod', creationTimestamp: created }, status: { phase: 'Active' } } as KubeObject], { kind: 'Namespace', group: '', includeObject: 'None', now });
      expect(names(ns)).to.deep.equal(['Name', 'Status', 'Age']);
      expect(ns.rows[0]?.cells).to.deep.equal(['prod', 'Active', '5m']);
    });

    it('should print services with ports, node ports and external IPs', () => {
      const svc = {
        metadata: meta('web'),
        spec: { type: 'NodePort', clusterIP: '10.96.0.10', selector: { app: 'web' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] },
      };
      const lb = { metadata: meta('lb'), spec: { type: 'LoadBalancer', clusterIP: '10.96.0.11', ports: [{ port: 443 }] } };
      const table = toTable([svc, lb], { kind: 'Service', group: '', includeObject: 'None', now });
      expect(visible(table)).to.deep.equal(['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age']);
      expect(table.rows[0]?.cells).to.deep.equal(['web', 'NodePort', '10.96.0.10', '<none>', '80:30080/TCP,53/UDP', '5m', 'app=web']);
      expect(table.rows[1]?.cells).to.deep.equal(['lb', 'LoadBalancer', '10.96.0.11', '<pending>', '443/TCP', '5m', '<none>']);
    });

    it('should print nodes with status, roles and version', () => {
      const node = {
        metadata: { name: 'n1', creationTimestamp: created, labels: { 'node-role.kubernetes.io/control-plane': '' } },
        spec: { unschedulable: true },
        status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.30.0' }, addresses: [{ type: 'InternalIP', address: '192.168.1.2' }] },
      };
      const cells = toTable([node], { kind: 'Node', group: '', includeObject: 'None', now }).rows[0]?.cells;
      expect(cells?.slice(0, 6)).to.deep.equal(['n1', 'Ready,SchedulingDisabled', 'control-plane', '5m', 'v1.30.0', '192.168.1.2']);
    });

    it('should print jobs as NAME STATUS COMPLETIONS DURATION AGE', () => {
      const job = {
        metadata: meta('j'),
        spec: { completions: 1, template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
        status: { succeeded: 1, startTime: '2024-05-01T09:55:00Z', completionTime: '2024-05-01T09:55:42Z', conditions: [{ type: 'Complete', status: 'True' }] },
      };
      const table = toTable([job], { kind: 'Job', group: 'batch', includeObject: 'None', now });
      expect(visible(table)).to.deep.equal(['Name', 'Status', 'Completions', 'Duration', 'Age']);
      expect(table.rows[0]?.cells.slice(0, 5)).to.deep.equal(['j', 'Complete', '1/1', '42s', '5m']);
    });

    it('should print core/v1 and events.k8s.io/v1 events alike', () => {
      const core = {
        metadata: meta('e1'),
        involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{a}' },
        reason: 'Pulled',
        message: ' pulled ',
        type: 'Normal',
        source: { component: 'kubelet', host: 'n1' },
        firstTimestamp: '2024-05-01T09:50:00Z',
        lastTimestamp: '2024-05-01T09:58:00Z',
        count: 3,
      };
      const coreTable = toTable([core], { kind: 'Event', group: '', includeObject: 'None', now });
      expect(visible(coreTable)).to.deep.equal(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
      expect(coreTable.rows[0]?.cells).to.deep.equal(['2m', 'Normal', 'Pulled', 'pod/web', 'spec.containers{a}', 'kubelet, n1', 'pulled', '10m', 3, 'e1']);
      const v1 = { metadata: meta('e2'), regarding: { kind: 'Lease', name: 'l' }, reason: 'Elected', note: 'became leader', type: 'Normal', eventTime: '2024-05-01T09:59:00.000000Z', reportingController: 'ctl', reportingInstance: 'ctl-1' };
      const v1Table = toTable([v1], { kind: 'Event', group: 'events.k8s.io', includeObject: 'None', now });
      expect(v1Table.rows[0]?.cells).to.deep.equal(['60s', 'Normal', 'Elected', 'lease/l', '', 'ctl, ctl-1', 'became leader', '60s', 1, 'e2']);
    });

    it('should print leases as NAME HOLDER AGE', () => {
      const table = toTable([{ metadata: meta('leader'), spec: { holderIdentity: 'me' } } as KubeObject], { kind: 'Lease', group: 'coordination.k8s.io', includeObject: 'None', now });
      expect(names(table)).to.deep.equal(['Name', 'Holder', 'Age']);
      expect(table.rows[0]?.cells).to.deep.equal(['leader', 'me', '5m']);
    });

    it('should print kinds without a printer (CRDs) as Name and Created At (RFC 3339)', () => {
      const crd = { metadata: { name: 'widgets.example.com', creationTimestamp: '2024-05-01T09:55:00Z' } };
      const table = toTable([crd], { kind: 'CustomResourceDefinition', group: 'apiextensions.k8s.io', includeObject: 'None', now });
      expect(table.columnDefinitions?.map((c) => [c.name, c.type])).to.deep.equal([
        ['Name', 'string'],
        ['Created At', 'date'],
      ]);
      expect(table.rows[0]?.cells).to.deep.equal(['widgets.example.com', '2024-05-01T09:55:00Z']);
    });
  });

  describe('custom resources', () => {
    const widget = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: meta('w1'),
      spec: { replicas: 3, size: 'large', ratio: 0.5, enabled: true, tags: ['a', 'b'] },
      status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-05-01T09:58:00Z' }] },
    };

    it('should print Name plus the declared columns, typed, with date cells as ages', () => {
      const table = toTable([widget], {
        kind: 'Widget',
        group: 'example.com',
        includeObject: 'None',
        now,
        printerColumns: [
          { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
          { name: 'Size', type: 'string', jsonPath: '.spec.size', description: 'how big' },
          { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio', priority: 1 },
          { name: 'Enabled', type: 'boolean', jsonPath: '.spec.enabled' },
          { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
          { name: 'Since', type: 'date', jsonPath: '.status.conditions[0].lastTransitionTime' },
          { name: 'Tags', type: 'string', jsonPath: '.spec.tags' },
          { name: 'Missing', type: 'string', jsonPath: '.spec.nothing' },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      });
      expect(names(table)).to.deep.equal(['Name', 'Replicas', 'Size', 'Ratio', 'Enabled', 'Ready', 'Since', 'Tags', 'Missing', 'Age']);
      expect(table.columnDefinitions?.[1]?.description).to.equal('Custom resource definition column (in JSONPath format): .spec.replicas');
      expect(table.columnDefinitions?.[2]?.description).to.equal('how big');
      expect(table.columnDefinitions?.[3]?.priority).to.equal(1);
      expect(table.rows[0]?.cells).to.deep.equal(['w1', 3, 'large', 0.5, true, 'True', '2m', '[a b]', null, '5m']);
    });

    it('should print Name and Age when the CRD declares no columns', () => {
      const table = toTable([widget], { kind: 'Widget', group: 'example.com', includeObject: 'None', now, printerColumns: [] });
      expect(table.columnDefinitions?.map((c) => [c.name, c.type])).to.deep.equal([
        ['Name', 'string'],
        ['Age', 'date'],
      ]);
      expect(table.rows[0]?.cells).to.deep.equal(['w1', '5m']);
    });

    it('should give null cells for values of the wrong type and <invalid> for bad dates', () => {
      const table = toTable([widget], {
        kind: 'Widget',
        group: 'example.com',
        includeObject: 'None',
        now,
        printerColumns: [
          { name: 'N', type: 'integer', jsonPath: '.spec.size' },
          { name: 'D', type: 'date', jsonPath: '.spec.size' },
          { name: 'Bad', type: 'string', jsonPath: '..broken' },
        ],
      });
      expect(table.rows[0]?.cells).to.deep.equal(['w1', null, '<invalid>', null]);
    });
  });

  describe('volume, networking, rbac and scheduling printers', () => {
    const cells = (group: string, kind: string, object: Record<string, unknown>) => toTable([{ metadata: meta('x'), ...object } as KubeObject], { kind, group, includeObject: 'None', now }).rows[0]?.cells;

    it('should print claims and volumes as kubectl get pvc / pv', () => {
      expect(cells('', 'PersistentVolumeClaim', { spec: { volumeMode: 'Filesystem' }, status: { phase: 'Pending' } })).to.deep.equal(['x', 'Pending', '', '', '', '', '<unset>', '5m', 'Filesystem']);
      const bound = { spec: { volumeName: 'pv-1', storageClassName: 'fast' }, status: { phase: 'Bound', capacity: { storage: '1Gi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'] } };
      expect(cells('', 'PersistentVolumeClaim', bound)).to.deep.equal(['x', 'Bound', 'pv-1', '1Gi', 'RWO,RWX', 'fast', '<unset>', '5m', '<unset>']);
      const volume = { spec: { capacity: { storage: '2Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'ns', name: 'c' } }, status: { phase: 'Bound' } };
      expect(cells('', 'PersistentVolume', volume)).to.deep.equal(['x', '2Gi', 'RWO', 'Retain', 'Bound', 'ns/c', '', '<unset>', '', '5m', '<unset>']);
    });

    it('should print ingresses, network policies, bindings and priority classes as kubectl does', () => {
      const ingress = { spec: { rules: [{ host: 'a.example.com' }, {}], tls: [{}] }, status: { loadBalancer: { ingress: [{ ip: '10.0.0.2' }, { hostname: 'lb' }] } } };
      expect(cells('networking.k8s.io', 'Ingress', ingress)).to.deep.equal(['x', '<none>', 'a.example.com', '10.0.0.2,lb', '80, 443', '5m']);
      expect(cells('networking.k8s.io', 'NetworkPolicy', { spec: { podSelector: {} } })).to.deep.equal(['x', '<none>', '5m']);
      const binding = { roleRef: { kind: 'ClusterRole', name: 'view' }, subjects: [{ kind: 'User', name: 'jane' }, { kind: 'Group', name: 'devs' }, { kind: 'ServiceAccount', name: 'sa', namespace: 'ns' }, { kind: 'User', name: 'joe' }] };
      expect(cells('rbac.authorization.k8s.io', 'RoleBinding', binding)).to.deep.equal(['x', 'ClusterRole/view', '5m', 'jane, joe', 'devs', 'ns/sa']);
      expect(cells('scheduling.k8s.io', 'PriorityClass', { value: 7, preemptionPolicy: 'Never' })).to.deep.equal(['x', 7, false, '5m', 'Never']);
    });
  });
});

