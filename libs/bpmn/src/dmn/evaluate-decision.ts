import { evaluateDecisionExpression } from './decision-expressions.js';
import type { ExecutableDecision, ExecutableDecisions } from './decision-model.js';
import { camunda8Value, outputVariables, type DecisionResult } from './decision-result.js';
import { evaluateDecisionTable } from './evaluate-decision-table.js';
import { coerceToTypeRef } from './type-ref.js';

export type DecisionEvaluation = { ok: true; result: DecisionResult } | { ok: false; message: string };

/**
 * Evaluates a decision over plain variable values. Its required decisions are evaluated first (each once); their
 * results are offered to it as Camunda does — under the required decision's result name (its variable's name,
 * else its id: the Camunda 8 value) and, as in Camunda 7, each output under its own name. Never throws for the
 * model's or the values' faults: a failure says what went wrong and where.
 *
 * @example
 * const evaluated = evaluateDecision(model, 'beverages', { season: 'Fall', guestCount: 4 });
 * if (evaluated.ok) console.log(evaluated.result.entries); // [{ beverages: 'Aecht Schlenkerla Rauchbier' }, …]
 */
export function evaluateDecision(
  model: ExecutableDecisions,
  decisionId: string,
  variables: Record<string, unknown>,
): DecisionEvaluation {
  return new DecisionEvaluator(model, variables).evaluate(decisionId, []);
}

class DecisionEvaluator {
  private readonly results = new Map<string, DecisionResult>();

  constructor(
    private readonly model: ExecutableDecisions,
    private readonly variables: Record<string, unknown>,
  ) {}

  evaluate(decisionId: string, requiredBy: string[]): DecisionEvaluation {
    const known = this.results.get(decisionId);
    if (known) return { ok: true, result: known };
    const decision = Object.hasOwn(this.model.decisions, decisionId)
      ? this.model.decisions[decisionId]
      : undefined;
    if (!decision) {
      return {
        ok: false,
        message:
          `Expected a decision '${decisionId}' in the DMN document '${this.model.id}'${requiredBy.length ? ` (required by '${requiredBy[0]}')` : ''}, ` +
          `but it has only ${Object.keys(this.model.decisions)
            .map((id) => `'${id}'`)
            .join(', ')}`,
      };
    }
    // Compiled models have no cycles; a hand-made one must not recurse for ever.
    if (requiredBy.includes(decisionId)) {
      return { ok: false, message: `Decision '${decisionId}' requires itself through '${requiredBy[0]}'` };
    }
    const context: Record<string, unknown> = { ...this.variables };
    for (const requiredId of decision.requiredDecisions) {
      const required = this.evaluate(requiredId, [decisionId, ...requiredBy]);
      if (!required.ok)
        return { ok: false, message: `${required.message}, required by decision '${decisionId}'` };
      const resultName = this.model.decisions[requiredId].resultName;
      Object.assign(context, outputVariables(required.result), {
        [resultName]: camunda8Value(required.result),
      });
    }
    const evaluated = this.evaluateLogic(decision, context);
    if (evaluated.ok) this.results.set(decisionId, evaluated.result);
    return evaluated;
  }

  private evaluateLogic(decision: ExecutableDecision, context: Record<string, unknown>): DecisionEvaluation {
    const { logic } = decision;
    if (logic.kind === 'decisionTable') {
      const outcome = evaluateDecisionTable(decision.id, logic, context);
      if (!outcome.ok) return outcome;
      return {
        ok: true,
        result: {
          decisionId: decision.id,
          kind: 'decisionTable',
          entries: outcome.entries,
          outputNames: logic.outputs.map((output) => output.name),
          multiple:
            logic.hitPolicy === 'RULE ORDER' ||
            logic.hitPolicy === 'OUTPUT ORDER' ||
            (logic.hitPolicy === 'COLLECT' && !logic.aggregation),
          matchedRules: outcome.rules,
        },
      };
    }
    const evaluated = evaluateDecisionExpression(logic.expression, context);
    const value = evaluated.ok
      ? coerceToTypeRef(evaluated.value, logic.typeRef, `the value of decision '${decision.id}'`)
      : evaluated;
    if (!value.ok) {
      return {
        ok: false,
        message: `Failed to evaluate the literal expression '${logic.expression.source}' of decision '${decision.id}': ${value.message}`,
      };
    }
    return {
      ok: true,
      result: {
        decisionId: decision.id,
        kind: 'literalExpression',
        entries: [{ [decision.resultName]: value.value }],
        outputNames: [decision.resultName],
        multiple: false,
        matchedRules: [],
      },
    };
  }
}
