// The kubeconfig file format, and parsing one file's text with errors that name the file and field.
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { ConfigError } from './config-error.js';

/** `clusters[].cluster`: where the API server is and how to trust it. */
export interface KubeconfigCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
  'disable-compression'?: boolean;
  extensions?: { name: string; extension: unknown }[];
  [field: string]: unknown;
}

/** One entry of `users[].user.exec.env`. */
export interface ExecEnvVar {
  name: string;
  value: string;
}

/** `users[].user.exec`: a credential plugin (client-go's `ExecConfig`). */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: ExecEnvVar[];
  apiVersion: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: 'Never' | 'IfAvailable' | 'Always';
  [field: string]: unknown;
}

/** `users[].user`: how to authenticate (client-go's `AuthInfo`). */
export interface KubeconfigUser {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
  as?: string;
  'as-uid'?: string;
  'as-groups'?: string[];
  'as-user-extra'?: Record<string, string[]>;
  exec?: ExecConfig;
  'auth-provider'?: { name: string; config?: Record<string, string> };
  [field: string]: unknown;
}

/** `contexts[].context`: a cluster, a user and a default namespace. */
export interface KubeconfigContext {
  cluster?: string;
  user?: string;
  namespace?: string;
  [field: string]: unknown;
}

/** A named entry, with the file it was read from (kube-rx's addition, for error messages). */
export interface Named {
  name: string;
  file?: string;
}
/** `clusters[]`. */
export interface NamedCluster extends Named {
  cluster: KubeconfigCluster;
}
/** `users[]`. */
export interface NamedUser extends Named {
  user: KubeconfigUser;
}
/** `contexts[]`. */
export interface NamedContext extends Named {
  context: KubeconfigContext;
}

/**
 * A parsed kubeconfig (`kind: Config`, `apiVersion: v1`). Relative file paths in it
 * (`certificate-authority`, `client-certificate`, `client-key`, `tokenFile`, and an exec
 * `command` containing a `/`) are already absolute, resolved against the file's directory.
 * Fields kube-rx does not know are kept.
 */
export interface Kubeconfig {
  apiVersion?: string;
  kind?: string;
  'current-context'?: string;
  preferences?: unknown;
  clusters: NamedCluster[];
  users: NamedUser[];
  contexts: NamedContext[];
  /** Where this kubeconfig was read from: file paths, or `<text>`. */
  files: string[];
  [field: string]: unknown;
}

type FieldType = 'string' | 'boolean' | 'string[]' | 'object' | 'array' | 'string[] map';

const CLUSTER_FIELDS: Record<string, FieldType> = {
  server: 'string',
  'certificate-authority': 'string',
  'certificate-authority-data': 'string',
  'insecure-skip-tls-verify': 'boolean',
  'tls-server-name': 'string',
  'proxy-url': 'string',
  'disable-compression': 'boolean',
  extensions: 'array',
};
const USER_FIELDS: Record<string, FieldType> = {
  token: 'string',
  tokenFile: 'string',
  'client-certificate': 'string',
  'client-certificate-data': 'string',
  'client-key': 'string',
  'client-key-data': 'string',
  username: 'string',
  password: 'string',
  as: 'string',
  'as-uid': 'string',
  'as-groups': 'string[]',
  'as-user-extra': 'string[] map',
  exec: 'object',
  'auth-provider': 'object',
};
const CONTEXT_FIELDS: Record<string, FieldType> = { cluster: 'string', user: 'string', namespace: 'string' };
const EXEC_FIELDS: Record<string, FieldType> = {
  command: 'string',
  args: 'string[]',
  env: 'array',
  apiVersion: 'string',
  installHint: 'string',
  provideClusterInfo: 'boolean',
  interactiveMode: 'string',
};

/** The text name of a kubeconfig that did not come from a file. */
export const TEXT_SOURCE = '<text>';

/**
 * Parses a kubeconfig's YAML text. Several YAML documents in one file are merged, first
 * wins, like separate files. With `file`, relative paths are resolved against its directory
 * (else against `baseDir`, default the working directory).
 *
 * @throws {ConfigError} `InvalidYaml` for YAML syntax errors (with the line), `InvalidField`
 *   for a field of the wrong type, `MissingField` for a nameless entry or an exec plugin
 *   without `command` or `apiVersion` — each naming the file and the field.
 */
export function parseKubeconfig(text: string, file?: string, baseDir?: string): Kubeconfig {
  const source = file ?? TEXT_SOURCE;
  const directory = file === undefined ? resolve(baseDir ?? '.') : dirname(resolve(file));
  const documents = parseAllDocuments(text.replace(/^\uFEFF/, ''));
  const list = Array.isArray(documents) ? documents : [documents];
  const configs: Kubeconfig[] = [];
  for (const document of list) {
    const error = document.errors[0];
    if (error !== undefined) {
      // The parser's own error quotes the offending source line, which may hold a token: keep
      // only its first line (no source) and do not chain it as the cause.
      const line = error.linePos?.[0].line;
      const what = (error.message.split('\n')[0] ?? '').replace(/:$/, '');
      throw new ConfigError('InvalidYaml', `is not valid YAML${line === undefined ? '' : ` (line ${line})`}: ${what}`, { file: source });
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    configs.push(parseDocument(value, source, directory));
  }
  if (configs.length === 0) return { clusters: [], users: [], contexts: [], files: [source] };
  return mergeKubeconfigs(configs);
}

function parseDocument(value: unknown, file: string, directory: string): Kubeconfig {
  if (!isRecord(value)) throw new ConfigError('InvalidField', 'must be a mapping with clusters, users and contexts', { file, field: '(root)' });
  for (const key of ['apiVersion', 'kind', 'current-context'] as const) checkType(value[key], 'string', file, key);
  if (value['kind'] !== undefined && value['kind'] !== 'Config') {
    throw new ConfigError('InvalidField', `must be "Config", got ${JSON.stringify(value['kind'])}`, { file, field: 'kind' });
  }
  const clusters = namedList(value, 'clusters', 'cluster', CLUSTER_FIELDS, file).map(({ name, body }) => {
    const cluster = body as KubeconfigCluster;
    resolvePath(cluster, 'certificate-authority', directory);
    return { name, cluster, file };
  });
  const users = namedList(value, 'users', 'user', USER_FIELDS, file).map(({ name, body }) => {
    const user = body as KubeconfigUser;
    const field = `users[name=${name}].user`;
    if (user['as-user-extra'] !== undefined) checkType(user['as-user-extra'], 'string[] map', file, `${field}.as-user-extra`);
    // `exec:` or `auth-provider:` with nothing under it parses as null: say so, naming the field.
    if ((user.exec as unknown) === null) {
      throw new ConfigError('MissingField', 'is empty: an exec credential plugin needs at least command and apiVersion', { file, field: `${field}.exec` });
    }
    if ((user['auth-provider'] as unknown) === null) throw new ConfigError('MissingField', 'is empty: an auth-provider needs a name', { file, field: `${field}.auth-provider` });
    if (user.exec !== undefined) checkExec(user.exec, file, `${field}.exec`, directory);
    if (user['auth-provider'] !== undefined) {
      checkType(user['auth-provider'].name, 'string', file, `${field}.auth-provider.name`);
      if (user['auth-provider'].name === undefined || user['auth-provider'].name === '') {
        throw new ConfigError('MissingField', 'is required', { file, field: `${field}.auth-provider.name` });
      }
    }
    resolvePath(user, 'client-certificate', directory);
    resolvePath(user, 'client-key', directory);
    resolvePath(user, 'tokenFile', directory);
    return { name, user, file };
  });
  const contexts = namedList(value, 'contexts', 'context', CONTEXT_FIELDS, file).map(({ name, body }) => ({
    name,
    context: body as KubeconfigContext,
    file,
  }));
  return { ...value, clusters, users, contexts, files: [file] };
}

function namedList(
  root: Record<string, unknown>,
  list: 'clusters' | 'users' | 'contexts',
  key: 'cluster' | 'user' | 'context',
  fields: Record<string, FieldType>,
  file: string,
): { name: string; body: Record<string, unknown> }[] {
  const entries = root[list];
  if (entries === undefined || entries === null) return [];
  if (!Array.isArray(entries)) throw new ConfigError('InvalidField', 'must be a list', { file, field: list });
  return entries.map((entry: unknown, index) => {
    if (!isRecord(entry)) throw new ConfigError('InvalidField', 'must be a mapping', { file, field: `${list}[${index}]` });
    const name = entry['name'];
    if (name === undefined || name === null || name === '') {
      throw new ConfigError('MissingField', 'is required', { file, field: `${list}[${index}].name` });
    }
    if (typeof name !== 'string') throw new ConfigError('InvalidField', 'must be a string', { file, field: `${list}[${index}].name` });
    const body = entry[key] ?? {};
    const at = `${list}[name=${name}].${key}`;
    if (!isRecord(body)) throw new ConfigError('InvalidField', 'must be a mapping', { file, field: at });
    for (const [field, type] of Object.entries(fields)) checkType(body[field], type, file, `${at}.${field}`);
    return { name, body };
  });
}

function checkExec(exec: ExecConfig, file: string, at: string, directory: string): void {
  for (const [field, type] of Object.entries(EXEC_FIELDS)) checkType(exec[field], type, file, `${at}.${field}`);
  if (exec.command === undefined || exec.command === '') throw new ConfigError('MissingField', 'is required', { file, field: `${at}.command` });
  if (exec.apiVersion === undefined || exec.apiVersion === '') throw new ConfigError('MissingField', 'is required', { file, field: `${at}.apiVersion` });
  if (exec.interactiveMode !== undefined && !['Never', 'IfAvailable', 'Always'].includes(exec.interactiveMode)) {
    throw new ConfigError('InvalidField', `must be Never, IfAvailable or Always, got ${JSON.stringify(exec.interactiveMode)}`, { file, field: `${at}.interactiveMode` });
  }
  (exec.env ?? []).forEach((variable: unknown, index) => {
    const field = `${at}.env[${index}]`;
    if (!isRecord(variable)) throw new ConfigError('InvalidField', 'must be a mapping with name and value', { file, field });
    checkType(variable['name'], 'string', file, `${field}.name`);
    checkType(variable['value'], 'string', file, `${field}.value`);
    if (variable['name'] === undefined || variable['name'] === '') throw new ConfigError('MissingField', 'is required', { file, field: `${field}.name` });
  });
  if (exec.command.includes('/') && !isAbsolute(exec.command)) exec.command = resolve(directory, exec.command);
}

function checkType(value: unknown, type: FieldType, file: string, field: string): void {
  if (value === undefined || value === null) return;
  const ok = (() => {
    switch (type) {
      case 'string':
        return typeof value === 'string';
      case 'boolean':
        return typeof value === 'boolean';
      case 'string[]':
        return Array.isArray(value) && value.every((item) => typeof item === 'string');
      case 'object':
        return isRecord(value);
      case 'array':
        return Array.isArray(value);
      case 'string[] map':
        return isRecord(value) && Object.values(value).every((item) => Array.isArray(item) && item.every((v) => typeof v === 'string'));
    }
  })();
  if (!ok) {
    const expected = type === 'string[] map' ? 'a mapping of string lists' : type === 'string[]' ? 'a list of strings' : type === 'object' ? 'a mapping' : type === 'array' ? 'a list' : `a ${type}`;
    const got = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
    throw new ConfigError('InvalidField', `must be ${expected}, got ${got}`, { file, field });
  }
}

function resolvePath(entry: Record<string, unknown>, key: string, directory: string): void {
  const value = entry[key];
  if (typeof value === 'string' && value !== '' && !isAbsolute(value)) entry[key] = resolve(directory, value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Merges kubeconfigs the way kubectl merges the files of `$KUBECONFIG`: the first to set a
 * scalar (`current-context`, `preferences`, unknown top-level keys) wins; clusters, users
 * and contexts are appended only when their name is not taken yet (the first wins whole,
 * fields are never mixed between two entries of the same name).
 *
 * ## Example
 * ```ts
 * const merged = mergeKubeconfigs([parseKubeconfig(a, 'a.yaml'), parseKubeconfig(b, 'b.yaml')]);
 * ```
 */
export function mergeKubeconfigs(configs: readonly Kubeconfig[]): Kubeconfig {
  return configs.reduce(mergeTwo, { clusters: [], users: [], contexts: [], files: [] });
}

function mergeTwo(first: Kubeconfig, next: Kubeconfig): Kubeconfig {
  const merged: Kubeconfig = { ...next, ...first, clusters: [...first.clusters], users: [...first.users], contexts: [...first.contexts], files: [...first.files, ...next.files] };
  for (const key of Object.keys(next)) {
    const mine = merged[key];
    if (mine === undefined || mine === null || mine === '') merged[key] = next[key];
  }
  const add = <T extends { name: string }>(into: T[], from: readonly T[]): void => {
    const names = new Set(into.map((entry) => entry.name));
    for (const entry of from) if (!names.has(entry.name)) into.push(entry);
  };
  add(merged.clusters, next.clusters);
  add(merged.users, next.users);
  add(merged.contexts, next.contexts);
  return merged;
}
