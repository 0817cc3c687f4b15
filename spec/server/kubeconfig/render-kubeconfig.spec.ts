import { expect } from 'chai';
import { parse } from 'yaml';
import { renderKubeconfig } from '../../../lib/server/kubeconfig/render-kubeconfig.js';

describe('renderKubeconfig', () => {
  it('should write one cluster, user and current context', () => {
    const config = parse(renderKubeconfig({ server: 'https://127.0.0.1:1', caPem: 'CA', user: { token: 't' } })) as Record<string, any>;
    expect(config['current-context']).to.equal('kube-rx');
    expect(config['clusters'][0]).to.deep.equal({ name: 'kube-rx', cluster: { server: 'https://127.0.0.1:1', 'certificate-authority-data': Buffer.from('CA').toString('base64') } });
    expect(config['users'][0].user).to.deep.equal({ token: 't' });
    expect(config['contexts'][0].context).to.deep.equal({ cluster: 'kube-rx', user: 'kube-rx-admin', namespace: 'default' });
  });

  it('should embed a client certificate as data', () => {
    const config = parse(renderKubeconfig({ server: 'http://x', user: { certPem: 'C', keyPem: 'K' } })) as Record<string, any>;
    expect(config['users'][0].user).to.deep.equal({ 'client-certificate-data': Buffer.from('C').toString('base64'), 'client-key-data': Buffer.from('K').toString('base64') });
    expect(config['clusters'][0].cluster).to.not.have.property('certificate-authority-data');
  });
});
