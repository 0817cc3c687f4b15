// The path and query of a request target, read as Go's net/http reads them: percent-decoded, never normalized.

/** A request target split into its decoded path and its raw query. */
export interface RequestTarget {
  /** The percent-decoded path, with `.`/`..` segments and empty segments kept as sent. */
  readonly path: string;
  /** The query after `?`, undecoded (empty when there is none). */
  readonly rawQuery: string;
}

const HEX = /^[0-9a-fA-F]{2}$/;

/**
 * Reads a request target (`req.url`) as kube-apiserver's Go server does (`url.ParseRequestURI`):
 * origin form (`/api/v1/...?q`), absolute form (`https://host/api/...`) or `*`; the path is
 * percent-decoded once, as bytes, into UTF-8 text. Nothing is normalized: `..` and `.`
 * segments — sent plainly or as `%2e%2e` — stay segments for the router to refuse, `%2F`
 * becomes a `/` inside the path (so it separates segments, as in Go), and `#` is part of
 * the path. Node's `URL` would resolve `configmaps/%2e%2e` to the namespace itself.
 *
 * @returns `undefined` for a target Go refuses with `400 Bad Request` (a `%` not followed by
 *   two hex digits, a path not starting with `/`).
 */
export function parseRequestTarget(target: string): RequestTarget | undefined {
  if (target === '*') return { path: '*', rawQuery: '' };
  let rest = target;
  const scheme = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?]*/.exec(rest);
  if (scheme !== null) rest = rest.slice(scheme[0].length) || '/';
  const question = rest.indexOf('?');
  const rawPath = question === -1 ? rest : rest.slice(0, question);
  const rawQuery = question === -1 ? '' : rest.slice(question + 1);
  if (!rawPath.startsWith('/')) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < rawPath.length; i++) {
    const c = rawPath.charCodeAt(i);
    if (c !== 0x25) {
      bytes.push(c & 0xff);
      continue;
    }
    const hex = rawPath.slice(i + 1, i + 3);
    if (!HEX.test(hex)) return undefined;
    bytes.push(Number.parseInt(hex, 16));
    i += 2;
  }
  return { path: Buffer.from(bytes).toString('utf8'), rawQuery };
}

/**
 * The segments of a decoded path as kube-apiserver's `RequestInfoFactory` splits it: leading
 * and trailing slashes trimmed, then split on `/`, empty segments kept (`/namespaces//pods`
 * has an empty namespace). Routing and authorization both use it, so they never disagree
 * about what a path names.
 */
export function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}
