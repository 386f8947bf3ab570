import { isMultipleEvent } from '../../model/event-definitions.js';
import type { ElementBehavior } from '../element-behavior.js';
import { openEventWait, type OpenedWait } from './event-waits.js';
import { activationFailed } from '../activation-failed.js';
import { openMultipleEventWaits, triggerMultipleEvent } from './multiple-event-waits.js';

/**
 * Intermediate catch events wait for a timer, message, signal or condition; a link catch passes straight on.
 * Behind an event-based gateway the event has already happened when its instance is created. A multiple event
 * waits for each of its triggers and completes on the first (parallel multiple: once all have occurred).
 */
export const intermediateCatchEvent: ElementBehavior = {
  onActivate(execution, instance) {
    const definition = execution.element(instance.elementId).eventDefinition;
    const complete = () => execution.schedule({ op: 'complete', key: instance.key });
    if (!instance.triggeredWith && isMultipleEvent(execution.element(instance.elementId))) {
      const opened = openMultipleEventWaits(execution, instance);
      if (!opened.ok) activationFailed(execution, instance, opened.message);
      return;
    }
    if (instance.triggeredWith || !definition || definition.kind === 'link') {
      execution.applyPayload(instance, instance.triggeredWith);
      return complete();
    }
    const opened = openEventWait(execution, instance, instance.elementId, definition, false);
    if (!opened.ok) return activationFailed(execution, instance, opened.message);
    if ((opened.value as OpenedWait).satisfied) {
      // A condition that already holds does not wait.
      execution.closeWaitsOwnedBy(instance.key, 'triggered');
      complete();
    }
  },
  onTrigger(execution, instance, wait, payload) {
    if (isMultipleEvent(execution.element(instance.elementId)))
      return triggerMultipleEvent(execution, instance, wait, payload);
    execution.closeWait(wait.key, 'triggered');
    execution.applyPayload(instance, payload);
    execution.schedule({ op: 'complete', key: instance.key });
  },
};
