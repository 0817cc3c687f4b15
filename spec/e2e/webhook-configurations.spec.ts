// kubectl applies webhook configurations to a test cluster (embedded, or the real control plane
// under KUBE_RX_TEST_CLUSTER=real): inlined rule fields survive, defaults are kube-apiserver's, and
// invalid configurations are refused with its messages.
import { expect } from 'chai';
import { stringify } from 'yaml';
import { Kubectl } from '../helpers/kubectl.js';
import { useTestCluster } from '../helpers/test-cluster.js';

type Json = Record<string, any>;

function configuration(kind: 'ValidatingWebhookConfiguration' | 'MutatingWebhookConfiguration', name: string, webhook: Json = {}): string {
  return stringify({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind,
    metadata: { name },
    webhooks: [
      {
        name: `${name}.kube-rx.dev`,
        admissionReviewVersions: ['v1'],
        sideEffects: 'None',
        // Nothing listens there; no rule matches anything this spec writes.
        clientConfig: { url: 'https://127.0.0.1:9/never' },
        rules: [{ operations: ['CREATE', 'UPDATE'], apiGroups: ['no-such-group.kube-rx.dev'], apiVersions: ['v1'], resources: ['widgets', 'widgets/status'], scope: 'Namespaced' }],
        ...webhook,
      },
    ],
  });
}

describe('webhook configurations with kubectl', function () {
  this.timeout(60_000);
  const env = useTestCluster();
  let kubectl: Kubectl;

  before(async () => {
    kubectl = await Kubectl.forKubeconfig(env.kubeconfig);
  });
  after(async () => {
    await kubectl.run(['delete', 'validatingwebhookconfiguration,mutatingwebhookconfiguration', '-l', 'kube-rx-spec=webhook-configurations']);
    await kubectl.dispose();
  });

  async function ok(args: string[], stdin?: string): Promise<string> {
    const result = await kubectl.run(args, stdin);
    expect(result.code, `kubectl ${args.join(' ')}: ${result.stderr}`).to.equal(0);
    return result.stdout;
  }

  for (const kind of ['ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration'] as const) {
    it(`should apply a ${kind} and keep its rules' inlined fields, with defaults`, async () => {
      const name = `${kind.toLowerCase()}-apply`;
      const resource = `${kind.toLowerCase()}.admissionregistration.k8s.io`;
      expect(await ok(['apply', '-f', '-'], configuration(kind, name))).to.equal(`${resource}/${name} created\n`);
      await ok(['label', kind.toLowerCase(), name, 'kube-rx-spec=webhook-configurations']);
      const stored = JSON.parse(await ok(['get', kind.toLowerCase(), name, '-o', 'json'])) as Json;
      const webhook = stored['webhooks'][0] as Json;
      expect(webhook['rules']).to.deep.equal([
        { operations: ['CREATE', 'UPDATE'], apiGroups: ['no-such-group.kube-rx.dev'], apiVersions: ['v1'], resources: ['widgets', 'widgets/status'], scope: 'Namespaced' },
      ]);
      expect(webhook).to.deep.include({ failurePolicy: 'Fail', matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, timeoutSeconds: 10 });
      if (kind === 'MutatingWebhookConfiguration') expect(webhook['reinvocationPolicy']).to.equal('Never');
      expect(await ok(['apply', '-f', '-'], configuration(kind, name, { timeoutSeconds: 5 }))).to.equal(`${resource}/${name} configured\n`);
    });
  }

  it("should refuse an invalid configuration with kube-apiserver's message", async () => {
    const result = await kubectl.run(['apply', '-f', '-'], configuration('ValidatingWebhookConfiguration', 'invalid', { sideEffects: 'Some', timeoutSeconds: 60, clientConfig: { url: 'http://127.0.0.1:9/x' } }));
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('The ValidatingWebhookConfiguration "invalid" is invalid:');
    expect(result.stderr).to.contain('webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"');
    expect(result.stderr).to.contain('webhooks[0].timeoutSeconds: Invalid value: 60: the timeout value must be between 1 and 30 seconds');
    expect(result.stderr).to.contain(`webhooks[0].clientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme; desired format: https://host[/path]`);
  });
});
