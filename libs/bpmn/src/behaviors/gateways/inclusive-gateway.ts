import type { Execution } from '../../runtime/execution.js';
import type { ElementBehavior } from '../element-behavior.js';
import { allMatchingFlows } from '../flow-selection.js';
import { consumeArrivals, recordArrival } from './join-arrivals.js';
import { aTokenCanStillArrive } from './token-reachability.js';

/**
 * Inclusive gateway: splits onto every flow whose condition holds (or the default); joins by waiting for
 * exactly the tokens that can still arrive, then fires once.
 */
export const inclusiveGateway: ElementBehavior = {
  onArrive(execution, element, scopeKey, flowId) {
    if (element.incoming.length <= 1) {
      return execution.schedule({ op: 'activate', elementId: element.id, scopeKey });
    }
    recordArrival(execution, scopeKey, element.id, flowId);
    checkInclusiveJoin(execution, scopeKey, element.id);
  },
  onActivate(execution, instance) {
    execution.schedule({ op: 'complete', key: instance.key });
  },
  selectOutgoing: allMatchingFlows,
};

/** Fires the join when no token in its scope can still reach one of its incoming flows that has no token yet. */
export function checkInclusiveJoin(execution: Execution, scopeKey: string, gatewayId: string): void {
  const arrivals = execution.instance(scopeKey)?.arrivals?.[gatewayId];
  if (!arrivals) return;
  const gateway = execution.element(gatewayId);
  const filled = gateway.incoming.filter((flowId) => (arrivals[flowId] ?? 0) > 0);
  if (filled.length === 0) return;
  const empty = new Set(gateway.incoming.filter((flowId) => !filled.includes(flowId)));
  if (empty.size > 0 && aTokenCanStillArrive(execution, scopeKey, gateway, empty)) return;
  consumeArrivals(execution, scopeKey, gatewayId, filled);
  execution.schedule({ op: 'activate', elementId: gatewayId, scopeKey });
  // A second token on one flow waits for the next activation.
  if (execution.instance(scopeKey)?.arrivals?.[gatewayId]) {
    execution.schedule({ op: 'inclusive-join-check', scopeKey, gatewayId });
  }
}
