import type { Execution } from '../runtime/execution.js';
import { isLoopBody } from '../runtime/loop-bodies.js';
import type { CompensationRecord, ElementInstance } from '../runtime/instance-state.js';

/** A sub-process's compensation event sub-process, if it has one. */
export function compensationEventSubProcess(execution: Execution, elementId: string): string | undefined {
  return (execution.element(elementId).eventSubProcesses ?? []).find((id) => {
    const start = execution.element(id).triggerStartEvent;
    return start !== undefined && execution.element(start).eventDefinition?.kind === 'compensation';
  });
}

/**
 * Remembers a completing activity for compensation: one with a compensation handler, or a sub-process with a
 * compensation event sub-process or with compensable work inside (which it takes along as `inner`).
 */
export function recordCompensable(execution: Execution, instance: ElementInstance): void {
  if (instance.compensationFor) return;
  const state = execution.state;
  const inner = (state.compensable ?? []).filter((record) => record.scopeKey === instance.key);
  const element = execution.element(instance.elementId);
  // A loop body has no handler of its own: compensating it compensates each of its repetitions.
  const own =
    !isLoopBody(instance) &&
    (element.compensationHandler !== undefined ||
      compensationEventSubProcess(execution, element.id) !== undefined);
  if (!own && inner.length === 0) return;
  const record: CompensationRecord = {
    key: execution.nextKey(),
    elementId: element.id,
    scopeKey: instance.parentKey as string,
    ...(inner.length > 0 ? { inner } : {}),
    ...(own ? {} : { innerOnly: true }),
    variables: execution.localVariables(instance),
  };
  state.compensable = [
    ...(state.compensable ?? []).filter((other) => other.scopeKey !== instance.key),
    record,
  ];
}

/**
 * A compensation throw (or a transaction's cancel end event) starts compensating the completed activities of its
 * scope — or only `activityRef` — last completed first, one at a time, and waits until all are done. Inside a
 * compensation event sub-process the scope is the sub-process being compensated.
 */
export function startCompensation(
  execution: Execution,
  thrower: ElementInstance,
  activityRef: string | undefined,
  then: 'complete' | 'cancel-transaction',
): void {
  const state = execution.state;
  let scopeKey = thrower.parentKey as string;
  const scope = execution.instance(scopeKey);
  if (scope && execution.element(scope.elementId).triggeredByEvent && scope.parentKey)
    scopeKey = scope.parentKey;
  const chosen = (state.compensable ?? []).filter(
    (record) =>
      record.scopeKey === scopeKey && (activityRef === undefined || record.elementId === activityRef),
  );
  state.compensable = (state.compensable ?? []).filter((record) => !chosen.includes(record));
  if (state.compensable.length === 0) delete state.compensable;
  thrower.compensating = { pending: [...chosen].reverse(), then };
  continueCompensation(execution, thrower);
}

/** Runs the next pending compensation of a thrower, or, when none is left, lets the thrower go on. */
export function continueCompensation(execution: Execution, thrower: ElementInstance): void {
  const run = thrower.compensating;
  if (!run) return;
  const scopeKey = thrower.parentKey as string;
  for (;;) {
    const record = run.pending.shift();
    if (!record) break;
    const element = execution.element(record.elementId);
    if (element.compensationHandler && !record.innerOnly) {
      execution.schedule({
        op: 'activate',
        elementId: element.compensationHandler,
        scopeKey,
        compensation: { throwerKey: thrower.key, record },
      });
      return;
    }
    if (!record.innerOnly && compensationEventSubProcess(execution, element.id)) {
      // The sub-process comes back in compensation mode and runs its compensation event sub-process.
      execution.schedule({
        op: 'activate',
        elementId: element.id,
        scopeKey,
        compensation: { throwerKey: thrower.key, record },
      });
      return;
    }
    // Default compensation of a sub-process: its own compensable work, last completed first.
    run.pending.unshift(...[...(record.inner ?? [])].reverse());
  }
  delete thrower.compensating;
  if (run.then === 'complete') {
    execution.schedule({ op: 'complete', key: thrower.key });
  } else {
    cancelTransaction(execution, thrower);
  }
}

/**
 * After a cancel end event's compensation: the transaction ends and its cancel boundary event continues in its
 * place.
 */
function cancelTransaction(execution: Execution, thrower: ElementInstance): void {
  const transaction = execution.instance(thrower.parentKey as string);
  if (!transaction) return;
  const cancelBoundary = execution
    .element(transaction.elementId)
    .boundaryEvents.find((id) => execution.element(id).eventDefinition?.kind === 'cancel');
  const scopeKey = transaction.parentKey as string;
  execution.terminate(transaction);
  if (cancelBoundary) execution.schedule({ op: 'activate', elementId: cancelBoundary, scopeKey });
  execution.afterLeaving(scopeKey);
}
