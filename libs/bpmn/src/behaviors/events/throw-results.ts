import type { Evaluation } from '../../expressions/expression-evaluator.js';
import type { Expression } from '../../model/expression.js';
import type { Execution } from '../../runtime/execution.js';
import type { ElementInstance } from '../../runtime/instance-state.js';

/**
 * Publishes a message for the runtime to correlate (a throw event or send task without a worker). What it
 * carries are the thrower's own variables: those its input mappings produced.
 */
export function publishMessage(
  execution: Execution,
  instance: ElementInstance,
  message: { messageName: Expression; correlationKey?: Expression },
): Evaluation {
  const name = execution.evaluateText(message.messageName, instance.key, 'the message name');
  if (!name.ok) return name;
  let correlationKey: string | undefined;
  if (message.correlationKey) {
    const key = execution.evaluateText(message.correlationKey, instance.key, 'the correlation key');
    if (!key.ok) return key;
    correlationKey = key.value as string;
  }
  execution.effects.push({
    type: 'message.published',
    messageName: name.value as string,
    ...(correlationKey !== undefined ? { correlationKey } : {}),
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

/** Raises an expression incident that re-runs the activation when resolved. */
export function activationFailed(execution: Execution, instance: ElementInstance, message: string): void {
  execution.raiseIncident(instance, 'expression-failed', message, [
    { op: 'run-activation', key: instance.key },
  ]);
}
