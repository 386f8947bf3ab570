import type { Evaluation } from '../expressions/expression-evaluator.js';
import { eventDefinitionsOf } from '../model/event-definitions.js';
import { ACTIVITY_TYPES } from '../model/executable-model.js';
import type { Execution } from '../runtime/execution.js';
import type { ElementInstance } from '../runtime/instance-state.js';
import { isLoopBody, isLoopIteration } from '../runtime/loop-bodies.js';
import { openEventWait, type OpenedWait } from './events/event-waits.js';

/** Triggers that are waited for; errors, escalations and compensation are thrown at a catcher, never awaited. */
const AWAITED = new Set(['timer', 'message', 'signal', 'conditional']);

/**
 * Opens what an element instance listens to while it is active: the boundary events on an activity, and the
 * start events of the event sub-processes inside a scope (process, sub-process, transaction). Conditions that
 * already hold fire at once.
 */
export function openScopeSubscriptions(execution: Execution, instance: ElementInstance): Evaluation {
  const element = execution.element(instance.elementId);
  const listeners: Array<{ eventId: string; nonInterrupting: boolean }> = [];
  // A multi-instance or loop activity listens as a whole: its body has the boundary events, and each inner
  // instance (a sub-process run) has the event sub-processes inside it.
  const iteration = isLoopIteration(execution.state, instance);
  if (ACTIVITY_TYPES.has(element.type) && !iteration) {
    for (const boundaryId of element.boundaryEvents) {
      listeners.push({
        eventId: boundaryId,
        nonInterrupting: execution.element(boundaryId).cancelActivity === false,
      });
    }
  }
  for (const subProcessId of isLoopBody(instance) ? [] : (element.eventSubProcesses ?? [])) {
    const startId = execution.element(subProcessId).triggerStartEvent;
    if (startId)
      listeners.push({
        eventId: startId,
        nonInterrupting: execution.element(startId).isInterrupting === false,
      });
  }
  const satisfied: string[] = [];
  for (const { eventId, nonInterrupting } of listeners) {
    // A multiple event listens for each of its triggers; whichever occurs fires it.
    for (const definition of eventDefinitionsOf(execution.element(eventId))) {
      if (!AWAITED.has(definition.kind)) continue;
      const opened = openEventWait(execution, instance, eventId, definition, nonInterrupting);
      if (!opened.ok) return opened;
      const { key, satisfied: holds } = opened.value as OpenedWait;
      if (holds && key) satisfied.push(key);
    }
  }
  for (const waitKey of satisfied) execution.schedule({ op: 'trigger', waitKey, payload: {} });
  return { ok: true, value: undefined };
}
