import type { VariableMap } from '../../model/typed-value.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance, TriggerPayload } from '../../runtime/instance-state.js';
import { isLoopBody, isLoopIteration } from '../../runtime/loop-bodies.js';
import { interruptScope } from '../containers/event-sub-process.js';

/**
 * Who catches a thrown error or escalation at one level of the instance tree: an event sub-process inside the
 * scope (it comes first: it is closer to the thrower), else a boundary event on the activity.
 */
type Catcher =
  | { kind: 'event-sub-process'; id: string; startId: string; interrupting: boolean }
  | { kind: 'boundary'; id: string; interrupting: boolean };

function codeOf(execution: Execution, eventId: string): string | undefined {
  const definition = execution.element(eventId).eventDefinition;
  if (definition?.kind === 'error') return definition.errorCode;
  if (definition?.kind === 'escalation') return definition.escalationCode;
  return undefined;
}

/** An exact code match first, then a catch-all. */
function bestMatch(execution: Execution, eventIds: string[], code: string): string | undefined {
  return (
    eventIds.find((id) => codeOf(execution, id) === code) ??
    eventIds.find((id) => codeOf(execution, id) === undefined)
  );
}

function findCatcher(
  execution: Execution,
  instance: ElementInstance,
  kind: 'error' | 'escalation',
  code: string,
  skipEventSubProcesses: boolean,
): Catcher | undefined {
  const element = execution.element(instance.elementId);
  // A multi-instance or loop activity: its body has the boundary events, each inner instance its event sub-processes.
  const body = isLoopBody(instance);
  const iteration = isLoopIteration(execution.state, instance);
  if (!skipEventSubProcesses && !body) {
    const starts = (element.eventSubProcesses ?? [])
      .map((id) => execution.element(id).triggerStartEvent as string)
      .filter((startId) => startId && execution.element(startId).eventDefinition?.kind === kind);
    const startId = bestMatch(execution, starts, code);
    if (startId) {
      const start = execution.element(startId);
      return {
        kind: 'event-sub-process',
        id: start.scopeId as string,
        startId,
        interrupting: start.isInterrupting !== false,
      };
    }
  }
  const boundaries = (iteration ? [] : element.boundaryEvents).filter(
    (id) => execution.element(id).eventDefinition?.kind === kind,
  );
  const boundaryId = bestMatch(execution, boundaries, code);
  if (boundaryId) {
    return {
      kind: 'boundary',
      id: boundaryId,
      interrupting: execution.element(boundaryId).cancelActivity !== false,
    };
  }
  return undefined;
}

/**
 * Walks from the thrower up the instance tree to the nearest catcher. An event sub-process does not catch what
 * is thrown inside itself or its siblings' runs: the search skips its scope's event sub-processes.
 */
function* catchersAbove(
  execution: Execution,
  thrower: ElementInstance,
  kind: 'error' | 'escalation',
  code: string,
): Generator<{ at: ElementInstance; catcher: Catcher }> {
  let cameFromEventSubProcess = false;
  for (let current: ElementInstance | undefined = thrower; current; current = parentOf(execution, current)) {
    const catcher = findCatcher(execution, current, kind, code, cameFromEventSubProcess);
    if (catcher) yield { at: current, catcher };
    cameFromEventSubProcess = execution.element(current.elementId).triggeredByEvent === true;
  }
}

/**
 * Hands the thrown event to its catcher. A boundary event: an interrupting one ends the activity, and the
 * boundary event continues in the activity's scope. An event sub-process: an interrupting one ends the scope's
 * other tokens, and the event sub-process runs inside the scope.
 */
function deliver(execution: Execution, at: ElementInstance, catcher: Catcher, payload: TriggerPayload): void {
  if (catcher.kind === 'boundary') {
    const scopeKey = at.parentKey as string;
    if (catcher.interrupting) execution.terminate(at);
    execution.schedule({ op: 'activate', elementId: catcher.id, scopeKey, payload });
    if (catcher.interrupting) execution.afterLeaving(scopeKey);
    return;
  }
  if (catcher.interrupting) interruptScope(execution, at);
  execution.schedule({ op: 'activate', elementId: catcher.id, scopeKey: at.key, payload });
}

/**
 * Throws a BPMN error from an element instance: the nearest catcher (an error event sub-process of an enclosing
 * scope, or an error boundary event on the thrower or an enclosing activity) takes over. Uncaught, the error ends
 * the instance as failed.
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
  const found = catchersAbove(execution, thrower, 'error', errorCode).next();
  if (!found.done) {
    const { at, catcher } = found.value;
    const caughtBy = catcher.kind === 'boundary' ? catcher.id : catcher.startId;
    execution.events.push({ type: 'error.thrown', elementId: thrower.elementId, errorCode, caughtBy });
    deliver(execution, at, catcher, {
      errorCode,
      ...(errorMessage ? { errorMessage } : {}),
      ...(variables ? { variables } : {}),
    });
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
 * Throws an escalation: the nearest catcher reacts. Interrupting, it ends the part of the instance the thrower is
 * in; otherwise, and when nothing catches it, the thrower carries on.
 */
export function throwEscalation(
  execution: Execution,
  thrower: ElementInstance,
  escalationCode: string,
): 'continues' | 'interrupted' {
  const found = catchersAbove(execution, thrower, 'escalation', escalationCode).next();
  if (found.done) {
    execution.events.push({ type: 'escalation.thrown', elementId: thrower.elementId, escalationCode });
    return 'continues';
  }
  const { at, catcher } = found.value;
  const caughtBy = catcher.kind === 'boundary' ? catcher.id : catcher.startId;
  execution.events.push({
    type: 'escalation.thrown',
    elementId: thrower.elementId,
    escalationCode,
    caughtBy,
  });
  deliver(execution, at, catcher, { escalationCode });
  return catcher.interrupting ? 'interrupted' : 'continues';
}

function parentOf(execution: Execution, instance: ElementInstance): ElementInstance | undefined {
  return instance.parentKey === null ? undefined : execution.instance(instance.parentKey);
}
