import type { VariableMap } from '../../model/typed-value.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance } from '../../runtime/instance-state.js';

/** The boundary event on `instance` that catches a thrown code: an exact match first, then a catch-all. */
function findCatcher(
  execution: Execution,
  instance: ElementInstance,
  kind: 'error' | 'escalation',
  code: string,
): string | undefined {
  const candidates = execution
    .element(instance.elementId)
    .boundaryEvents.filter((id) => execution.element(id).eventDefinition?.kind === kind);
  const codeOf = (id: string) => {
    const definition = execution.element(id).eventDefinition;
    if (definition?.kind === 'error') return definition.errorCode;
    if (definition?.kind === 'escalation') return definition.escalationCode;
    return undefined;
  };
  return candidates.find((id) => codeOf(id) === code) ?? candidates.find((id) => codeOf(id) === undefined);
}

/**
 * Throws a BPMN error from an element instance: the nearest enclosing activity with a matching error boundary
 * event is terminated and the boundary event continues. Uncaught, the error ends the instance as failed.
 */
export function throwBpmnError(
  execution: Execution,
  fromKey: string,
  errorCode: string,
  errorMessage?: string,
  variables?: VariableMap,
): void {
  const thrower = execution.instance(fromKey);
  if (!thrower) return;
  for (let current: ElementInstance | undefined = thrower; current; current = parentOf(execution, current)) {
    const catcher = findCatcher(execution, current, 'error', errorCode);
    if (!catcher) continue;
    execution.events.push({
      type: 'error.thrown',
      elementId: thrower.elementId,
      errorCode,
      caughtBy: catcher,
    });
    const scopeKey = current.parentKey as string;
    execution.terminate(current);
    execution.schedule({
      op: 'activate',
      elementId: catcher,
      scopeKey,
      payload: { errorCode, ...(errorMessage ? { errorMessage } : {}), ...(variables ? { variables } : {}) },
    });
    execution.afterLeaving(scopeKey);
    return;
  }
  execution.events.push({ type: 'error.thrown', elementId: thrower.elementId, errorCode });
  execution.state.failure = {
    errorCode,
    ...(errorMessage ? { errorMessage } : {}),
    elementId: thrower.elementId,
  };
  execution.endInstance('failed');
}

/**
 * Throws an escalation: the nearest enclosing activity with a matching escalation boundary event reacts.
 * Interrupting, that activity (and with it the thrower) ends; otherwise, and when nothing catches it, the
 * thrower carries on.
 */
export function throwEscalation(
  execution: Execution,
  thrower: ElementInstance,
  escalationCode: string,
): 'continues' | 'interrupted' {
  for (let current: ElementInstance | undefined = thrower; current; current = parentOf(execution, current)) {
    const catcher = findCatcher(execution, current, 'escalation', escalationCode);
    if (!catcher) continue;
    execution.events.push({
      type: 'escalation.thrown',
      elementId: thrower.elementId,
      escalationCode,
      caughtBy: catcher,
    });
    const scopeKey = current.parentKey as string;
    const interrupting = execution.element(catcher).cancelActivity !== false;
    if (interrupting) execution.terminate(current);
    execution.schedule({ op: 'activate', elementId: catcher, scopeKey, payload: { escalationCode } });
    if (interrupting) {
      execution.afterLeaving(scopeKey);
      return 'interrupted';
    }
    return 'continues';
  }
  execution.events.push({ type: 'escalation.thrown', elementId: thrower.elementId, escalationCode });
  return 'continues';
}

function parentOf(execution: Execution, instance: ElementInstance): ElementInstance | undefined {
  return instance.parentKey === null ? undefined : execution.instance(instance.parentKey);
}
