import type { ElementBehavior } from '../element-behavior.js';
import { consumeArrivals, recordArrival } from './join-arrivals.js';

/**
 * Parallel gateway: joins by waiting for a token on every incoming flow (after an exclusive split it waits for
 * ever — BPMN has no dead-path elimination), then splits onto every outgoing flow, ignoring conditions.
 */
export const parallelGateway: ElementBehavior = {
  onArrive(execution, element, scopeKey, flowId) {
    if (element.incoming.length <= 1) {
      return execution.schedule({ op: 'activate', elementId: element.id, scopeKey });
    }
    const arrivals = recordArrival(execution, scopeKey, element.id, flowId);
    if (element.incoming.every((incoming) => (arrivals[incoming] ?? 0) > 0)) {
      consumeArrivals(execution, scopeKey, element.id, element.incoming);
      execution.schedule({ op: 'activate', elementId: element.id, scopeKey });
    }
  },
  onActivate(execution, instance) {
    execution.schedule({ op: 'complete', key: instance.key });
  },
  selectOutgoing(execution, instance) {
    return { ok: true, value: [...execution.element(instance.elementId).outgoing] };
  },
};
