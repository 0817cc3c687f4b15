// Specs of proxyForUrl: proxy-url, HTTPS_PROXY/HTTP_PROXY, NO_PROXY matching, loopback, bad schemes.
import { expect } from 'chai';
import { isConfigError } from '../../../lib/client/config/config-error.js';
import { proxyForUrl } from '../../../lib/client/http/proxy-for-url.js';

const proxied = (target: string, env: Record<string, string>, proxyUrl?: string): string | undefined => proxyForUrl(new URL(target), env, proxyUrl)?.href;

describe('proxyForUrl', () => {
  it('should connect directly without proxy settings', () => {
    expect(proxied('https://k8s.test', {})).to.equal(undefined);
  });

  it('should use HTTPS_PROXY (then https_proxy) for https clusters, HTTP_PROXY for http ones', () => {
    expect(proxied('https://k8s.test', { HTTPS_PROXY: 'http://p:3128' })).to.equal('http://p:3128/');
    expect(proxied('https://k8s.test', { https_proxy: 'http://lower:3128' })).to.equal('http://lower:3128/');
    expect(proxied('https://k8s.test', { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:2' })).to.equal('http://upper:1/');
    expect(proxied('https://k8s.test', { HTTP_PROXY: 'http://p:3128' })).to.equal(undefined);
    expect(proxied('http://k8s.test', { HTTP_PROXY: 'http://p:3128' })).to.equal('http://p:3128/');
  });

  it('should read a proxy without scheme as http://', () => {
    expect(proxied('https://k8s.test', { HTTPS_PROXY: 'p.corp:3128' })).to.equal('http://p.corp:3128/');
  });

  it('should always use an explicit proxy-url, even for excluded hosts', () => {
    expect(proxied('https://127.0.0.1', { NO_PROXY: '*' }, 'https://p:443')).to.equal('https://p/');
  });

  it('should never proxy loopback hosts from the environment', () => {
    for (const target of ['https://localhost:6443', 'https://127.0.0.1:6443', 'https://127.1.2.3', 'https://[::1]:6443']) {
      expect(proxied(target, { HTTPS_PROXY: 'http://p:3128' }), target).to.equal(undefined);
    }
  });

  describe('NO_PROXY', () => {
    const env = (noProxy: string): Record<string, string> => ({ HTTPS_PROXY: 'http://p:3128', NO_PROXY: noProxy });
    const cases: [string, string, boolean][] = [
      ['*', 'https://anything.test', false],
      ['k8s.test', 'https://k8s.test', false],
      ['k8s.test', 'https://api.k8s.test', false],
      ['k8s.test', 'https://notk8s.test', true],
      ['.k8s.test', 'https://api.k8s.test', false],
      ['.k8s.test', 'https://k8s.test', true],
      ['10.0.0.0/8', 'https://10.1.2.3:6443', false],
      ['10.0.0.0/8', 'https://11.1.2.3', true],
      ['fd00::/8', 'https://[fd00::1]', false],
      ['10.1.2.3', 'https://10.1.2.3', false],
      ['k8s.test:6443', 'https://k8s.test:6443', false],
      ['k8s.test:6443', 'https://k8s.test', true],
      ['other.test, K8S.TEST ', 'https://k8s.test', false],
    ];
    for (const [noProxy, target, viaProxy] of cases) {
      it(`should ${viaProxy ? '' : 'not '}proxy ${target} with NO_PROXY=${noProxy}`, () => {
        expect(proxied(target, env(noProxy))).to.equal(viaProxy ? 'http://p:3128/' : undefined);
      });
    }

    it('should read no_proxy too', () => {
      expect(proxied('https://k8s.test', { HTTPS_PROXY: 'http://p:3128', no_proxy: 'k8s.test' })).to.equal(undefined);
    });
  });

  it('should refuse socks5 and other schemes with ConfigError Unsupported', () => {
    for (const [env, field] of [
      [{ HTTPS_PROXY: 'socks5://p:1080' }, 'HTTPS_PROXY'],
      [{}, 'proxy-url'],
    ] as const) {
      const error = (() => {
        try {
          proxyForUrl(new URL('https://k8s.test'), env, field === 'proxy-url' ? 'socks5h://p:1080' : undefined);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(isConfigError(error) && [error.reason, error.field]).to.deep.equal(['Unsupported', field]);
    }
  });
});
