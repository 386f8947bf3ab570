import type { IncomingHttpHeaders } from 'node:http';

/** The parts of a request a link is built from. */
export interface LinkableRequest {
  protocol?: string;
  headers: IncomingHttpHeaders;
}

/** The base every link starts with; Camunda's REST API lives under `/engine-rest`. */
export const ENGINE_REST_PATH = '/engine-rest';

/**
 * Camunda's `links` entry for a resource, as the API's own address for it (`http://host:8080/engine-rest/…`).
 *
 * @example
 * selfLink(request, `/process-instance/${id}`); // { method: 'GET', href: 'http://localhost:8080/engine-rest/process-instance/…', rel: 'self' }
 */
export function selfLink(
  request: LinkableRequest,
  path: string,
): { method: 'GET'; href: string; rel: 'self' } {
  const host = request.headers.host ?? 'localhost';
  return {
    method: 'GET',
    href: `${request.protocol ?? 'http'}://${host}${ENGINE_REST_PATH}${path}`,
    rel: 'self',
  };
}
