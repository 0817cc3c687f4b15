// A fully described HTTP call, built without I/O and sent by the client layer.

/** The HTTP methods the API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API call as plain data: what `client/` sends. Built by {@link RequestBuilder}.
 * Header names are lowercase; `query` keeps the order in which parameters were added.
 */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** The absolute path, e.g. `/apis/apps/v1/namespaces/default/deployments/web`. */
  readonly path: string;
  readonly query: readonly (readonly [string, string])[];
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/**
 * The path and query string of a request in canonical form: no `?` when there is no query,
 * no `?&`, values percent-encoded (`labelSelector=app%20in%20(a%2Cb)`).
 */
export function requestUrl(request: Pick<HttpRequest, 'path' | 'query'>): string {
  if (request.query.length === 0) return request.path;
  const pairs = request.query.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  return `${request.path}?${pairs.join('&')}`;
}
