import type { ExecutableElement } from '../../model/executable-model.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementBehavior } from '../element-behavior.js';
import { allMatchingFlows } from '../flow-selection.js';
import { consumeArrivals, recordArrival } from './join-arrivals.js';

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

/** Is there a token in the scope — in an element, on a flow, or waiting at another join — with a path to an empty flow? */
function aTokenCanStillArrive(
  execution: Execution,
  scopeKey: string,
  gateway: ExecutableElement,
  emptyFlows: Set<string>,
): boolean {
  const { flows } = execution.process;
  const starts: string[] = [];
  for (const child of execution.childrenOf(scopeKey)) starts.push(child.elementId);
  for (const item of execution.state.agenda) {
    if (item.op === 'take-flow' && item.scopeKey === scopeKey) {
      if (emptyFlows.has(item.flowId)) return true;
      if (flows[item.flowId].targetId !== gateway.id) starts.push(flows[item.flowId].targetId);
    }
    if (item.op === 'activate' && item.scopeKey === scopeKey && item.elementId !== gateway.id)
      starts.push(item.elementId);
  }
  for (const elementId of Object.keys(execution.instance(scopeKey)?.arrivals ?? {})) {
    if (elementId !== gateway.id) starts.push(elementId);
  }
  const seen = new Set<string>();
  const queue = [...starts];
  while (queue.length > 0) {
    const elementId = queue.shift() as string;
    if (seen.has(elementId)) continue;
    seen.add(elementId);
    const element = execution.element(elementId);
    const outgoing = [
      ...element.outgoing,
      ...element.boundaryEvents.flatMap((id) => execution.element(id).outgoing),
    ];
    for (const flowId of outgoing) {
      const target = flows[flowId].targetId;
      if (target === gateway.id) {
        if (emptyFlows.has(flowId)) return true;
      } else {
        queue.push(target);
      }
    }
  }
  return false;
}
