import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance, TriggerPayload, Wait } from '../../runtime/instance-state.js';
import { rearmTimer } from '../events/event-waits.js';

/**
 * The start event of an event sub-process fired (timer, message, signal, condition). Interrupting: every other
 * token of the scope ends and its other event sub-processes stop listening; the event sub-process then runs in the
 * scope, which completes once it is done. Non-interrupting: it runs beside the scope's tokens, and the
 * subscription stays open (a cycle timer moves to its next repetition), so it can fire again.
 */
export function triggerEventSubProcess(
  execution: Execution,
  scope: ElementInstance,
  wait: Wait,
  payload: TriggerPayload,
): void {
  const start = execution.element(wait.elementId);
  const eventSubProcessId = start.scopeId as string;
  if (start.isInterrupting !== false) {
    execution.closeWait(wait.key, 'triggered');
    interruptScope(execution, scope);
  } else if (wait.kind === 'timer') {
    rearmTimer(execution, wait);
  }
  execution.schedule({ op: 'activate', elementId: eventSubProcessId, scopeKey: scope.key, payload });
}

/**
 * An interrupting event sub-process takes over its scope: the scope's tokens end and its event sub-processes stop
 * listening, while the scope itself (and the boundary events on it) stays.
 */
export function interruptScope(execution: Execution, scope: ElementInstance): void {
  execution.terminateChildren(scope.key);
  const eventStarts = new Set(
    (execution.element(scope.elementId).eventSubProcesses ?? []).map(
      (id) => execution.element(id).triggerStartEvent,
    ),
  );
  for (const wait of Object.values(execution.state.waits)) {
    if (wait.ownerKey === scope.key && eventStarts.has(wait.elementId))
      execution.closeWait(wait.key, 'cancelled');
  }
}
