import { compensationEventSubProcess } from '../compensation.js';
import type { ElementBehavior } from '../element-behavior.js';

/**
 * Embedded sub-process (and transaction): a scope of its own. It starts at its none start event — an event
 * sub-process at the start event whose trigger fired, with what the trigger brought — and completes when no token
 * is left inside it (the executor notices), then leaves like any activity.
 */
export const subProcess: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    const compensationHandler = instance.compensationFor
      ? compensationEventSubProcess(execution, element.id)
      : undefined;
    if (compensationHandler) {
      // Back in compensation mode: only its compensation event sub-process runs.
      return execution.schedule({ op: 'activate', elementId: compensationHandler, scopeKey: instance.key });
    }
    const start = element.triggeredByEvent ? element.triggerStartEvent : element.noneStartEvent;
    execution.schedule({
      op: 'activate',
      elementId: start as string,
      scopeKey: instance.key,
      ...(element.triggeredByEvent && instance.triggeredWith ? { payload: instance.triggeredWith } : {}),
    });
  },
};
