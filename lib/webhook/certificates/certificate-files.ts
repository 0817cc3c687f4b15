// A serving certificate read from files and read again when they change (as cert-manager and kubelet rotate secrets).
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { WebhookError } from '../webhook-error.js';
import type { CertificatePair } from './issue-certificate.js';

/** Where a serving certificate and its key are. */
export interface CertificateFiles {
  readonly certFile: string;
  readonly keyFile: string;
}

/** What happened when the files changed. */
export type CertificateReload =
  | { readonly type: 'Reloaded'; readonly fingerprint256: string; readonly validTo: string }
  | { readonly type: 'Failed'; readonly error: WebhookError };

/**
 * Reads a certificate and key pair from PEM files and checks they belong together.
 *
 * @throws {WebhookError} `CertificateUnreadable` when a file cannot be read or parsed, or the
 *   key is not the certificate's.
 */
export function readCertificateFiles(files: CertificateFiles): CertificatePair {
  let pair: CertificatePair;
  try {
    pair = { certPem: readFileSync(files.certFile, 'utf8'), keyPem: readFileSync(files.keyFile, 'utf8') };
  } catch (cause) {
    throw new WebhookError('CertificateUnreadable', `cannot read the certificate files ${files.certFile} and ${files.keyFile}: ${(cause as Error).message}`, { cause });
  }
  checkPair(pair, `${files.certFile} and ${files.keyFile}`);
  return pair;
}

/** @throws {WebhookError} `CertificateUnreadable` unless the PEM texts are a certificate and its key. */
export function checkPair(pair: CertificatePair, where: string): X509Certificate {
  try {
    const certificate = new X509Certificate(pair.certPem);
    if (!certificate.checkPrivateKey(createPrivateKey(pair.keyPem))) throw new Error('the key does not belong to the certificate');
    return certificate;
  } catch (cause) {
    throw new WebhookError('CertificateUnreadable', `${where} are not a certificate and its key: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Watches the directories of the two files (a Secret volume swaps a `..data` symlink, which a
 * watch on the file itself misses) and calls `onChange` with each new valid pair whose
 * certificate differs from the last one; a pair that does not load (mid-rotation, one file
 * written before the other) is reported with `onFailure` and the previous pair stays.
 * Returns the function that stops watching.
 */
export function watchCertificateFiles(
  files: CertificateFiles,
  current: CertificatePair,
  onChange: (pair: CertificatePair, reload: CertificateReload) => void,
  onFailure: (reload: CertificateReload) => void,
): () => void {
  let last = current.certPem + current.keyPem;
  const names = new Set([basename(files.certFile), basename(files.keyFile), '..data']);
  const check = (name: string | null): void => {
    if (name !== null && !names.has(name) && !name.startsWith('..')) return;
    let pair: CertificatePair;
    try {
      pair = readCertificateFiles(files);
    } catch (error) {
      onFailure({ type: 'Failed', error: error as WebhookError });
      return;
    }
    if (pair.certPem + pair.keyPem === last) return;
    last = pair.certPem + pair.keyPem;
    const certificate = new X509Certificate(pair.certPem);
    onChange(pair, { type: 'Reloaded', fingerprint256: certificate.fingerprint256, validTo: certificate.validTo });
  };
  const watchers: FSWatcher[] = [...new Set([dirname(files.certFile), dirname(files.keyFile)])].map((dir) => {
    const watcher = watch(dir, { persistent: false }, (_event, name) => check(name === null ? null : String(name)));
    watcher.on('error', (cause) => onFailure({ type: 'Failed', error: new WebhookError('CertificateUnreadable', `cannot watch ${dir}: ${cause.message}`, { cause }) }));
    return watcher;
  });
  return () => {
    for (const watcher of watchers) watcher.close();
  };
}
