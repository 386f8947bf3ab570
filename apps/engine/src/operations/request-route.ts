/**
 * The route a request matched, as its pattern (`/engine-rest/process-instance/:id`), never the concrete path: for
 * metric labels (bounded, whatever clients send) and logs. `unmatched` when no route took it (a 404, or a request
 * refused before routing).
 */
export function routeOf(request: { route?: { path?: unknown }; baseUrl?: string }): string {
  const path = request.route?.path;
  // A wildcard is the catch-all of middleware registered for every route (see OperationsModule), not a route.
  if (typeof path !== 'string' || path.includes('*')) return 'unmatched';
  return `${request.baseUrl ?? ''}${path}`;
}
