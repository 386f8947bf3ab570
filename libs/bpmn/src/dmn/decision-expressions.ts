import { unaryTest } from 'feelin';
import { evaluateExpression, type VariableLookup } from '../expressions/expression-evaluator.js';
import type { Evaluation } from '../expressions/feel-expression.js';
import type { DecisionExpression } from './decision-model.js';

/** Evaluates an input expression, output entry or literal expression over plain values. */
export function evaluateDecisionExpression(
  expression: DecisionExpression,
  variables: Record<string, unknown>,
): Evaluation {
  return evaluateExpression(expression, lookupOf(variables));
}

/**
 * Whether an input value passes an input entry. FEEL entries are unary tests (`"Fall"`, `<= 8`, `[5..8]`,
 * `not("a")`, `? > 3`); JUEL entries are conditions over the input variable (`${cellInput > 3}`). The value is
 * also there under the input's variable name. Null, as FEEL gives for values it cannot compare, is no match.
 */
export function passesInputEntry(
  entry: DecisionExpression,
  input: unknown,
  inputVariable: string,
  variables: Record<string, unknown>,
): Evaluation {
  const context = { ...variables, [inputVariable]: input };
  let value: unknown;
  if (entry.language === 'feel') {
    try {
      value = unaryTest(entry.source, { ...context, '?': input }).value;
    } catch (error) {
      return { ok: false, message: `FEEL error: ${(error as Error).message}` };
    }
  } else {
    const result = evaluateDecisionExpression(entry, context);
    if (!result.ok) return result;
    value = result.value;
  }
  if (value === null || value === undefined) return { ok: true, value: false };
  if (typeof value === 'boolean') return { ok: true, value };
  return {
    ok: false,
    message: `an input entry must give true, false or null, but it gave ${JSON.stringify(value)}`,
  };
}

function lookupOf(values: Record<string, unknown>): VariableLookup {
  return {
    get: (name) => (Object.hasOwn(values, name) ? { found: true, value: values[name] } : { found: false }),
    all: () => values,
  };
}
