import type { ElementBehavior } from '../element-behavior.js';
import { openJob } from '../tasks/job-wait.js';
import { throwBpmnError, throwEscalation } from './event-propagation.js';
import { activationFailed, broadcastSignal, publishMessage } from './throw-results.js';

/** End events: none, terminate, error, escalation, message (a worker's job, or a published message) and signal. */
export const endEvent: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    const definition = element.eventDefinition;
    const complete = () => execution.schedule({ op: 'complete', key: instance.key });
    switch (definition?.kind) {
      case 'terminate':
        // Ends every other token of its own (sub-)process; the scope then completes normally.
        for (const sibling of execution.childrenOf(instance.parentKey as string)) {
          if (sibling.key !== instance.key) execution.terminate(sibling);
        }
        execution.dropTokensInTransit(instance.parentKey as string);
        return complete();
      case 'error':
        return throwBpmnError(
          execution,
          instance.key,
          definition.errorCode as string,
          definition.errorMessage,
        );
      case 'escalation':
        if (throwEscalation(execution, instance, definition.escalationCode as string) === 'continues')
          complete();
        return;
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
      default:
        return complete();
    }
  },
  selectOutgoing: () => ({ ok: true, value: [] }),
};
