import type { ExecutableElement } from '../../model/executable-model.js';
import type { Execution } from '../../runtime/execution.js';

/**
 * Is there a token in the scope — in an element, on a flow, or waiting at another join — with a path to one of
 * the gateway's `emptyFlows`? Joins that wait only for the tokens that can still arrive (the inclusive gateway, the
 * complex gateway) ask this.
 */
export function aTokenCanStillArrive(
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
