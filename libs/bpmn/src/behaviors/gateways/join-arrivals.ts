import type { Execution } from '../../runtime/execution.js';

/** Tokens that arrived at a joining element of a scope, by incoming flow; kept on the scope's instance. */
export function arrivalsAt(
  execution: Execution,
  scopeKey: string,
  elementId: string,
): Record<string, number> {
  const scope = execution.instance(scopeKey);
  if (!scope) return {};
  scope.arrivals ??= {};
  return (scope.arrivals[elementId] ??= {});
}

export function recordArrival(
  execution: Execution,
  scopeKey: string,
  elementId: string,
  flowId: string,
): Record<string, number> {
  const arrivals = arrivalsAt(execution, scopeKey, elementId);
  arrivals[flowId] = (arrivals[flowId] ?? 0) + 1;
  return arrivals;
}

/** Takes one token from each given flow; forgets the element when no token is left there. */
export function consumeArrivals(
  execution: Execution,
  scopeKey: string,
  elementId: string,
  flowIds: string[],
  count = 1,
): void {
  const scope = execution.instance(scopeKey);
  const arrivals = scope?.arrivals?.[elementId];
  if (!scope?.arrivals || !arrivals) return;
  for (const flowId of flowIds) {
    arrivals[flowId] -= count;
    if (arrivals[flowId] <= 0) delete arrivals[flowId];
  }
  if (Object.keys(arrivals).length === 0) delete scope.arrivals[elementId];
  if (Object.keys(scope.arrivals).length === 0) delete scope.arrivals;
}
