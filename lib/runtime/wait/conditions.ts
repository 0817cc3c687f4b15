// Conditions for awaitCondition(): named predicates over an object that may not exist.
import type { KubeObject } from '../../core/object.js';

/** A predicate over an object, or `undefined` when it does not exist. */
export type Condition<K> = (object: K | undefined) => boolean;

interface WithConditions {
  status?: { conditions?: readonly { type?: string; status?: string; reason?: string }[] };
}

function hasCondition(object: WithConditions | undefined, type: string, predicate: (c: { status?: string; reason?: string }) => boolean): boolean {
  return object?.status?.conditions?.some((c) => c.type === type && predicate(c)) ?? false;
}

/** Named conditions (kube-rs `conditions::*`) and combinators. */
export const conditions = {
  /** The object is gone, or was replaced by another with a different uid. */
  isDeleted:
    (uid: string): Condition<KubeObject> =>
    (object) =>
      object === undefined || object.metadata?.uid !== uid,
  /** The object exists. */
  isCreated: (): Condition<KubeObject> => (object) => object !== undefined,
  /** A CustomResourceDefinition's `Established` condition is `True`. */
  isCrdEstablished: (): Condition<WithConditions & KubeObject> => (crd) => hasCondition(crd, 'Established', (c) => c.status === 'True'),
  /** A Pod's phase is `Running`. */
  isPodRunning: (): Condition<KubeObject & { status?: { phase?: string } }> => (pod) => pod?.status?.phase === 'Running',
  /** A Job's `Complete` condition is `True`. */
  isJobCompleted: (): Condition<WithConditions & KubeObject> => (job) => hasCondition(job, 'Complete', (c) => c.status === 'True'),
  /** A Deployment's `Progressing` condition is `True` with reason `NewReplicaSetAvailable`. */
  isDeploymentCompleted: (): Condition<WithConditions & KubeObject> => (d) =>
    hasCondition(d, 'Progressing', (c) => c.status === 'True' && c.reason === 'NewReplicaSetAvailable'),
  /** Not a LoadBalancer Service, or every ingress of its load balancer has an IP or a hostname. */
  isServiceLoadBalancerProvisioned:
    (): Condition<KubeObject & { spec?: { type?: string }; status?: { loadBalancer?: { ingress?: readonly { ip?: string; hostname?: string }[] } } }> =>
    (svc) => {
      if (svc === undefined) return false;
      if (svc.spec?.type !== 'LoadBalancer') return true;
      const ingress = svc.status?.loadBalancer?.ingress;
      return ingress !== undefined && ingress.every((i) => i.ip !== undefined || i.hostname !== undefined);
    },
  /** Every ingress of an Ingress's load balancer has an IP or a hostname. */
  isIngressProvisioned:
    (): Condition<KubeObject & { status?: { loadBalancer?: { ingress?: readonly { ip?: string; hostname?: string }[] } } }> =>
    (ing) => {
      const ingress = ing?.status?.loadBalancer?.ingress;
      return ingress !== undefined && ingress.every((i) => i.ip !== undefined || i.hostname !== undefined);
    },
  /** Both hold. */
  and:
    <K>(a: Condition<K>, b: Condition<K>): Condition<K> =>
    (object) =>
      a(object) && b(object),
  /** Either holds. */
  or:
    <K>(a: Condition<K>, b: Condition<K>): Condition<K> =>
    (object) =>
      a(object) || b(object),
  /** It does not hold. */
  not:
    <K>(a: Condition<K>): Condition<K> =>
    (object) =>
      !a(object),
} as const;
