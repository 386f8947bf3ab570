import type { VariableLookup } from '../../expressions/expression-evaluator.js';
import { evaluateCondition, type Evaluation } from '../../expressions/expression-evaluator.js';
import { describeExpression, type Expression } from '../../model/expression.js';
import type { VariableMap } from '../../model/typed-value.js';
import type { Execution } from '../../runtime/execution.js';
import { maskPersonalData } from '../../runtime/incident-text.js';
import type { ElementInstance, LoopProgress } from '../../runtime/instance-state.js';

/**
 * Starts the next inner instance of a multi-instance or loop body. Its local variables (`loopCounter`, the item)
 * are in place before its activation runs, so its input mappings and expressions can use them.
 */
export function startIteration(execution: Execution, body: ElementInstance, locals: VariableMap): void {
  const progress = body.loop as LoopProgress;
  const iteration = execution.createInstance(body.elementId, body.key);
  iteration.loopIndex = progress.started;
  progress.started += 1;
  for (const [name, value] of Object.entries(locals))
    execution.variables.setLocal(iteration.key, name, value);
  execution.schedule({ op: 'run-activation', key: iteration.key });
}

/**
 * Evaluates a loop's condition (completion condition, loop condition) in an inner instance's scope, seeing
 * `overrides` on top: the body's counters as they will be once this instance is counted. Nothing is written
 * until the condition gave its answer, so a failure leaves the instance to be retried as it was.
 */
export function evaluateLoopCondition(
  execution: Execution,
  condition: Expression,
  scopeKey: string,
  what: string,
  overrides: Record<string, unknown> = {},
): Evaluation {
  const result = evaluateCondition(condition, withOverrides(execution.variables.lookup(scopeKey), overrides));
  if (result.ok) return result;
  const quoted = `'${describeExpression(condition)}'`;
  const which = result.message.includes(quoted) ? '' : ` ${quoted}`;
  return { ok: false, message: maskPersonalData(`Failed to evaluate ${what}${which}: ${result.message}`) };
}

function withOverrides(lookup: VariableLookup, overrides: Record<string, unknown>): VariableLookup {
  return {
    get: (name) =>
      Object.hasOwn(overrides, name) ? { found: true, value: overrides[name] } : lookup.get(name),
    all: () => ({ ...lookup.all(), ...overrides }),
  };
}

/**
 * An inner instance cannot finish yet (an expression of its loop failed): it stays with an incident, and resolving
 * the incident completes it again — output mappings, then its body's bookkeeping.
 */
export function iterationFailed(execution: Execution, iteration: ElementInstance, message: string): void {
  execution.raiseIncident(iteration, 'expression-failed', message, [{ op: 'complete', key: iteration.key }]);
}
