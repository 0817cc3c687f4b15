// Spec fixture: the Widget CRD (example.com, two versions, status and scale subresources, printer columns).

type Json = Record<string, any>;

/**
 * A `widgets.example.com` CRD: v1 (storage) with a structural schema (`spec.color` enum red/blue,
 * `spec.replicas` defaulting to 1), status and scale subresources and a Color printer column;
 * v2 (the preferred version: kube-aware ordering puts v2 first) served with a schema that preserves
 * unknown fields and the same column. `extra` is merged into `spec`.
 */
export function widgetCrd(extra: Json = {}): Json {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: {
      group: 'example.com',
      scope: 'Namespaced',
      names: { plural: 'widgets', kind: 'Widget', shortNames: ['wd'] },
      versions: [
        {
          name: 'v1',
          served: true,
          storage: true,
          subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
          additionalPrinterColumns: [{ name: 'Color', type: 'string', jsonPath: '.spec.color' }],
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: { type: 'object', properties: { color: { type: 'string', enum: ['red', 'blue'] }, replicas: { type: 'integer', default: 1 } } },
                status: { type: 'object', properties: { replicas: { type: 'integer' } } },
              },
            },
          },
        },
        {
          name: 'v2',
          served: true,
          storage: false,
          additionalPrinterColumns: [{ name: 'Color', type: 'string', jsonPath: '.spec.color' }],
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
      ...extra,
    },
  };
}

