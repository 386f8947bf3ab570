import type { DmnModdleElement } from 'dmn-moddle';
import {
  AGGREGATIONS,
  HIT_POLICIES,
  type Aggregation,
  type DecisionExpression,
  type DecisionInput,
  type DecisionOutput,
  type DecisionRule,
  type DecisionTable,
  type HitPolicy,
} from './decision-model.js';
import { element, list, text } from './dmn-moddle-access.js';
import { readOutputs } from './read-decision-outputs.js';
import { readDecisionExpression, type DmnReadContext } from './read-dmn-expression.js';

/** Camunda's name for an input's value inside its input entries when `camunda:inputVariable` does not name one. */
const DEFAULT_INPUT_VARIABLE = 'cellInput';

/** Reads a decision table; undefined when something in it cannot run (every finding is recorded). */
export function readDecisionTable(
  decisionId: string,
  what: string,
  table: DmnModdleElement,
  context: DmnReadContext,
): DecisionTable | undefined {
  const errorsBefore = context.findings.findings.length;
  const hitPolicy = readHitPolicy(decisionId, what, table, context);
  const inputs = list(table, 'input').map((input, index) =>
    readInput(decisionId, what, input, index, context),
  );
  const outputs = readOutputs(decisionId, what, table, context);
  const aggregation = readAggregation(decisionId, what, table, hitPolicy, outputs.length, context);
  if (
    (hitPolicy === 'PRIORITY' || hitPolicy === 'OUTPUT ORDER') &&
    !outputs.some((output) => output?.values)
  ) {
    context.findings.error(
      'invalid-decision-table',
      decisionId,
      `The ${hitPolicy} hit policy of ${what} orders results by the output values, but no output lists any; ` +
        'give an output its values in priority order (outputValues, e.g. "high","medium","low").',
    );
  }
  const rules = list(table, 'rule').map((rule, index) =>
    readRule(decisionId, what, rule, index, inputs.length, outputs, context),
  );
  const failed = context.findings.findings
    .slice(errorsBefore)
    .some((finding) => finding.severity === 'error');
  if (failed || !hitPolicy) return undefined;
  return {
    kind: 'decisionTable',
    hitPolicy,
    ...(aggregation ? { aggregation } : {}),
    inputs: inputs as DecisionInput[],
    outputs: outputs as DecisionOutput[],
    rules: rules as DecisionRule[],
  };
}

function readHitPolicy(
  decisionId: string,
  what: string,
  table: DmnModdleElement,
  context: DmnReadContext,
): HitPolicy | undefined {
  const hitPolicy = text(table, 'hitPolicy') ?? 'UNIQUE';
  if ((HIT_POLICIES as readonly string[]).includes(hitPolicy)) return hitPolicy as HitPolicy;
  context.findings.error(
    'unknown-hit-policy',
    decisionId,
    `The decision table of ${what} has the hit policy '${hitPolicy}'; expected one of ${HIT_POLICIES.join(', ')}.`,
  );
  return undefined;
}

function readAggregation(
  decisionId: string,
  what: string,
  table: DmnModdleElement,
  hitPolicy: HitPolicy | undefined,
  outputCount: number,
  context: DmnReadContext,
): Aggregation | undefined {
  const aggregation = text(table, 'aggregation');
  if (!aggregation) return undefined;
  const problem = !(AGGREGATIONS as readonly string[]).includes(aggregation)
    ? `the aggregation '${aggregation}'; expected one of ${AGGREGATIONS.join(', ')}`
    : hitPolicy !== 'COLLECT'
      ? `the aggregation ${aggregation} with the hit policy ${hitPolicy}; aggregations go with COLLECT only`
      : outputCount !== 1
        ? `the aggregation ${aggregation} over ${outputCount} outputs; an aggregation needs exactly one output`
        : undefined;
  if (!problem) return aggregation as Aggregation;
  context.findings.error(
    'invalid-decision-table',
    decisionId,
    `The decision table of ${what} has ${problem}.`,
  );
  return undefined;
}

function readInput(
  decisionId: string,
  what: string,
  input: DmnModdleElement,
  index: number,
  context: DmnReadContext,
): DecisionInput | undefined {
  const id = input.id ?? `input ${index + 1}`;
  const label = text(input, 'label');
  const inputExpression = element(input, 'inputExpression');
  const place = {
    what: `input expression of input '${label ?? id}' in ${what}`,
    elementIds: [decisionId, id],
  };
  const expression = inputExpression
    ? readDecisionExpression(
        text(inputExpression, 'text'),
        text(inputExpression, 'expressionLanguage'),
        'expression',
        place,
        context,
      )
    : null;
  if (expression === null) {
    context.findings.error(
      'invalid-decision-table',
      place.elementIds,
      `Input '${label ?? id}' of ${what} has no input expression; write the expression whose value the rules test (e.g. a variable name).`,
    );
  }
  if (!expression) return undefined;
  const typeRef = inputExpression && text(inputExpression, 'typeRef');
  const inputVariable = context.camundaPrefix && text(input, `${context.camundaPrefix}:inputVariable`);
  return {
    id,
    ...(label ? { label } : {}),
    expression,
    ...(typeRef ? { typeRef } : {}),
    inputVariable: inputVariable ?? DEFAULT_INPUT_VARIABLE,
  };
}

function readRule(
  decisionId: string,
  what: string,
  rule: DmnModdleElement,
  index: number,
  inputCount: number,
  outputs: Array<DecisionOutput | undefined>,
  context: DmnReadContext,
): DecisionRule | undefined {
  const id = rule.id ?? `rule ${index + 1}`;
  const inputEntries = list(rule, 'inputEntry');
  const outputEntries = list(rule, 'outputEntry');
  if (inputEntries.length !== inputCount || outputEntries.length !== outputs.length) {
    context.findings.error(
      'invalid-decision-table',
      [decisionId, id],
      `Rule '${id}' of ${what} has ${inputEntries.length} input and ${outputEntries.length} output entries, ` +
        `but the table has ${inputCount} inputs and ${outputs.length} outputs; give the rule one entry per column.`,
    );
    return undefined;
  }
  const read = (entry: DmnModdleElement, kind: 'expression' | 'unary-tests', column: string) =>
    readDecisionExpression(
      text(entry, 'text'),
      text(entry, 'expressionLanguage'),
      kind,
      {
        what: `${kind === 'unary-tests' ? 'input' : 'output'} entry for ${column} of rule '${id}' in ${what}`,
        elementIds: [decisionId, id, ...(entry.id ? [entry.id] : [])],
      },
      context,
    );
  const inputs = inputEntries.map((entry, column) => read(entry, 'unary-tests', `input ${column + 1}`));
  const results = outputEntries.map((entry, column) =>
    read(entry, 'expression', `output '${outputs[column]?.name ?? column + 1}'`),
  );
  if (inputs.includes(undefined) || results.includes(undefined)) return undefined;
  const description = text(rule, 'description');
  return {
    id,
    ...(description ? { description } : {}),
    inputEntries: inputs as Array<DecisionExpression | null>,
    outputEntries: results as Array<DecisionExpression | null>,
  };
}
