import type { ElementBehavior } from '../element-behavior.js';
import { uncontrolledFlows } from '../flow-selection.js';
import { openJob } from '../tasks/job-wait.js';
import { throwEscalation } from './event-propagation.js';
import { activationFailed, broadcastSignal, publishMessage } from './throw-results.js';

/** Intermediate throw events: none, message, signal, escalation and link. */
export const intermediateThrowEvent: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    const definition = element.eventDefinition;
    const complete = () => execution.schedule({ op: 'complete', key: instance.key });
    switch (definition?.kind) {
      case 'message': {
        const result = element.job
          ? openJob(execution, instance, element.job)
          : publishMessage(execution, instance, definition);
        if (!result.ok) return activationFailed(execution, instance, result.message);
        if (!element.job) complete();
        return;
      }
      case 'signal': {
        const result = broadcastSignal(execution, instance, definition.signalName);
        if (!result.ok) return activationFailed(execution, instance, result.message);
        return complete();
      }
      case 'escalation':
        if (throwEscalation(execution, instance, definition.escalationCode as string) === 'continues')
          complete();
        return;
      case 'link': {
        // The token jumps to the catching link of the same name in the same (sub-)process.
        const target = (execution.element(element.scopeId as string).children ?? []).find((id) => {
          const candidate = execution.element(id);
          return (
            candidate.type === 'intermediateCatchEvent' &&
            candidate.eventDefinition?.kind === 'link' &&
            candidate.eventDefinition.linkName === definition.linkName
          );
        });
        if (target)
          execution.schedule({ op: 'activate', elementId: target, scopeKey: instance.parentKey as string });
        return complete();
      }
      default:
        return complete();
    }
  },
  selectOutgoing(execution, instance) {
    const definition = execution.element(instance.elementId).eventDefinition;
    return definition?.kind === 'link' ? { ok: true, value: [] } : uncontrolledFlows(execution, instance);
  },
};
