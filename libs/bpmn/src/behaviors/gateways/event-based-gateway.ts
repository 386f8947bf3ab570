import type { EventDefinition } from '../../model/executable-model.js';
import type { ElementBehavior } from '../element-behavior.js';
import { openEventWait, type OpenedWait } from '../events/event-waits.js';
import { activationFailed } from '../activation-failed.js';

/** Event-based gateway: waits for all the events after it; the first to occur wins and the others are withdrawn. */
export const eventBasedGateway: ElementBehavior = {
  onActivate(execution, instance) {
    const gateway = execution.element(instance.elementId);
    for (const flowId of gateway.outgoing) {
      const target = execution.element(execution.process.flows[flowId].targetId);
      const definition: EventDefinition | undefined =
        target.type === 'receiveTask' && target.message
          ? { kind: 'message', ...target.message }
          : target.eventDefinition;
      if (!definition) continue;
      const opened = openEventWait(execution, instance, target.id, definition, false);
      if (!opened.ok) {
        execution.closeWaitsOwnedBy(instance.key, 'cancelled');
        return activationFailed(execution, instance, opened.message);
      }
      const { key, satisfied } = opened.value as OpenedWait;
      if (satisfied && key) execution.schedule({ op: 'trigger', waitKey: key, payload: {} });
    }
  },
  onTrigger(execution, instance, wait, payload) {
    const scopeKey = instance.parentKey as string;
    const flowId = execution
      .element(instance.elementId)
      .outgoing.find((id) => execution.process.flows[id].targetId === wait.elementId) as string;
    execution.closeWait(wait.key, 'triggered');
    execution.removeInstance(instance, 'completed');
    execution.events.push({ type: 'flow.taken', flowId, scopeKey });
    execution.schedule({ op: 'activate', elementId: wait.elementId, scopeKey, payload });
    execution.afterLeaving(scopeKey);
  },
};
