import type { Evaluation } from '../../expressions/expression-evaluator.js';
import { eventDefinitionsOf } from '../../model/event-definitions.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance, TriggerPayload, Wait } from '../../runtime/instance-state.js';
import { openEventWait, type OpenedWait } from './event-waits.js';

/**
 * Opens one wait per trigger of a multiple event owned by `instance` (skipping `skip`, a trigger that has already
 * occurred). A condition that already holds is delivered as a trigger at once. On a failure every wait opened so
 * far is closed again, so re-running the activation starts clean.
 */
export function openMultipleEventWaits(
  execution: Execution,
  instance: ElementInstance,
  skip?: number,
): Evaluation {
  const definitions = eventDefinitionsOf(execution.element(instance.elementId));
  const satisfied: string[] = [];
  for (const [index, definition] of definitions.entries()) {
    if (index === skip) continue;
    const opened = openEventWait(execution, instance, instance.elementId, definition, false);
    if (!opened.ok) {
      execution.closeWaitsOwnedBy(instance.key, 'cancelled');
      return opened;
    }
    const { key, satisfied: holds } = opened.value as OpenedWait;
    if (key && holds) satisfied.push(key);
  }
  for (const waitKey of satisfied) execution.schedule({ op: 'trigger', waitKey, payload: {} });
  return { ok: true, value: undefined };
}

/**
 * One trigger of a multiple event occurred. A multiple event completes on the first and withdraws its other
 * waits; a parallel multiple event takes in each trigger's variables and completes once none is left open.
 */
export function triggerMultipleEvent(
  execution: Execution,
  instance: ElementInstance,
  wait: Wait,
  payload: TriggerPayload,
): void {
  execution.closeWait(wait.key, 'triggered');
  execution.applyPayload(instance, payload);
  if (execution.element(instance.elementId).parallelMultiple && hasOpenWaits(execution, instance)) return;
  execution.closeWaitsOwnedBy(instance.key, 'cancelled');
  execution.schedule({ op: 'complete', key: instance.key });
}

export function hasOpenWaits(execution: Execution, instance: ElementInstance): boolean {
  return Object.values(execution.state.waits).some((wait) => wait.ownerKey === instance.key);
}
