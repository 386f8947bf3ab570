import type { Evaluation } from '../../expressions/expression-evaluator.js';
import type { Expression } from '../../model/expression.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance } from '../../runtime/instance-state.js';
import { activationFailed } from '../activation-failed.js';
import { waitForJob } from '../tasks/job-wait.js';
import { throwEscalation } from './event-propagation.js';
import { evaluateMessageReference, type EvaluatedMessage } from './message-reference.js';

/**
 * Publishes a message for the runtime to correlate (a throw event or send task without a worker). What it
 * carries are the thrower's own variables: those its input mappings produced.
 */
export function publishMessage(
  execution: Execution,
  instance: ElementInstance,
  message: { messageName: Expression; correlationKey?: Expression },
): Evaluation {
  const evaluated = evaluateMessageReference(execution, instance.key, message);
  if (!evaluated.ok) return evaluated;
  execution.effects.push({
    type: 'message.published',
    ...(evaluated.value as EvaluatedMessage),
    variables: execution.localVariables(instance),
    elementId: instance.elementId,
  });
  return { ok: true, value: undefined };
}

/** Broadcasts a signal through the runtime, carrying the thrower's own (input-mapped) variables. */
export function broadcastSignal(
  execution: Execution,
  instance: ElementInstance,
  signalName: Expression,
): Evaluation {
  const name = execution.evaluateText(signalName, instance.key, 'the signal name');
  if (!name.ok) return name;
  execution.effects.push({
    type: 'signal.thrown',
    signalName: name.value as string,
    variables: execution.localVariables(instance),
    elementId: instance.elementId,
  });
  return { ok: true, value: undefined };
}

/**
 * What end and intermediate throw events share: a message (a worker's job, or published), a signal, an
 * escalation. Schedules the thrower's completion when it carries on; false for any other kind of event.
 */
export function throwMessageSignalOrEscalation(execution: Execution, instance: ElementInstance): boolean {
  const element = execution.element(instance.elementId);
  const definition = element.eventDefinition;
  const complete = () => execution.schedule({ op: 'complete', key: instance.key });
  switch (definition?.kind) {
    case 'message': {
      if (element.job) {
        waitForJob(execution, instance, element.job);
        return true;
      }
      const result = publishMessage(execution, instance, definition);
      if (!result.ok) activationFailed(execution, instance, result.message);
      else complete();
      return true;
    }
    case 'signal': {
      const result = broadcastSignal(execution, instance, definition.signalName);
      if (!result.ok) activationFailed(execution, instance, result.message);
      else complete();
      return true;
    }
    case 'escalation':
      if (throwEscalation(execution, instance, definition.escalationCode as string) === 'continues')
        complete();
      return true;
    default:
      return false;
  }
}
