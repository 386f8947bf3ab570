import type { MultiInstanceDefinition } from '../../model/executable-model.js';
import { describeExpression } from '../../model/expression.js';
import type { Execution } from '../../runtime/execution.js';
import { maskPersonalData } from '../../runtime/incident-text.js';
import type { ElementInstance } from '../../runtime/instance-state.js';

/** How many inner instances a multi-instance body runs, and the items they get when it runs over a collection. */
export type InstancePlan = { ok: true; count: number; items?: unknown[] } | { ok: false; message: string };

/**
 * Evaluates the collection or the cardinality once, when the body begins (in the body's scope). A failing
 * expression, a collection that is not a list or a cardinality that is not a whole number of 0 or more is a
 * failure the caller turns into an incident before any instance starts.
 */
export function planInstances(
  execution: Execution,
  body: ElementInstance,
  loop: MultiInstanceDefinition,
): InstancePlan {
  const source = loop.collection ?? loop.cardinality;
  if (!source) {
    return {
      ok: false,
      message: `Multi-instance activity '${body.elementId}' has neither a collection nor a cardinality`,
    };
  }
  const what = loop.collection ? 'the collection' : 'the loop cardinality';
  const shown = `${what} of multi-instance activity '${body.elementId}' ('${describeExpression(source)}')`;
  const result = execution.evaluate(source, body.key);
  if (!result.ok) return failed(`Failed to evaluate ${shown}: ${result.message}`);
  const value = result.value;
  if (loop.collection) {
    if (!Array.isArray(value))
      return failed(`Expected ${shown} to give a list, but it gave ${describeValue(value)}`);
    return { ok: true, count: value.length, items: [...(value as unknown[])] };
  }
  // A literal cardinality (`<loopCardinality>3</loopCardinality>`) or a JUEL template may come as text.
  const count = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    return failed(`Expected ${shown} to be a whole number of 0 or more, but it was ${describeValue(value)}`);
  }
  return { ok: true, count };
}

function failed(message: string): InstancePlan {
  return { ok: false, message: maskPersonalData(message) };
}

/** The value, masked before it is shortened (a cut through a CPR number would leave its first digits). */
function describeValue(value: unknown): string {
  const text = maskPersonalData(JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
