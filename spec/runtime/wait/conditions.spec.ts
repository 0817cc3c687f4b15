import { expect } from 'chai';
import { conditions } from '../../../lib/runtime/wait/conditions.js';

describe('conditions', () => {
  it('isDeleted: absent, or present with another uid', () => {
    const cond = conditions.isDeleted('u1');
    expect(cond(undefined)).to.equal(true);
    expect(cond({ metadata: { uid: 'u1' } })).to.equal(false);
    expect(cond({ metadata: { uid: 'u2' } })).to.equal(true);
  });

  it('isCreated', () => {
    expect(conditions.isCreated()(undefined)).to.equal(false);
    expect(conditions.isCreated()({})).to.equal(true);
  });

  it('isCrdEstablished, isJobCompleted, isDeploymentCompleted read status conditions', () => {
    const established = { status: { conditions: [{ type: 'NamesAccepted', status: 'True' }, { type: 'Established', status: 'True' }] } };
    expect(conditions.isCrdEstablished()(established)).to.equal(true);
    expect(conditions.isCrdEstablished()({ status: { conditions: [{ type: 'Established', status: 'False' }] } })).to.equal(false);
    expect(conditions.isCrdEstablished()(undefined)).to.equal(false);
    expect(conditions.isJobCompleted()({ status: { conditions: [{ type: 'Complete', status: 'True' }] } })).to.equal(true);
    expect(conditions.isJobCompleted()({ status: { conditions: [{ type: 'Failed', status: 'True' }] } })).to.equal(false);
    const progressing = (reason: string) => ({ status: { conditions: [{ type: 'Progressing', status: 'True', reason }] } });
    expect(conditions.isDeploymentCompleted()(progressing('NewReplicaSetAvailable'))).to.equal(true);
    expect(conditions.isDeploymentCompleted()(progressing('ReplicaSetUpdated'))).to.equal(false);
  });

  it('isPodRunning', () => {
    expect(conditions.isPodRunning()({ status: { phase: 'Running' } })).to.equal(true);
    expect(conditions.isPodRunning()({ status: { phase: 'Pending' } })).to.equal(false);
  });

  it('isServiceLoadBalancerProvisioned and isIngressProvisioned', () => {
    const svc = conditions.isServiceLoadBalancerProvisioned();
    expect(svc({ spec: { type: 'ClusterIP' } })).to.equal(true);
    expect(svc({ spec: { type: 'LoadBalancer' } })).to.equal(false);
    expect(svc({ spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } })).to.equal(true);
    expect(svc({ spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{}] } } })).to.equal(false);
    expect(conditions.isIngressProvisioned()({ status: { loadBalancer: { ingress: [{ hostname: 'x' }] } } })).to.equal(true);
    expect(conditions.isIngressProvisioned()({})).to.equal(false);
  });

  it('and, or, not', () => {
    const yes = () => true;
    const no = () => false;
    expect(conditions.and(yes, no)(undefined)).to.equal(false);
    expect(conditions.or(yes, no)(undefined)).to.equal(true);
    expect(conditions.not(no)(undefined)).to.equal(true);
  });
});
