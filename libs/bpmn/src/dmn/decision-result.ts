/**
 * What evaluating a decision gave, in Camunda 7's shape (a list of entries, one per rule result, each mapping output
 * names to values) plus what Camunda 8's shape needs. Plain JSON.
 */
export interface DecisionResult {
  decisionId: string;
  kind: 'decisionTable' | 'literalExpression';
  /** One entry per result: a matched rule's outputs (empty output entries left out), an aggregate, a literal's value. */
  entries: Array<Record<string, unknown>>;
  /** The decision's output names in column order (a literal expression: its result name). */
  outputNames: string[];
  /** The hit policy gives a list: COLLECT without aggregation, RULE ORDER, OUTPUT ORDER. */
  multiple: boolean;
  /** The rules whose outputs made the result, in result order. */
  matchedRules: string[];
}

/**
 * How a business rule task turns the result into its result variable: Camunda 7's `camunda:mapDecisionResult`
 * (default `resultList`, as in Camunda 7), or Camunda 8's rule for `zeebe:calledDecision resultVariable`.
 */
export type DecisionResultMapping =
  'singleEntry' | 'singleResult' | 'collectEntries' | 'resultList' | 'camunda8';

export const DECISION_RESULT_MAPPINGS: readonly DecisionResultMapping[] = [
  'singleEntry',
  'singleResult',
  'collectEntries',
  'resultList',
  'camunda8',
];

export type MappedResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Maps a decision's result to the value of the result variable; a result that does not fit is a failure. */
export function mapDecisionResult(result: DecisionResult, mapping: DecisionResultMapping): MappedResult {
  const { entries } = result;
  switch (mapping) {
    case 'camunda8':
      return { ok: true, value: camunda8Value(result) };
    case 'resultList':
      return { ok: true, value: entries.map((entry) => ({ ...entry })) };
    case 'singleResult':
      if (entries.length > 1) return tooManyResults(result, mapping);
      return { ok: true, value: entries.length === 0 ? null : { ...entries[0] } };
    case 'singleEntry': {
      if (entries.length > 1) return tooManyResults(result, mapping);
      if (entries.length === 0) return { ok: true, value: null };
      const values = Object.values(entries[0]);
      if (values.length > 1) return tooManyOutputs(result, entries[0], mapping);
      return { ok: true, value: values.length === 0 ? null : values[0] };
    }
    case 'collectEntries': {
      const collected: unknown[] = [];
      for (const entry of entries) {
        const values = Object.values(entry);
        if (values.length > 1) return tooManyOutputs(result, entry, mapping);
        collected.push(...values);
      }
      return { ok: true, value: collected };
    }
  }
}

/**
 * Camunda 8's result: one output gives its value, several a context of all outputs; list hit policies give a list
 * of those; no result gives null.
 */
export function camunda8Value(result: DecisionResult): unknown {
  const { entries, outputNames } = result;
  if (result.kind === 'literalExpression') return entries[0]?.[outputNames[0]] ?? null;
  if (entries.length === 0) return null;
  const valueOf = (entry: Record<string, unknown>): unknown =>
    outputNames.length === 1
      ? (entry[outputNames[0]] ?? null)
      : Object.fromEntries(outputNames.map((name) => [name, entry[name] ?? null]));
  return result.multiple ? entries.map(valueOf) : valueOf(entries[0]);
}

/** Camunda 7's way of offering a required decision's result: each output under its name, a list when several. */
export function outputVariables(result: DecisionResult): Record<string, unknown> {
  const { entries } = result;
  if (entries.length === 0) return {};
  if (entries.length === 1 && !result.multiple) return { ...entries[0] };
  const names = [...new Set(entries.flatMap((entry) => Object.keys(entry)))];
  return Object.fromEntries(
    names.map((name) => [name, entries.filter((entry) => name in entry).map((entry) => entry[name])]),
  );
}

function tooManyResults(result: DecisionResult, mapping: DecisionResultMapping): MappedResult {
  const rules = result.matchedRules.map((rule) => `'${rule}'`).join(', ');
  return {
    ok: false,
    message:
      `Expected decision '${result.decisionId}' to give at most one result for mapDecisionResult '${mapping}', but it gave ` +
      `${result.entries.length}${rules ? ` (rules ${rules})` : ''}; map it with 'collectEntries' or 'resultList', or make the rules exclusive`,
  };
}

function tooManyOutputs(
  result: DecisionResult,
  entry: Record<string, unknown>,
  mapping: DecisionResultMapping,
): MappedResult {
  return {
    ok: false,
    message:
      `Expected each result of decision '${result.decisionId}' to hold one output for mapDecisionResult '${mapping}', but one ` +
      `holds ${Object.keys(entry)
        .map((name) => `'${name}'`)
        .join(', ')}; map it with '${mapping === 'singleEntry' ? 'singleResult' : 'resultList'}' instead`,
  };
}
