import { describe, expect, it } from '@jest/globals';
import { compileBpmn } from '#bpmn';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { describeScenarios } from '../support/scenario.js';
import { businessRuleTaskScenarios } from './scenarios/business-rule-task.scenarios.js';

describeScenarios('business rule tasks', businessRuleTaskScenarios);

describe('business rule tasks at validation', () => {
  const findingsOf = async (task: string, dialect: 'camunda7' | 'camunda8' = 'camunda7') =>
    (
      await compileBpmn(
        bpmnDocument(
          `<bpmn:startEvent id="start" />${task}<bpmn:endEvent id="end" />${chain('start', 'decide', 'end')}`,
          { dialect },
        ),
      )
    ).findings.filter((finding) => finding.severity === 'error');

  it('compiles a camunda:decisionRef into a decision definition', async () => {
    const { model } = await compileBpmn(
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:businessRuleTask id="decide" camunda:decisionRef="dish" camunda:decisionRefBinding="version" camunda:decisionRefVersion="\${v}" camunda:mapDecisionResult="resultList" camunda:resultVariable="dishes" /><bpmn:endEvent id="end" />${chain('start', 'decide', 'end')}`,
      ),
    );
    expect(model?.processes[0].elements.decide.decision).toEqual({
      decisionId: { language: 'literal', source: 'dish' },
      binding: 'version',
      version: { language: 'juel', source: '${v}' },
      resultVariable: 'dishes',
      resultMapping: 'resultList',
    });
  });

  it('compiles a zeebe:calledDecision with the Camunda 8 result rule', async () => {
    const { model } = await compileBpmn(
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:businessRuleTask id="decide"><bpmn:extensionElements><zeebe:calledDecision decisionId="=kind" resultVariable="out" /></bpmn:extensionElements></bpmn:businessRuleTask><bpmn:endEvent id="end" />${chain('start', 'decide', 'end')}`,
        { dialect: 'camunda8' },
      ),
    );
    expect(model?.processes[0].elements.decide.decision).toEqual({
      decisionId: { language: 'feel', source: 'kind' },
      binding: 'latest',
      resultVariable: 'out',
      resultMapping: 'camunda8',
    });
  });

  it.each([
    [
      'camunda:decisionRef="d" camunda:mapDecisionResult="firstEntry"',
      'invalid-decision-reference',
      'expected one of singleEntry, singleResult, collectEntries, resultList',
    ],
    ['camunda:decisionRef="d" camunda:decisionRefBinding="newest"', 'invalid-decision-reference', 'newest'],
    [
      'camunda:decisionRef="d" camunda:decisionRefBinding="version"',
      'invalid-decision-reference',
      'camunda:decisionRefVersion',
    ],
    [
      'camunda:decisionRef="d" camunda:decisionRefBinding="version" camunda:decisionRefVersion="two"',
      'invalid-decision-reference',
      'a version number',
    ],
    ['camunda:decisionRef="d" camunda:decisionRefTenantId="t1"', 'unsupported-element', 'tenant'],
    [
      'camunda:decisionRef="d" camunda:type="external" camunda:topic="x"',
      'conflicting-implementation',
      'keep one',
    ],
    ['camunda:decisionRef="${d" camunda:resultVariable="x"', 'invalid-expression', 'the decision id'],
    ['', 'missing-implementation', 'a DMN decision (camunda:decisionRef'],
  ])('refuses <businessRuleTask %s> (%s)', async (attributes, rule, text) => {
    const findings = await findingsOf(`<bpmn:businessRuleTask id="decide" ${attributes} />`);
    expect(findings).toEqual([
      expect.objectContaining({ rule, elementId: 'decide', message: expect.stringContaining(text) }),
    ]);
  });

  it.each([
    ['<zeebe:calledDecision resultVariable="x" />', 'missing-implementation', 'without a decisionId'],
    ['<zeebe:calledDecision decisionId="d" />', 'missing-implementation', 'without a resultVariable'],
    [
      '<zeebe:calledDecision decisionId="d" resultVariable="x" /><zeebe:taskDefinition type="t" />',
      'conflicting-implementation',
      'not both',
    ],
  ])('refuses a Camunda 8 business rule task with %s (%s)', async (extensions, rule, text) => {
    const findings = await findingsOf(
      `<bpmn:businessRuleTask id="decide"><bpmn:extensionElements>${extensions}</bpmn:extensionElements></bpmn:businessRuleTask>`,
      'camunda8',
    );
    expect(findings).toEqual([
      expect.objectContaining({ rule, elementId: 'decide', message: expect.stringContaining(text) }),
    ]);
  });
});
