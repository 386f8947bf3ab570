import type { DecisionOutput, DecisionTable } from './decision-model.js';

/** A rule that matched, with the values of its (non-empty) output entries. */
export interface RuleHit {
  ruleId: string;
  outputs: Record<string, unknown>;
}

export type HitPolicyOutcome =
  { ok: true; entries: Array<Record<string, unknown>>; rules: string[] } | { ok: false; message: string };

/**
 * Applies the table's hit policy to the rules that matched (in rule order). A violated hit policy (UNIQUE with
 * several matches, ANY with differing outputs) is a failure naming the decision and the rules.
 */
export function applyHitPolicy(decisionId: string, table: DecisionTable, hits: RuleHit[]): HitPolicyOutcome {
  const take = (chosen: RuleHit[]): HitPolicyOutcome => ({
    ok: true,
    entries: chosen.map((hit) => hit.outputs),
    rules: chosen.map((hit) => hit.ruleId),
  });
  const ruleNames = (list: RuleHit[]) => list.map((hit) => `'${hit.ruleId}'`).join(', ');
  switch (table.hitPolicy) {
    case 'UNIQUE':
      if (hits.length <= 1) return take(hits);
      return {
        ok: false,
        message:
          `Decision '${decisionId}' has the hit policy UNIQUE, so at most one rule may match, but ${hits.length} did: ` +
          `${ruleNames(hits)}; correct the input values or the rules`,
      };
    case 'ANY': {
      const differing = hits.filter((hit) => !sameValue(hit.outputs, hits[0].outputs));
      if (differing.length === 0) return take(hits.slice(0, 1));
      return {
        ok: false,
        message:
          `Decision '${decisionId}' has the hit policy ANY, so the matching rules must give the same output, but ` +
          `${ruleNames(hits)} give different outputs; correct the rules or use another hit policy`,
      };
    }
    case 'FIRST':
      return take(hits.slice(0, 1));
    case 'PRIORITY':
      return take(byPriority(hits, table.outputs).slice(0, 1));
    case 'OUTPUT ORDER':
      return take(byPriority(hits, table.outputs));
    case 'RULE ORDER':
      return take(hits);
    case 'COLLECT':
      return table.aggregation ? aggregate(decisionId, table, hits) : take(hits);
  }
}

/**
 * SUM, MIN, MAX over the single output's values (numbers; MIN and MAX also text), COUNT of them. Rules that give
 * the output no value are left out; with no values, SUM, MIN and MAX give no result and COUNT gives 0.
 */
function aggregate(decisionId: string, table: DecisionTable, hits: RuleHit[]): HitPolicyOutcome {
  const name = table.outputs[0].name;
  const rules = hits.map((hit) => hit.ruleId);
  const values = hits
    .map((hit) => hit.outputs[name])
    .filter((value) => value !== undefined && value !== null);
  const aggregation = table.aggregation;
  if (aggregation === 'COUNT') return { ok: true, entries: [{ [name]: values.length }], rules };
  if (values.length === 0) return { ok: true, entries: [], rules };
  const allNumbers = values.every((value) => typeof value === 'number');
  const allText = values.every((value) => typeof value === 'string');
  if (!allNumbers && !(allText && aggregation !== 'SUM')) {
    return {
      ok: false,
      message:
        `Decision '${decisionId}' aggregates output '${name}' with ${aggregation}, which needs ` +
        `${aggregation === 'SUM' ? 'numbers' : 'numbers or texts, not mixed'}, but the rules ${hits.map((hit) => `'${hit.ruleId}'`).join(', ')} gave ${JSON.stringify(values)}`,
    };
  }
  let result: unknown;
  if (aggregation === 'SUM') result = (values as number[]).reduce((sum, value) => sum + value, 0);
  else {
    const sorted = [...(values as Array<number | string>)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    result = aggregation === 'MIN' ? sorted[0] : sorted[sorted.length - 1];
  }
  return { ok: true, entries: [{ [name]: result }], rules };
}

/**
 * Orders hits by their outputs' positions in the outputs' value lists (the first output first, then the next as a
 * tie-breaker); a value not in the list comes after all listed ones; equal priorities keep rule order.
 */
function byPriority(hits: RuleHit[], outputs: DecisionOutput[]): RuleHit[] {
  const ranked = outputs.filter((output) => output.values);
  const rank = (hit: RuleHit) =>
    ranked.map((output) => {
      const values = output.values as unknown[];
      const index = values.findIndex((value) => sameValue(value, hit.outputs[output.name]));
      return index < 0 ? values.length : index;
    });
  return hits
    .map((hit) => ({ hit, rank: rank(hit) }))
    .sort((a, b) => {
      for (let i = 0; i < a.rank.length; i += 1) if (a.rank[i] !== b.rank[i]) return a.rank[i] - b.rank[i];
      return 0;
    })
    .map(({ hit }) => hit);
}

/** Equality of plain JSON values, independent of key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
}
