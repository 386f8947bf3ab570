import { typedValueOf } from '../../model/typed-value.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance, TriggerPayload, Wait } from '../../runtime/instance-state.js';
import type { ElementBehavior } from '../element-behavior.js';
import { rearmTimer } from './event-waits.js';

/** A boundary event instance exists only once it fired: it takes in what the trigger brought and moves on. */
export const boundaryEvent: ElementBehavior = {
  onActivate(execution, instance) {
    takeInCaughtEvent(execution, instance);
    execution.schedule({ op: 'complete', key: instance.key });
  },
};

/**
 * What a catching event that has fired (a boundary event, an event sub-process's start event) takes in: the
 * trigger's variables, and the caught error's code and message or the escalation's code into the variables the
 * model names for them.
 */
export function takeInCaughtEvent(execution: Execution, instance: ElementInstance): void {
  const payload = instance.triggeredWith;
  const definition = execution.element(instance.elementId).eventDefinition;
  execution.applyPayload(instance, payload);
  if (definition?.kind === 'error' && payload?.errorCode !== undefined) {
    if (definition.errorCodeVariable) {
      execution.variables.set(instance.key, definition.errorCodeVariable, typedValueOf(payload.errorCode));
    }
    if (definition.errorMessageVariable) {
      execution.variables.set(
        instance.key,
        definition.errorMessageVariable,
        typedValueOf(payload.errorMessage ?? null),
      );
    }
  }
  if (
    definition?.kind === 'escalation' &&
    definition.escalationCodeVariable &&
    payload?.escalationCode !== undefined
  ) {
    execution.variables.set(
      instance.key,
      definition.escalationCodeVariable,
      typedValueOf(payload.escalationCode),
    );
  }
}

/**
 * A timer, message, signal or condition on an activity's boundary fired. Interrupting: the activity ends and the
 * boundary event continues in its place. Non-interrupting: the activity goes on, the boundary event starts a
 * parallel path, and the wait stays open (a cycle timer moves to its next repetition).
 */
export function triggerBoundaryEvent(
  execution: Execution,
  activity: ElementInstance,
  wait: Wait,
  payload: TriggerPayload,
): void {
  const boundary = execution.element(wait.elementId);
  const scopeKey = activity.parentKey as string;
  if (boundary.parallelMultiple) return collectParallelTrigger(execution, activity, wait, payload);
  if (boundary.cancelActivity !== false) {
    execution.closeWait(wait.key, 'triggered');
    execution.terminate(activity);
    execution.schedule({ op: 'activate', elementId: boundary.id, scopeKey, payload });
    execution.afterLeaving(scopeKey);
    return;
  }
  if (wait.kind === 'timer') {
    rearmTimer(execution, wait);
  }
  execution.schedule({ op: 'activate', elementId: boundary.id, scopeKey, payload });
}

/**
 * A parallel multiple boundary event fires once every one of its triggers has occurred while the activity runs,
 * with all their variables; then it is spent (non-interrupting ones do not re-arm).
 */
function collectParallelTrigger(
  execution: Execution,
  activity: ElementInstance,
  wait: Wait,
  payload: TriggerPayload,
): void {
  const boundary = execution.element(wait.elementId);
  execution.closeWait(wait.key, 'triggered');
  activity.parallelTriggers ??= {};
  const collected = (activity.parallelTriggers[boundary.id] ??= {});
  Object.assign(collected, payload.variables ?? {});
  const stillOpen = Object.values(execution.state.waits).some(
    (other) => other.ownerKey === activity.key && other.elementId === boundary.id,
  );
  if (stillOpen) return;
  delete activity.parallelTriggers[boundary.id];
  if (Object.keys(activity.parallelTriggers).length === 0) delete activity.parallelTriggers;
  const scopeKey = activity.parentKey as string;
  if (boundary.cancelActivity !== false) execution.terminate(activity);
  execution.schedule({ op: 'activate', elementId: boundary.id, scopeKey, payload: { variables: collected } });
  if (boundary.cancelActivity !== false) execution.afterLeaving(scopeKey);
}
