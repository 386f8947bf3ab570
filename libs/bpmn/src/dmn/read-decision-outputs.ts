import type { DmnModdleElement } from 'dmn-moddle';
import { evaluateFeel } from '../expressions/feel-expression.js';
import type { DecisionOutput } from './decision-model.js';
import { element, list, text } from './dmn-moddle-access.js';
import { readDecisionExpression, type DmnReadContext } from './read-dmn-expression.js';

/**
 * Reads a decision table's outputs: names (required and unique when there are several), types, the output values
 * that order PRIORITY and OUTPUT ORDER, and default output entries. A failed output is undefined, with a finding.
 */
export function readOutputs(
  decisionId: string,
  what: string,
  table: DmnModdleElement,
  context: DmnReadContext,
): Array<DecisionOutput | undefined> {
  const outputs = list(table, 'output');
  if (outputs.length === 0) {
    context.findings.error(
      'invalid-decision-table',
      decisionId,
      `The decision table of ${what} has no output; add the output column its rules give.`,
    );
  }
  const seen = new Set<string>();
  return outputs.map((output, index) => {
    const id = output.id ?? `output ${index + 1}`;
    const named = text(output, 'name');
    const label = text(output, 'label');
    const ids = [decisionId, id];
    if (!named && outputs.length > 1) {
      context.findings.error(
        'invalid-decision-table',
        ids,
        `Output '${label ?? id}' of ${what} has no name; with several outputs each needs a name, the key of its value in the result.`,
      );
      return undefined;
    }
    const name = named ?? id;
    if (seen.has(name)) {
      context.findings.error(
        'invalid-decision-table',
        ids,
        `The ${what} has two outputs named '${name}'; give each output its own name.`,
      );
      return undefined;
    }
    seen.add(name);
    const values = readOutputValues(output, `output '${name}' of ${what}`, ids, context);
    const defaultEntry = element(output, 'defaultOutputEntry');
    const defaultValue =
      defaultEntry &&
      readDecisionExpression(
        text(defaultEntry, 'text'),
        text(defaultEntry, 'expressionLanguage'),
        'expression',
        { what: `default output entry of output '${name}' in ${what}`, elementIds: ids },
        context,
      );
    const typeRef = text(output, 'typeRef');
    return {
      id,
      name,
      ...(label ? { label } : {}),
      ...(typeRef ? { typeRef } : {}),
      ...(values ? { values } : {}),
      ...(defaultValue ? { defaultValue } : {}),
    };
  });
}

/** `"high","medium","low"` → ['high', 'medium', 'low']: the values are FEEL literals separated by commas. */
function readOutputValues(
  output: DmnModdleElement,
  what: string,
  elementIds: string[],
  context: DmnReadContext,
): unknown[] | undefined {
  const outputValues = element(output, 'outputValues');
  const source = outputValues && text(outputValues, 'text')?.trim();
  if (!source) return undefined;
  const result = evaluateFeel(`[${source}]`, {});
  if (result.ok && Array.isArray(result.value)) return result.value;
  context.findings.error(
    'invalid-expression',
    elementIds,
    `Expected the output values of ${what} ('${source}') to be FEEL literals separated by commas, such as "high","low", ` +
      `but: ${result.ok ? 'they are not a list of values' : result.message}`,
  );
  return undefined;
}
