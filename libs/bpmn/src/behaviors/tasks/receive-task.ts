import type { ElementBehavior } from '../element-behavior.js';
import { openEventWait } from '../events/event-waits.js';
import { activationFailed } from '../activation-failed.js';

/** A receive task waits for its message (behind an event-based gateway it has already received it). */
export const receiveTask: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    if (instance.triggeredWith || !element.message) {
      execution.applyPayload(instance, instance.triggeredWith);
      return execution.schedule({ op: 'complete', key: instance.key });
    }
    const opened = openEventWait(
      execution,
      instance,
      instance.elementId,
      { kind: 'message', ...element.message },
      false,
    );
    if (!opened.ok) activationFailed(execution, instance, opened.message);
  },
};
