import { startCompensation } from '../compensation.js';
import type { ElementBehavior } from '../element-behavior.js';
import { throwBpmnError } from './event-propagation.js';
import { throwMessageSignalOrEscalation } from './throw-results.js';

/** End events: none, terminate, error, escalation, message (a worker's job, or a published message) and signal. */
export const endEvent: ElementBehavior = {
  onActivate(execution, instance) {
    const definition = execution.element(instance.elementId).eventDefinition;
    if (definition?.kind === 'terminate') {
      // Ends every other token of its own (sub-)process; the scope then completes normally.
      for (const sibling of execution.childrenOf(instance.parentKey as string)) {
        if (sibling.key !== instance.key) execution.terminate(sibling);
      }
      execution.dropTokensInTransit(instance.parentKey as string);
    } else if (definition?.kind === 'compensation') {
      return startCompensation(execution, instance, definition.activityRef, 'complete');
    } else if (definition?.kind === 'cancel') {
      // Cancelling a transaction: its other tokens end, its completed work is compensated, its cancel boundary event takes over.
      for (const sibling of execution.childrenOf(instance.parentKey as string)) {
        if (sibling.key !== instance.key) execution.terminate(sibling);
      }
      execution.dropTokensInTransit(instance.parentKey as string);
      return startCompensation(execution, instance, undefined, 'cancel-transaction');
    } else if (definition?.kind === 'error') {
      return throwBpmnError(execution, instance.key, definition.errorCode as string, definition.errorMessage);
    } else if (throwMessageSignalOrEscalation(execution, instance)) {
      return;
    }
    execution.schedule({ op: 'complete', key: instance.key });
  },
  selectOutgoing: () => ({ ok: true, value: [] }),
};
