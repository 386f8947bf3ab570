import type { Expression } from '../model/expression.js';
import { describeExpression } from '../model/expression.js';
import { evaluateFeel, explainFeelNull, feelSyntaxError, type Evaluation } from './feel-expression.js';
import { evaluateJuel, parseJuel, JuelSyntaxError, type JuelTemplate } from './juel/index.js';

export type { Evaluation };

/** Looks a variable up through the scope chain. */
export interface VariableLookup {
  get(name: string): { found: true; value: unknown } | { found: false };
  /** All visible variables, innermost scope winning (FEEL needs a context object). */
  all(): Record<string, unknown>;
}

const juelCache = new Map<string, JuelTemplate>();

function parsedJuel(source: string): JuelTemplate {
  let template = juelCache.get(source);
  if (!template) {
    template = parseJuel(source);
    if (juelCache.size > 5000) juelCache.clear();
    juelCache.set(source, template);
  }
  return template;
}

/** Evaluates an expression of any language; never throws for the expression's own faults. */
export function evaluateExpression(expression: Expression, variables: VariableLookup): Evaluation {
  switch (expression.language) {
    case 'literal':
      return { ok: true, value: expression.source };
    case 'feel':
      return evaluateFeel(expression.source, variables.all());
    case 'juel':
      try {
        return {
          ok: true,
          value: evaluateJuel(parsedJuel(expression.source), (name) => variables.get(name)),
        };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
  }
}

/** Evaluates a condition: it must give true or false. */
export function evaluateCondition(expression: Expression, variables: VariableLookup): Evaluation {
  const result = evaluateExpression(expression, variables);
  if (!result.ok) return result;
  if (typeof result.value === 'boolean') return result;
  if (result.value === 'true' || result.value === 'false')
    return { ok: true, value: result.value === 'true' };
  const why =
    expression.language === 'feel' ? explainFeelNull(expression.source, variables.all()) : undefined;
  return {
    ok: false,
    message: `expected '${describeExpression(expression)}' to be true or false, but it was ${JSON.stringify(result.value)}${why ? ` (${why})` : ''}`,
  };
}

/**
 * Evaluates the condition of a conditional event, which waits for variables that may not exist yet: as Camunda 7's
 * `tryEvaluate`, a missing variable (or a FEEL null) means "not yet", not a failure. Type errors still fail.
 */
export function evaluateEventCondition(expression: Expression, variables: VariableLookup): Evaluation {
  const result = evaluateCondition(expression, variables);
  if (!result.ok && /Cannot resolve identifier|not found|but it was null/.test(result.message))
    return { ok: true, value: false };
  return result;
}

/** Checks an expression's syntax at deploy time; null when it parses. */
export function expressionSyntaxError(expression: Expression): string | null {
  switch (expression.language) {
    case 'literal':
      return null;
    case 'feel':
      return feelSyntaxError(expression.source);
    case 'juel':
      try {
        parsedJuel(expression.source);
        return null;
      } catch (error) {
        if (error instanceof JuelSyntaxError) return error.message;
        return (error as Error).message;
      }
  }
}
