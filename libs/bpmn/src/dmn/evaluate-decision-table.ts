import { evaluateDecisionExpression, passesInputEntry } from './decision-expressions.js';
import type { DecisionExpression, DecisionTable } from './decision-model.js';
import { applyHitPolicy, type HitPolicyOutcome, type RuleHit } from './hit-policy.js';
import { coerceToTypeRef } from './type-ref.js';

/**
 * Evaluates a decision table: the input expressions once, then each rule's input entries against them; the
 * matching rules' output entries are evaluated and the hit policy picks or combines them. With no match, outputs
 * that have a default output entry give one result of their defaults.
 */
export function evaluateDecisionTable(
  decisionId: string,
  table: DecisionTable,
  variables: Record<string, unknown>,
): HitPolicyOutcome {
  const inputs: unknown[] = [];
  for (const input of table.inputs) {
    const name = `input '${input.label ?? input.id}'`;
    const evaluated = evaluateDecisionExpression(input.expression, variables);
    const value = evaluated.ok
      ? coerceToTypeRef(evaluated.value, input.typeRef, `the value of ${name}`)
      : evaluated;
    if (!value.ok) {
      return fail(
        `Failed to evaluate the input expression '${input.expression.source}' of ${name} in decision '${decisionId}': ${value.message}`,
      );
    }
    inputs.push(value.value);
  }
  const hits: RuleHit[] = [];
  for (const rule of table.rules) {
    let matches = true;
    for (let column = 0; column < table.inputs.length && matches; column += 1) {
      const entry = rule.inputEntries[column];
      if (!entry) continue;
      const input = table.inputs[column];
      const passed = passesInputEntry(entry, inputs[column], input.inputVariable, variables);
      if (!passed.ok) {
        return fail(
          `Failed to test input entry '${entry.source}' of rule '${rule.id}' (input '${input.label ?? input.id}') in decision '${decisionId}': ${passed.message}`,
        );
      }
      matches = passed.value === true;
    }
    if (!matches) continue;
    const outputs: Record<string, unknown> = {};
    for (const [column, output] of table.outputs.entries()) {
      const entry = rule.outputEntries[column];
      if (!entry) continue;
      const value = outputValue(entry, output.typeRef, variables, `output '${output.name}'`);
      if (!value.ok) {
        return fail(
          `Failed to evaluate output entry '${entry.source}' of rule '${rule.id}' in decision '${decisionId}': ${value.message}`,
        );
      }
      outputs[output.name] = value.value;
    }
    hits.push({ ruleId: rule.id, outputs });
    // FIRST needs no more: later rules' output entries must not fail a result that does not use them.
    if (table.hitPolicy === 'FIRST') break;
  }
  if (hits.length === 0 && table.outputs.some((output) => output.defaultValue))
    return defaults(decisionId, table, variables);
  return applyHitPolicy(decisionId, table, hits);
}

function defaults(
  decisionId: string,
  table: DecisionTable,
  variables: Record<string, unknown>,
): HitPolicyOutcome {
  const entry: Record<string, unknown> = {};
  for (const output of table.outputs) {
    if (!output.defaultValue) continue;
    const value = outputValue(output.defaultValue, output.typeRef, variables, `output '${output.name}'`);
    if (!value.ok) {
      return fail(
        `Failed to evaluate the default output entry of output '${output.name}' in decision '${decisionId}': ${value.message}`,
      );
    }
    entry[output.name] = value.value;
  }
  return { ok: true, entries: [entry], rules: [] };
}

function outputValue(
  expression: DecisionExpression,
  typeRef: string | undefined,
  variables: Record<string, unknown>,
  what: string,
) {
  const evaluated = evaluateDecisionExpression(expression, variables);
  return evaluated.ok ? coerceToTypeRef(evaluated.value, typeRef, `the value of ${what}`) : evaluated;
}

function fail(message: string): HitPolicyOutcome {
  return { ok: false, message };
}
