import { describe, expect, it } from '@jest/globals';
import { decisionTable, dmnDocument, literalDecision } from '../../../../test/support/dmn-xml.js';
import { compileDmn } from './compile-dmn.js';

const errorsOf = async (xml: string) =>
  (await compileDmn(xml)).findings.filter((finding) => finding.severity === 'error');

const simple = (id: string, extra: Partial<Parameters<typeof decisionTable>[1]> = {}) =>
  decisionTable(id, { inputs: ['x'], outputs: ['y'], rules: [{ when: ['1'], then: ['"one"'] }], ...extra });

describe('compileDmn', () => {
  it('compiles a table into plain JSON with FEEL as the default language', async () => {
    const { model, findings } = await compileDmn(
      dmnDocument(
        decisionTable('d', {
          name: 'Size',
          hitPolicy: 'COLLECT',
          aggregation: 'SUM',
          inputs: [{ expression: 'n', typeRef: 'integer', inputVariable: 'value' }],
          outputs: [{ name: 'points', typeRef: 'integer' }],
          rules: [{ id: 'r', when: ['-'], then: ['${n * 2}'] }],
          versionTag: 'v7',
        }),
      ),
    );
    expect(findings).toEqual([]);
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
    expect(model?.decisions.d).toEqual({
      id: 'd',
      name: 'Size',
      resultName: 'd',
      requiredDecisions: [],
      versionTag: 'v7',
      logic: {
        kind: 'decisionTable',
        hitPolicy: 'COLLECT',
        aggregation: 'SUM',
        inputs: [
          {
            id: 'd_in1',
            expression: { language: 'feel', source: 'n' },
            typeRef: 'integer',
            inputVariable: 'value',
          },
        ],
        outputs: [{ id: 'd_out1', name: 'points', typeRef: 'integer' }],
        rules: [{ id: 'r', inputEntries: [null], outputEntries: [{ language: 'juel', source: '${n * 2}' }] }],
      },
    });
  });

  it('reports XML that does not parse with its line and column', async () => {
    const findings = await errorsOf(
      '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/">\n<decision id="a">\n</definitions>',
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'xml-parse', line: 3, column: expect.any(Number) }),
    ]);
  });

  it('refuses a document that is not DMN, and DOCTYPE declarations', async () => {
    expect(
      await errorsOf('<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" />'),
    ).toEqual([
      expect.objectContaining({
        rule: 'xml-parse',
        message: expect.stringContaining('Expected a well-formed DMN document'),
      }),
    ]);
    expect(await errorsOf('<!DOCTYPE x [<!ENTITY e "x">]><definitions />')).toEqual([
      expect.objectContaining({ rule: 'xml-doctype', line: 1, column: 1 }),
    ]);
  });

  it('refuses unknown elements, which would otherwise be dropped', async () => {
    const findings = await errorsOf(dmnDocument(`${simple('a')}<surprise />`));
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'xml-content-dropped', line: expect.any(Number) }),
    ]);
  });

  it('refuses an unknown hit policy and misplaced aggregations by decision id', async () => {
    expect(await errorsOf(dmnDocument(simple('a', { hitPolicy: 'SOMETIMES' })))).toEqual([
      expect.objectContaining({
        rule: 'unknown-hit-policy',
        elementId: 'a',
        message: expect.stringContaining("'SOMETIMES'"),
      }),
    ]);
    expect(await errorsOf(dmnDocument(simple('a', { hitPolicy: 'FIRST', aggregation: 'SUM' })))).toEqual([
      expect.objectContaining({
        rule: 'invalid-decision-table',
        message: expect.stringContaining('aggregations go with COLLECT only'),
      }),
    ]);
    expect(await errorsOf(dmnDocument(simple('a', { hitPolicy: 'COLLECT', aggregation: 'AVG' })))).toEqual([
      expect.objectContaining({ rule: 'invalid-decision-table', message: expect.stringContaining("'AVG'") }),
    ]);
  });

  it('refuses PRIORITY without output values and an aggregation over two outputs', async () => {
    expect(await errorsOf(dmnDocument(simple('a', { hitPolicy: 'PRIORITY' })))).toEqual([
      expect.objectContaining({
        rule: 'invalid-decision-table',
        message: expect.stringContaining('outputValues'),
      }),
    ]);
    const two = decisionTable('a', {
      hitPolicy: 'COLLECT',
      aggregation: 'MAX',
      inputs: ['x'],
      outputs: ['p', 'q'],
      rules: [{ when: ['-'], then: ['1', '2'] }],
    });
    expect(await errorsOf(dmnDocument(two))).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('an aggregation needs exactly one output'),
      }),
    ]);
  });

  it('refuses FEEL that does not parse, naming decision, rule and entry', async () => {
    const findings = await errorsOf(
      dmnDocument(
        decisionTable('a', {
          inputs: ['x'],
          outputs: ['y'],
          rules: [{ id: 'r9', when: ['[1..'], then: ['"a" +'] }],
        }),
      ),
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'invalid-expression',
        elementIds: ['a', 'r9'],
        message: expect.stringContaining('valid FEEL unary tests'),
      }),
      expect.objectContaining({
        rule: 'invalid-expression',
        elementIds: ['a', 'r9'],
        message: expect.stringContaining("output entry for output 'y' of rule 'r9'"),
      }),
    ]);
  });

  it('refuses expression languages other than FEEL and JUEL', async () => {
    const findings = await errorsOf(dmnDocument(literalDecision('a', 'x + 1', { language: 'javascript' })));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'unsupported-expression-language',
        elementId: 'a',
        message: expect.stringContaining("'javascript'"),
      }),
    ]);
  });

  it('refuses rules with the wrong number of entries and outputs without names', async () => {
    const findings = await errorsOf(
      dmnDocument(
        decisionTable('a', {
          inputs: ['x'],
          outputs: [{ typeRef: 'string' }, 'y'],
          rules: [{ id: 'r', when: ['1', '2'], then: ['1', '2'] }],
        }),
      ),
    );
    expect(findings.map((finding) => finding.message)).toEqual([
      expect.stringContaining('has no name'),
      expect.stringContaining(
        "Rule 'r' of decision 'a' has 2 input and 2 output entries, but the table has 1 inputs and 2 outputs",
      ),
    ]);
  });

  it('refuses a required decision that is not in the document, and a cycle of requirements', async () => {
    expect(await errorsOf(dmnDocument(simple('a', { requires: ['ghost'] })))).toEqual([
      expect.objectContaining({
        rule: 'missing-decision',
        elementId: 'a',
        message: expect.stringContaining("'ghost'"),
      }),
    ]);
    const cycle = [
      simple('a', { requires: ['b'] }),
      simple('b', { requires: ['c'] }),
      simple('c', { requires: ['a'] }),
    ];
    expect(await errorsOf(dmnDocument(cycle.join('\n')))).toEqual([
      expect.objectContaining({
        rule: 'decision-cycle',
        elementIds: ['a', 'b', 'c'],
        message: expect.stringContaining("'a' → 'b' → 'c' → 'a'"),
      }),
    ]);
  });

  it('refuses what it does not evaluate by name: knowledge models, services, boxed contexts, imports', async () => {
    const findings = await errorsOf(
      dmnDocument(`${simple('a')}
        <businessKnowledgeModel id="bkm" name="Rates" />
        <decisionService id="svc" />
        <decision id="ctx"><context /></decision>
        <decision id="empty" />`),
    );
    expect(findings.map((finding) => [finding.rule, finding.elementId])).toEqual([
      ['unsupported-element', 'bkm'],
      ['unsupported-element', 'svc'],
      ['unsupported-element', 'ctx'],
      ['missing-decision-logic', 'empty'],
    ]);
    expect(findings[0].message).toContain("Business knowledge model 'Rates' (bkm) cannot run");
  });

  it('refuses a document without decisions', async () => {
    expect(await errorsOf(dmnDocument('<inputData id="i" />'))).toEqual([
      expect.objectContaining({ rule: 'no-decision' }),
    ]);
  });

  it('reads DMN 1.2 like DMN 1.3', async () => {
    const xml = dmnDocument(simple('a')).replace(
      'https://www.omg.org/spec/DMN/20191111/MODEL/',
      'http://www.omg.org/spec/DMN/20180521/MODEL/',
    );
    expect((await compileDmn(xml)).model?.decisions.a).toBeDefined();
  });
});
