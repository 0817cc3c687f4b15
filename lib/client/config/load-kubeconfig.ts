// Reads the kubeconfig kubectl would use: $KUBECONFIG's files merged, else ~/.kube/config, or a given path.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Environment } from '../http/proxy-for-url.js';
import { ConfigError } from './config-error.js';
import { mergeKubeconfigs, parseKubeconfig, type Kubeconfig } from './kubeconfig.js';

/** Where {@link loadKubeconfig} reads from. */
export interface LoadKubeconfigOptions {
  /** Read this file only (it must exist). */
  readonly path?: string;
  /** Parse this YAML text only; relative paths in it resolve against `baseDir`. */
  readonly text?: string;
  /** @default process.cwd() */
  readonly baseDir?: string;
  /** The environment to read `KUBECONFIG` from. @default process.env */
  readonly env?: Environment;
  /** The home directory holding `.kube/config`. @default os.homedir() */
  readonly homeDir?: string;
}

/**
 * Loads a kubeconfig as kubectl does:
 *
 * 1. `text`, if given; else `path`, if given (a missing file is an error);
 * 2. else every file listed in `$KUBECONFIG` (separated by `:`, `;` on Windows), merged
 *    first-wins by {@link mergeKubeconfigs}; empty entries and files that do not exist are
 *    skipped, as kubectl skips them, but at least one must exist;
 * 3. else `~/.kube/config`.
 *
 * @throws {ConfigError} `NoKubeconfig` when no file is found, `ReadFailed` when one cannot be
 *   read, and whatever {@link parseKubeconfig} throws.
 */
export async function loadKubeconfig(options: LoadKubeconfigOptions = {}): Promise<Kubeconfig> {
  if (options.text !== undefined) return parseKubeconfig(options.text, undefined, options.baseDir);
  if (options.path !== undefined) {
    const text = await read(options.path, true);
    return parseKubeconfig(text ?? '', options.path);
  }
  const env = options.env ?? process.env;
  const list = env['KUBECONFIG'];
  if (list !== undefined && list.trim() !== '') {
    const paths = [...new Set(list.split(delimiter).map((p) => p.trim()).filter((p) => p !== ''))];
    const configs: Kubeconfig[] = [];
    for (const path of paths) {
      const text = await read(path, false);
      if (text !== undefined) configs.push(parseKubeconfig(text, path));
    }
    if (configs.length === 0) {
      throw new ConfigError('NoKubeconfig', `none of the files in $KUBECONFIG exists: ${paths.join(delimiter)}`, { field: 'KUBECONFIG' });
    }
    return mergeKubeconfigs(configs);
  }
  const path = join(options.homeDir ?? homedir(), '.kube', 'config');
  const text = await read(path, false);
  if (text === undefined) throw new ConfigError('NoKubeconfig', '$KUBECONFIG is not set and the file does not exist', { file: path });
  return parseKubeconfig(text, path);
}

async function read(path: string, mustExist: boolean): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT' && !mustExist) return undefined;
    const what = code === 'ENOENT' ? 'does not exist' : `cannot be read (${String(code ?? error)})`;
    throw new ConfigError(code === 'ENOENT' ? 'NoKubeconfig' : 'ReadFailed', what, { file: path }, { cause: error });
  }
}
