import { describe, expect, it } from '@jest/globals';
import { camunda8Value, mapDecisionResult, outputVariables, type DecisionResult } from './decision-result.js';

const result = (
  entries: Array<Record<string, unknown>>,
  extra: Partial<DecisionResult> = {},
): DecisionResult => ({
  decisionId: 'd',
  kind: 'decisionTable',
  entries,
  outputNames: Object.keys(entries[0] ?? { out: null }),
  multiple: false,
  matchedRules: entries.map((_, index) => `r${index + 1}`),
  ...extra,
});

describe('Camunda 7 mapDecisionResult', () => {
  it('singleEntry gives the one value, null for no result', () => {
    expect(mapDecisionResult(result([{ out: 'a' }]), 'singleEntry')).toEqual({ ok: true, value: 'a' });
    expect(mapDecisionResult(result([]), 'singleEntry')).toEqual({ ok: true, value: null });
  });

  it('singleEntry fails for two results (naming the rules) and for two outputs (naming them)', () => {
    const two = mapDecisionResult(result([{ out: 'a' }, { out: 'b' }]), 'singleEntry');
    expect(!two.ok && two.message).toContain(
      "to give at most one result for mapDecisionResult 'singleEntry', but it gave 2 (rules 'r1', 'r2')",
    );
    const wide = mapDecisionResult(result([{ a: 1, b: 2 }]), 'singleEntry');
    expect(!wide.ok && wide.message).toContain("holds 'a', 'b'; map it with 'singleResult' instead");
  });

  it('singleResult gives the one entry as an object, null for no result, fails for two', () => {
    expect(mapDecisionResult(result([{ a: 1, b: 2 }]), 'singleResult')).toEqual({
      ok: true,
      value: { a: 1, b: 2 },
    });
    expect(mapDecisionResult(result([]), 'singleResult')).toEqual({ ok: true, value: null });
    expect(mapDecisionResult(result([{ a: 1 }, { a: 2 }]), 'singleResult').ok).toBe(false);
  });

  it('collectEntries gives the values of the single output as a list, and fails for two outputs', () => {
    expect(mapDecisionResult(result([{ out: 'a' }, { out: 'b' }, {}]), 'collectEntries')).toEqual({
      ok: true,
      value: ['a', 'b'],
    });
    expect(mapDecisionResult(result([]), 'collectEntries')).toEqual({ ok: true, value: [] });
    const wide = mapDecisionResult(result([{ a: 1, b: 2 }]), 'collectEntries');
    expect(!wide.ok && wide.message).toContain("map it with 'resultList' instead");
  });

  it('resultList gives every entry', () => {
    expect(mapDecisionResult(result([{ a: 1, b: 2 }, { a: 3 }]), 'resultList')).toEqual({
      ok: true,
      value: [{ a: 1, b: 2 }, { a: 3 }],
    });
    expect(mapDecisionResult(result([]), 'resultList')).toEqual({ ok: true, value: [] });
  });
});

describe('Camunda 8 result', () => {
  it('a single output gives its value; several give a context with every output (null where empty)', () => {
    expect(camunda8Value(result([{ out: 7 }]))).toBe(7);
    expect(camunda8Value(result([{ a: 1 }], { outputNames: ['a', 'b'] }))).toEqual({ a: 1, b: null });
  });

  it('list hit policies give a list; no result gives null', () => {
    expect(camunda8Value(result([{ out: 1 }, { out: 2 }], { multiple: true }))).toEqual([1, 2]);
    expect(camunda8Value(result([], { multiple: true }))).toBeNull();
    expect(camunda8Value(result([]))).toBeNull();
  });

  it('a literal expression gives its value', () => {
    expect(camunda8Value(result([{ x: 'v' }], { kind: 'literalExpression', outputNames: ['x'] }))).toBe('v');
  });
});

describe('what a required decision offers (Camunda 7)', () => {
  it('each output of a single result by name; lists of them for several results', () => {
    expect(outputVariables(result([{ a: 1, b: 2 }]))).toEqual({ a: 1, b: 2 });
    expect(outputVariables(result([{ a: 1 }, { a: 2, b: 3 }], { multiple: true }))).toEqual({
      a: [1, 2],
      b: [3],
    });
    expect(outputVariables(result([]))).toEqual({});
  });
});
