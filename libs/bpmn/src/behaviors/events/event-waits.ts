import type { Evaluation } from '../../expressions/expression-evaluator.js';
import type { EventDefinition } from '../../model/executable-model.js';
import type { Execution } from '../../runtime/execution.js';
import { evaluateMessageReference, type EvaluatedMessage } from './message-reference.js';
import type { ElementInstance, Wait } from '../../runtime/instance-state.js';
import { firstDue, nextDue, parseTimer, TimerDefinitionError } from '../../timers/index.js';

/**
 * Opens the wait of a catching event — its own, a boundary event's on its activity, or an event-based
 * gateway's target — owned by `owner`. Expressions are evaluated in the owner's scope. The value is an
 * {@link OpenedWait}: a conditional wait whose condition already holds says so, for the caller to fire it at once.
 */
export function openEventWait(
  execution: Execution,
  owner: ElementInstance,
  elementId: string,
  definition: EventDefinition,
  nonInterrupting: boolean,
): Evaluation {
  const base = {
    key: execution.nextKey(),
    ownerKey: owner.key,
    elementId,
    ...(nonInterrupting ? { nonInterrupting } : {}),
  };
  switch (definition.kind) {
    case 'timer': {
      const text = execution.evaluateText(definition.value, owner.key, 'the timer');
      if (!text.ok) return text;
      try {
        const options = { timeZone: execution.timeZone };
        const schedule = parseTimer(definition.timerKind, text.value as string, options);
        const due = firstDue(schedule, execution.now(), options);
        if (!due) return opened(undefined, false);
        execution.openWait({ ...base, kind: 'timer', dueAt: due.toISOString(), schedule, firedCount: 0 });
        return opened(base.key, false);
      } catch (error) {
        if (!(error instanceof TimerDefinitionError)) throw error;
        return { ok: false, message: `The timer of '${elementId}' is invalid: ${error.message}` };
      }
    }
    case 'message': {
      const message = evaluateMessageReference(execution, owner.key, definition);
      if (!message.ok) return message;
      execution.openWait({ ...base, kind: 'message', ...(message.value as EvaluatedMessage) });
      return opened(base.key, false);
    }
    case 'signal': {
      const name = execution.evaluateText(definition.signalName, owner.key, 'the signal name');
      if (!name.ok) return name;
      execution.openWait({ ...base, kind: 'signal', signalName: name.value as string });
      return opened(base.key, false);
    }
    case 'conditional': {
      const result = execution.evaluateEventCondition(definition.condition, owner.key);
      if (!result.ok)
        return { ok: false, message: `The condition of '${elementId}' failed: ${result.message}` };
      execution.openWait({ ...base, kind: 'conditional', lastResult: result.value === true });
      return opened(base.key, result.value === true);
    }
    default:
      return opened(undefined, false);
  }
}

/** What opening a wait gave: its key (none when a timer cycle is already over), and whether it is already satisfied. */
export interface OpenedWait {
  key?: string;
  satisfied: boolean;
}

function opened(key: string | undefined, satisfied: boolean): Evaluation {
  const value: OpenedWait = { ...(key ? { key } : {}), satisfied };
  return { ok: true, value };
}

/** After a timer fired: the next repetition of its cycle, or null when the cycle is exhausted. */
export function nextRepetition(
  execution: Execution,
  wait: Extract<Wait, { kind: 'timer' }>,
): Extract<Wait, { kind: 'timer' }> | null {
  const firedCount = wait.firedCount + 1;
  const next = nextDue(wait.schedule, new Date(wait.dueAt), firedCount, { timeZone: execution.timeZone });
  return next ? { ...wait, dueAt: next.toISOString(), firedCount } : null;
}

/**
 * A timer that fired but keeps its wait (non-interrupting boundary and event sub-process timers): a cycle moves to
 * its next repetition, anything else is done.
 */
export function rearmTimer(execution: Execution, wait: Extract<Wait, { kind: 'timer' }>): void {
  const next = nextRepetition(execution, wait);
  if (next) {
    execution.state.waits[wait.key] = next;
    execution.effects.push({ type: 'wait.updated', wait: next });
  } else {
    execution.closeWait(wait.key, 'triggered');
  }
}
