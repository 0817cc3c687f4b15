// Makes the Authenticator for a Config's AuthConfig; exec plugins are shared per cluster and user.
import { exposeSecret } from '../../core/secret-string.js';
import type { Environment } from '../http/proxy-for-url.js';
import type { AuthConfig } from './auth-config.js';
import { staticAuthenticator, type Authenticator } from './authenticator.js';
import { ExecPlugin } from './exec-plugin.js';
import { TokenFile } from './token-file.js';

// One ExecPlugin (so one cached credential) per distinct plugin invocation and cluster:
// two Clients for the same kubeconfig user share it, and the same user name in two
// kubeconfigs with different commands or clusters does not collide (client-node's #592).
const execPlugins = new Map<string, ExecPlugin>();

/**
 * The {@link Authenticator} for `auth`. Exec plugins are memoised by their full
 * configuration (command, args, env, API version), cluster and inherited environment, so
 * their credential cache is shared by every Client of that cluster and user.
 *
 * @param env The environment an exec plugin inherits (before its own `env`). @default process.env
 */
export function createAuthenticator(auth: AuthConfig, env: Environment = process.env): Authenticator {
  switch (auth.type) {
    case 'none':
      return staticAuthenticator({ headers: [] });
    case 'token':
      return staticAuthenticator({ headers: [['Authorization', `Bearer ${exposeSecret(auth.token)}`]] });
    case 'basic':
      return staticAuthenticator({ headers: [['Authorization', `Basic ${Buffer.from(`${auth.username}:${exposeSecret(auth.password)}`).toString('base64')}`]] });
    case 'tokenFile':
      return new TokenFile(auth.path);
    case 'exec': {
      // The environment the plugin inherits is part of its invocation (a Config made with its own `env`).
      const key = JSON.stringify([auth.exec, auth.server ?? null, auth.cluster ?? null, env === process.env ? null : env]);
      let plugin = execPlugins.get(key);
      if (plugin === undefined) {
        plugin = new ExecPlugin(auth.exec, { env, ...(auth.cluster === undefined ? {} : { cluster: auth.cluster }), ...(auth.where === undefined ? {} : { where: auth.where }) });
        execPlugins.set(key, plugin);
      }
      return plugin;
    }
  }
}
