import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { compileDmn } from './compile-dmn.js';
import { mapDecisionResult } from './decision-result.js';
import { evaluateDecision } from './evaluate-decision.js';

/** Camunda's own example (DMN 1.1): "beverages" (COLLECT) requires "dish" (UNIQUE), whose output is desiredDish. */
const xml = await readFile(
  new URL('../../../../test/fixtures/camunda-examples/dinnerDecisions.dmn', import.meta.url),
  'utf8',
);

describe("Camunda's dinner decisions", () => {
  it('compile, read as DMN 1.3, with both decisions and the requirement', async () => {
    const { model, findings } = await compileDmn(xml);
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(model?.id).toBe('dinnerDecisions');
    expect(Object.keys(model?.decisions ?? {}).sort()).toEqual(['beverages', 'dish']);
    expect(model?.decisions.beverages).toMatchObject({
      requiredDecisions: ['dish'],
      logic: { kind: 'decisionTable', hitPolicy: 'COLLECT' },
    });
    expect(model?.decisions.dish.logic).toMatchObject({ kind: 'decisionTable', hitPolicy: 'UNIQUE' });
  });

  it.each([
    [{ season: 'Fall', guestCount: 4 }, 'Spareribs', ['Aecht Schlenkerla Rauchbier', 'Water']],
    [
      { season: 'Winter', guestCount: 8, guestsWithChildren: true },
      'Roastbeef',
      ['Bordeaux', 'Apple Juice', 'Water'],
    ],
    [{ season: 'Spring', guestCount: 3 }, 'Dry Aged Gourmet Steak', ['Pinot Noir', 'Water']],
    [{ season: 'Spring', guestCount: 6 }, 'Steak', ['Pinot Noir', 'Water']],
    [{ season: 'Winter', guestCount: 10, guestsWithChildren: false }, 'Stew', ['Guiness', 'Water']],
    [
      { season: 'Summer', guestCount: 30, guestsWithChildren: true },
      'Light Salad and a nice Steak',
      ['Pinot Noir', 'Apple Juice', 'Water'],
    ],
  ])('%j → dish %s, beverages %j', async (variables, dish, beverages) => {
    const { model } = await compileDmn(xml);
    if (!model) throw new Error('the fixture does not compile');
    const evaluatedDish = evaluateDecision(model, 'dish', variables);
    expect(evaluatedDish.ok && mapDecisionResult(evaluatedDish.result, 'singleEntry')).toEqual({
      ok: true,
      value: dish,
    });
    const evaluated = evaluateDecision(model, 'beverages', variables);
    if (!evaluated.ok) throw new Error(evaluated.message);
    expect(mapDecisionResult(evaluated.result, 'collectEntries')).toEqual({ ok: true, value: beverages });
    expect(mapDecisionResult(evaluated.result, 'camunda8')).toEqual({ ok: true, value: beverages });
  });

  it('no dish for an unknown season leaves beverages with what does not depend on it', async () => {
    const { model } = await compileDmn(xml);
    if (!model) throw new Error('the fixture does not compile');
    const evaluated = evaluateDecision(model, 'beverages', { season: 'Monsoon', guestCount: 4 });
    expect(evaluated.ok && evaluated.result.entries).toEqual([{ beverages: 'Water' }]);
  });
});
