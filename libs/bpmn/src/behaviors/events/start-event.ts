import { isMultipleEvent } from '../../model/event-definitions.js';
import type { ElementBehavior } from '../element-behavior.js';
import { activationFailed } from '../activation-failed.js';
import { hasOpenWaits, openMultipleEventWaits, triggerMultipleEvent } from './multiple-event-waits.js';
import { takeInCaughtEvent } from './boundary-event.js';

/**
 * A start event has already happened when its instance exists: it takes in its trigger's variables (for an event
 * sub-process also a caught error's or escalation's code) and moves on.
 *
 * A parallel multiple start event needs all its triggers: the runtime starts the instance on any one of them
 * (`firedDefinition` says which; none named, none has occurred yet), and the start event then waits inside the new
 * instance for the others before the process moves on.
 */
export const startEvent: ElementBehavior = {
  onActivate(execution, instance) {
    takeInCaughtEvent(execution, instance);
    const element = execution.element(instance.elementId);
    if (element.parallelMultiple && isMultipleEvent(element)) {
      const opened = openMultipleEventWaits(execution, instance, instance.triggeredWith?.firedDefinition);
      if (!opened.ok) return activationFailed(execution, instance, opened.message);
      if (hasOpenWaits(execution, instance)) return;
    }
    execution.schedule({ op: 'complete', key: instance.key });
  },
  onTrigger: triggerMultipleEvent,
};
