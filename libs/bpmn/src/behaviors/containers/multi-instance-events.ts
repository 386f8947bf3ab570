import type { LoopBehaviorEvent, MultiInstanceDefinition } from '../../model/executable-model.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance, LoopProgress } from '../../runtime/instance-state.js';
import { throwEscalation } from '../events/event-propagation.js';
import { broadcastSignal } from '../events/throw-results.js';
import { evaluateLoopCondition } from './loop-iterations.js';

/** The event a completing instance makes its body throw, ready to throw: nothing left that can fail. */
export type PreparedEvent =
  { kind: 'escalation'; escalationCode: string } | { kind: 'signal'; signalName: string } | undefined;

/**
 * BPMN's `behavior` of a multi-instance activity decides whether an instance that completes makes the body throw
 * an event: `All` never does; `None` throws the `noneBehaviorEventRef` event for every instance; `One` throws the
 * `oneBehaviorEventRef` event for the first instance only. Evaluated before anything is written, so a signal name
 * that fails to evaluate leaves the instance to be retried.
 */
export function prepareBehaviorEvent(
  execution: Execution,
  body: ElementInstance,
  loop: MultiInstanceDefinition,
  iteration: ElementInstance,
  counters: Record<string, unknown>,
): { ok: true; event: PreparedEvent } | { ok: false; message: string } {
  let event: LoopBehaviorEvent | undefined = loop.event;
  if (loop.behavior === 'Complex') {
    const chosen = chooseComplexEvent(execution, body, loop, iteration, counters);
    if (!chosen.ok) return chosen;
    event = chosen.event;
  }
  if (loop.behavior === 'All' || !event) return { ok: true, event: undefined };
  if (loop.behavior === 'One' && (body.loop as LoopProgress).eventThrown)
    return { ok: true, event: undefined };
  if (event.kind === 'escalation') return { ok: true, event };
  const name = execution.evaluateText(event.signalName, body.key, 'the signal name');
  if (!name.ok) {
    return {
      ok: false,
      message: `Failed to throw the ${loop.behavior === 'One' ? 'oneBehaviorEventRef' : loop.behavior === 'Complex' ? 'complexBehaviorDefinition' : 'noneBehaviorEventRef'} signal of multi-instance activity '${body.elementId}': ${name.message}`,
    };
  }
  return { ok: true, event: { kind: 'signal', signalName: name.value as string } };
}

/**
 * Throws the prepared event from the body, as BPMN says: boundary events on the multi-instance activity (or on an
 * enclosing one) catch an escalation; a signal is broadcast carrying the body's variables (its counters).
 * 'interrupted' when an interrupting catcher ended the body.
 */
export function throwBehaviorEvent(
  execution: Execution,
  body: ElementInstance,
  event: PreparedEvent,
): 'continues' | 'interrupted' {
  if (!event) return 'continues';
  (body.loop as LoopProgress).eventThrown = true;
  if (event.kind === 'escalation') return throwEscalation(execution, body, event.escalationCode);
  broadcastSignal(execution, body, { language: 'literal', source: event.signalName });
  return 'continues';
}

/**
 * `behavior="Complex"`: the first complexBehaviorDefinition whose condition holds (in the completing instance's
 * scope, with the body's counters as they will be) names the event to throw; none holding throws nothing.
 */
function chooseComplexEvent(
  execution: Execution,
  body: ElementInstance,
  loop: MultiInstanceDefinition,
  iteration: ElementInstance,
  counters: Record<string, unknown>,
): { ok: true; event: LoopBehaviorEvent | undefined } | { ok: false; message: string } {
  for (const { condition, event } of loop.complexEvents ?? []) {
    const result = evaluateLoopCondition(
      execution,
      condition,
      iteration.key,
      `a complexBehaviorDefinition condition of multi-instance activity '${body.elementId}'`,
      counters,
    );
    if (!result.ok) return result;
    if (result.value === true) return { ok: true, event };
  }
  return { ok: true, event: undefined };
}
