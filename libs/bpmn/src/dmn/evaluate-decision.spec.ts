import { describe, expect, it } from '@jest/globals';
import {
  decisionTable,
  dmnDocument,
  literalDecision,
  type TableSpec,
} from '../../../../test/support/dmn-xml.js';
import { compileDmn } from './compile-dmn.js';
import { camunda8Value } from './decision-result.js';
import type { ExecutableDecisions } from './decision-model.js';
import { evaluateDecision } from './evaluate-decision.js';

async function compiled(decisions: string): Promise<ExecutableDecisions> {
  const { model, findings } = await compileDmn(dmnDocument(decisions));
  if (!model) throw new Error(findings.map((finding) => finding.message).join('\n'));
  return model;
}

/** Evaluates a one-table document and gives the Camunda 7 entries with the rules used, or the failure message. */
async function table(spec: TableSpec, variables: Record<string, unknown>) {
  const evaluated = evaluateDecision(await compiled(decisionTable('d', spec)), 'd', variables);
  return evaluated.ok
    ? {
        entries: evaluated.result.entries,
        rules: evaluated.result.matchedRules,
        value: camunda8Value(evaluated.result),
      }
    : { failure: evaluated.message };
}

/** Scores by category; rules 1 and 2 overlap for category "a". */
const scores = (hitPolicy: string, aggregation?: string): TableSpec => ({
  hitPolicy,
  ...(aggregation ? { aggregation } : {}),
  inputs: ['category'],
  outputs: ['score'],
  rules: [
    { id: 'r1', when: ['"a"'], then: ['10'] },
    { id: 'r2', when: ['"a","b"'], then: ['20'] },
    { id: 'r3', when: ['-'], then: ['5'] },
  ],
});

describe('hit policies', () => {
  it('UNIQUE gives the one matching rule, or no result', async () => {
    const unique: TableSpec = {
      inputs: ['n'],
      outputs: ['size'],
      rules: [
        { when: ['< 10'], then: ['"small"'] },
        { when: ['>= 10'], then: ['"big"'] },
      ],
    };
    expect(await table(unique, { n: 3 })).toMatchObject({
      entries: [{ size: 'small' }],
      rules: ['d_r1'],
      value: 'small',
    });
    expect(await table(unique, { n: null })).toMatchObject({ entries: [], rules: [], value: null });
  });

  it('UNIQUE with two matches fails naming the decision and the rules', async () => {
    const outcome = await table(scores('UNIQUE'), { category: 'b' });
    expect(outcome.failure).toContain("Decision 'd' has the hit policy UNIQUE");
    expect(outcome.failure).toContain("2 did: 'r2', 'r3'");
  });

  it('FIRST gives the first matching rule in rule order', async () => {
    expect(await table(scores('FIRST'), { category: 'a' })).toMatchObject({
      entries: [{ score: 10 }],
      rules: ['r1'],
    });
  });

  it('ANY accepts several matches with equal outputs', async () => {
    const any: TableSpec = {
      hitPolicy: 'ANY',
      inputs: ['n'],
      outputs: ['ok'],
      rules: [
        { id: 'x', when: ['> 1'], then: ['true'] },
        { id: 'y', when: ['> 2'], then: ['true'] },
        { id: 'z', when: ['< 0'], then: ['false'] },
      ],
    };
    expect(await table(any, { n: 5 })).toMatchObject({ entries: [{ ok: true }], rules: ['x'], value: true });
  });

  it('ANY with different outputs fails naming the rules', async () => {
    const outcome = await table(scores('ANY'), { category: 'a' });
    expect(outcome.failure).toContain('hit policy ANY');
    expect(outcome.failure).toContain("'r1', 'r2', 'r3' give different outputs");
  });

  it('RULE ORDER gives every match in rule order, as a list', async () => {
    expect(await table(scores('RULE ORDER'), { category: 'a' })).toMatchObject({
      entries: [{ score: 10 }, { score: 20 }, { score: 5 }],
      rules: ['r1', 'r2', 'r3'],
      value: [10, 20, 5],
    });
  });

  it('COLLECT without aggregation gives every match', async () => {
    expect(await table(scores('COLLECT'), { category: 'b' })).toMatchObject({
      entries: [{ score: 20 }, { score: 5 }],
      value: [20, 5],
    });
  });

  const priorities: TableSpec = {
    inputs: ['amount'],
    outputs: [{ name: 'risk', values: '"high","medium","low"' }, 'reason'],
    rules: [
      { id: 'low', when: ['> 0'], then: ['"low"', '"positive"'] },
      { id: 'high', when: ['> 1000'], then: ['"high"', '"large"'] },
      { id: 'medium', when: ['> 100'], then: ['"medium"', '"notable"'] },
      { id: 'unlisted', when: ['> 5000'], then: ['"unknown"', '"huge"'] },
    ],
  };

  it('PRIORITY gives the match whose output comes first in the output values', async () => {
    expect(await table({ ...priorities, hitPolicy: 'PRIORITY' }, { amount: 2000 })).toMatchObject({
      entries: [{ risk: 'high', reason: 'large' }],
      rules: ['high'],
      value: { risk: 'high', reason: 'large' },
    });
  });

  it('OUTPUT ORDER sorts the matches by priority; a value not listed comes last', async () => {
    expect(await table({ ...priorities, hitPolicy: 'OUTPUT ORDER' }, { amount: 6000 })).toMatchObject({
      rules: ['high', 'medium', 'low', 'unlisted'],
    });
  });
});

describe('COLLECT aggregations', () => {
  it.each([
    ['SUM', 35],
    ['MIN', 5],
    ['MAX', 20],
    ['COUNT', 3],
  ])('%s over the matching rules gives %s', async (aggregation, expected) => {
    expect(await table(scores('COLLECT', aggregation), { category: 'a' })).toMatchObject({
      entries: [{ score: expected }],
      value: expected,
    });
  });

  it('COUNT over no match is 0; SUM over no match is no result', async () => {
    const none: TableSpec = { inputs: ['n'], outputs: ['v'], rules: [{ when: ['> 10'], then: ['1'] }] };
    expect(await table({ ...none, hitPolicy: 'COLLECT', aggregation: 'COUNT' }, { n: 1 })).toMatchObject({
      entries: [{ v: 0 }],
    });
    expect(await table({ ...none, hitPolicy: 'COLLECT', aggregation: 'SUM' }, { n: 1 })).toMatchObject({
      entries: [],
      value: null,
    });
  });

  it('MAX over texts compares them; SUM over texts fails naming the rules', async () => {
    const words: TableSpec = {
      inputs: ['n'],
      outputs: ['word'],
      rules: [
        { id: 'w1', when: ['-'], then: ['"apple"'] },
        { id: 'w2', when: ['-'], then: ['"pear"'] },
      ],
    };
    expect(await table({ ...words, hitPolicy: 'COLLECT', aggregation: 'MAX' }, { n: 1 })).toMatchObject({
      value: 'pear',
    });
    const outcome = await table({ ...words, hitPolicy: 'COLLECT', aggregation: 'SUM' }, { n: 1 });
    expect(outcome.failure).toContain("Decision 'd' aggregates output 'word' with SUM, which needs numbers");
    expect(outcome.failure).toContain("'w1', 'w2'");
  });
});

describe('decision tables', () => {
  it('test input entries as FEEL unary tests: ranges, lists, negation, comparisons with ?', async () => {
    const spec: TableSpec = {
      hitPolicy: 'FIRST',
      inputs: ['n'],
      outputs: ['kind'],
      rules: [
        { when: ['[1..3]'], then: ['"few"'] },
        { when: ['not(4, 5)'], then: ['"other"'] },
        { when: ['? > 4'], then: ['"never reached for 5"'] },
        { when: [''], then: ['"four or five"'] },
      ],
    };
    expect((await table(spec, { n: 2 })).value).toBe('few');
    expect((await table(spec, { n: 9 })).value).toBe('other');
    expect((await table(spec, { n: 5 })).value).toBe('never reached for 5');
    expect((await table(spec, { n: 4 })).value).toBe('four or five');
  });

  it('offer the input value under its camunda:inputVariable name and use variables in output entries', async () => {
    const spec: TableSpec = {
      inputs: [{ expression: 'order.total', inputVariable: 'total' }],
      outputs: ['discount'],
      rules: [{ when: ['total > limit'], then: ['order.total * rate'] }],
    };
    expect((await table(spec, { order: { total: 200 }, limit: 100, rate: 0.1 })).value).toBe(20);
  });

  it('evaluate JUEL input expressions and entries (cellInput) and FEEL outputs side by side', async () => {
    const spec: TableSpec = {
      inputs: [{ expression: '${amount}' }],
      outputs: ['band'],
      rules: [
        { when: ['${cellInput >= 100}'], then: ['"high"'] },
        { when: ['${cellInput < 100}'], then: ['"low"'] },
      ],
    };
    expect((await table(spec, { amount: 150 })).value).toBe('high');
  });

  it('leave an empty output entry out of the rule result', async () => {
    const spec: TableSpec = { inputs: ['n'], outputs: ['a', 'b'], rules: [{ when: ['-'], then: ['1', ''] }] };
    expect(await table(spec, { n: 0 })).toMatchObject({ entries: [{ a: 1 }], value: { a: 1, b: null } });
  });

  it('give the default output entries when no rule matches', async () => {
    const spec: TableSpec = {
      inputs: ['n'],
      outputs: [{ name: 'v', default: '"fallback"' }],
      rules: [{ when: ['> 5'], then: ['"big"'] }],
    };
    expect(await table(spec, { n: 1 })).toMatchObject({ entries: [{ v: 'fallback' }], rules: [] });
  });

  it("convert values to the input's and output's typeRef, and refuse what does not convert", async () => {
    const spec: TableSpec = {
      inputs: [{ expression: 'count', typeRef: 'integer' }],
      outputs: [{ name: 'label', typeRef: 'string' }],
      rules: [{ when: ['> 2'], then: ['count'] }],
    };
    expect((await table(spec, { count: '7' })).value).toBe('7');
    const outcome = await table(spec, { count: '2.5' });
    expect(outcome.failure).toContain("input 'd_in1'");
    expect(outcome.failure).toContain('to be a whole number (typeRef \'integer\'), but it was "2.5"');
  });

  it('report a failing input expression with the decision and the expression', async () => {
    const spec: TableSpec = { inputs: ['${missing}'], outputs: ['v'], rules: [{ when: ['-'], then: ['1'] }] };
    const outcome = await table(spec, {});
    expect(outcome.failure).toContain("Failed to evaluate the input expression '${missing}'");
    expect(outcome.failure).toContain("decision 'd'");
  });

  it('report a failing output entry with its rule', async () => {
    const spec: TableSpec = {
      inputs: ['n'],
      outputs: ['v'],
      rules: [{ id: 'bad', when: ['-'], then: ['n + "x"'] }],
    };
    const outcome = await table(spec, { n: 1 });
    expect(outcome.failure ?? '').toContain("rule 'bad'");
  });

  it('treat a missing variable as null, which matches no test but -', async () => {
    const spec: TableSpec = {
      hitPolicy: 'COLLECT',
      inputs: ['unknown'],
      outputs: ['v'],
      rules: [
        { when: ['> 1'], then: ['1'] },
        { when: ['-'], then: ['2'] },
      ],
    };
    expect((await table(spec, {})).value).toEqual([2]);
  });
});

describe('literal expression decisions', () => {
  it('give their value under the variable name (Camunda 7) and as the value itself (Camunda 8)', async () => {
    const model = await compiled(
      literalDecision('greeting', '"Hej " + name', { variable: 'text', typeRef: 'string' }),
    );
    const evaluated = evaluateDecision(model, 'greeting', { name: 'Aarhus' });
    expect(evaluated.ok && evaluated.result.entries).toEqual([{ text: 'Hej Aarhus' }]);
    expect(evaluated.ok && camunda8Value(evaluated.result)).toBe('Hej Aarhus');
  });

  it('name the decision when the expression fails', async () => {
    const model = await compiled(literalDecision('broken', '${nope}'));
    const evaluated = evaluateDecision(model, 'broken', {});
    expect(!evaluated.ok && evaluated.message).toContain("literal expression '${nope}' of decision 'broken'");
  });
});

describe('required decisions', () => {
  const documents = [
    decisionTable('category', {
      inputs: [{ expression: 'income', typeRef: 'number' }],
      outputs: ['band'],
      rules: [
        { when: ['< 300000'], then: ['"low"'] },
        { when: ['>= 300000'], then: ['"high"'] },
      ],
    }),
    literalDecision('rate', 'if band = "low" then 0.3 else 0.4', {
      variable: 'taxRate',
      requires: ['category'],
    }),
    // Camunda 8 style: the required decision's result by its id; Camunda 7 style: the output by its name.
    literalDecision('tax', 'income * taxRate + (if category = band then 0 else 1)', {
      requires: ['rate', 'category'],
    }),
  ].join('\n');

  it('are evaluated first and offered by result name and by output name', async () => {
    const model = await compiled(documents);
    const evaluated = evaluateDecision(model, 'tax', { income: 100000 });
    expect(evaluated.ok && camunda8Value(evaluated.result)).toBe(30000);
  });

  it('pass their failure on, naming the decision that needed them', async () => {
    const model = await compiled(documents);
    const evaluated = evaluateDecision(model, 'tax', { income: 'lots' });
    expect(evaluated.ok).toBe(false);
    expect(!evaluated.ok && evaluated.message).toMatch(
      /in decision 'category': .* but it was "lots", required by decision 'rate', required by decision 'tax'$/,
    );
  });

  it('refuse an unknown decision id', async () => {
    const evaluated = evaluateDecision(await compiled(documents), 'nope', {});
    expect(!evaluated.ok && evaluated.message).toContain(
      "Expected a decision 'nope' in the DMN document 'decisions'",
    );
  });

  it('stop at a cycle in a hand-made model instead of recursing', () => {
    const model: ExecutableDecisions = {
      id: 'hand-made',
      decisions: {
        a: {
          id: 'a',
          resultName: 'a',
          requiredDecisions: ['b'],
          logic: { kind: 'literalExpression', expression: { language: 'feel', source: '1' } },
        },
        b: {
          id: 'b',
          resultName: 'b',
          requiredDecisions: ['a'],
          logic: { kind: 'literalExpression', expression: { language: 'feel', source: '2' } },
        },
      },
    };
    const evaluated = evaluateDecision(model, 'a', {});
    expect(!evaluated.ok && evaluated.message).toContain('requires itself');
  });
});
