import type { Evaluation } from '../../expressions/expression-evaluator.js';
import type { Expression } from '../../model/expression.js';
import type { Execution } from '../../runtime/execution.js';

/** A message as it is named at run time: its evaluated name and, for Camunda 8, its evaluated correlation key. */
export interface EvaluatedMessage {
  messageName: string;
  correlationKey?: string;
}

/** Evaluates a message's name and correlation key in a scope (for a subscription or a publication). */
export function evaluateMessageReference(
  execution: Execution,
  scopeKey: string,
  message: { messageName: Expression; correlationKey?: Expression },
): Evaluation {
  const name = execution.evaluateText(message.messageName, scopeKey, 'the message name');
  if (!name.ok) return name;
  if (!message.correlationKey) return { ok: true, value: { messageName: name.value as string } };
  const key = execution.evaluateText(message.correlationKey, scopeKey, 'the correlation key');
  if (!key.ok) return key;
  const value: EvaluatedMessage = { messageName: name.value as string, correlationKey: key.value as string };
  return { ok: true, value };
}
