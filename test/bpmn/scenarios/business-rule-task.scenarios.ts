import { expect } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import { decisionTable, dmnDocument, literalDecision } from '../../support/dmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

const dinnerDecisions = await readFile(
  new URL('../../fixtures/camunda-examples/dinnerDecisions.dmn', import.meta.url),
  'utf8',
);

/** Approval by amount: UNIQUE, but the rules overlap at exactly 1000 — a hit-policy violation waiting to happen. */
const approval = dmnDocument(
  decisionTable('approval', {
    inputs: [{ expression: 'amount', typeRef: 'number' }],
    outputs: ['approver'],
    rules: [
      { id: 'small', when: ['<= 1000'], then: ['"clerk"'] },
      { id: 'large', when: ['>= 1000'], then: ['"manager"'] },
    ],
  }),
);

/** Two outputs per rule, and a COLLECT table over the same input. */
const benefits = dmnDocument(
  [
    decisionTable('benefit', {
      inputs: ['age'],
      outputs: ['kind', 'monthly'],
      rules: [
        { when: ['< 18'], then: ['"child"', '1200'] },
        { when: ['>= 18'], then: ['"adult"', '800'] },
      ],
    }),
    decisionTable('documents', {
      hitPolicy: 'COLLECT',
      inputs: ['age'],
      outputs: ['document'],
      rules: [
        { when: ['-'], then: ['"application"'] },
        { when: ['< 18'], then: ['"guardian consent"'] },
        { when: ['> 150'], then: ['"impossible"'] },
      ],
    }),
  ].join('\n'),
);

const ruleTask = (attributes: string, body = '') =>
  bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:businessRuleTask id="decide" ${attributes}>${body}</bpmn:businessRuleTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'decide', 'end')}`);

const zeebeRuleTask = (decisionId: string, resultVariable: string) =>
  bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      <bpmn:businessRuleTask id="decide">
        <bpmn:extensionElements><zeebe:calledDecision decisionId="${decisionId}" resultVariable="${resultVariable}" /></bpmn:extensionElements>
      </bpmn:businessRuleTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'decide', 'end')}`,
    { dialect: 'camunda8' },
  );

const camunda7Scenarios: Scenario[] = [
  {
    name: 'a Camunda 7 business rule task evaluates its decision and stores the single entry in its result variable',
    xml: ruleTask(
      'camunda:decisionRef="approval" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="approver"',
    ),
    dmn: [approval],
    when(h) {
      h.start({ variables: { amount: 250 } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['decide', 'end', 'start']);
      expect(h.variables()).toEqual({ amount: 250, approver: 'clerk' });
    },
  },
  {
    name: 'without camunda:mapDecisionResult the result variable holds the result list, as in Camunda 7',
    xml: ruleTask('camunda:decisionRef="approval" camunda:resultVariable="approval"'),
    dmn: [approval],
    when(h) {
      h.start({ variables: { amount: 5000 } });
    },
    then(h) {
      expect(h.variables().approval).toEqual([{ approver: 'manager' }]);
    },
  },
  {
    name: "Camunda's dinner decisions: beverages requires dish, collected with mapDecisionResult collectEntries",
    xml: ruleTask(
      'camunda:decisionRef="beverages" camunda:mapDecisionResult="collectEntries" camunda:resultVariable="beverages"',
    ),
    dmn: [dinnerDecisions],
    when(h) {
      h.start({ variables: { season: 'Winter', guestCount: 6, guestsWithChildren: true } });
    },
    then(h) {
      expect(h.variables().beverages).toEqual(['Bordeaux', 'Apple Juice', 'Water']);
    },
  },
  {
    name: 'a UNIQUE violation is an incident naming task, decision and rules; fixing the variables and resolving evaluates again',
    xml: ruleTask(
      'camunda:decisionRef="approval" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="approver"',
    ),
    dmn: [approval],
    when(h) {
      h.start({ variables: { amount: 1000 } });
      expect(h.status()).toBe('active');
      const [incident] = h.incidents();
      expect(incident).toMatchObject({ elementId: 'decide', type: 'expression-failed' });
      expect(incident.message).toContain("business rule task 'decide'");
      expect(incident.message).toContain("decision 'approval'");
      expect(incident.message).toContain('UNIQUE');
      expect(incident.message).toContain("'small', 'large'");
      h.setVariables({ amount: 1001 });
      h.resolveIncident('decide');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.incidents()).toEqual([]);
      expect(h.variables()).toEqual({ amount: 1001, approver: 'manager' });
    },
  },
  {
    name: 'singleResult keeps both outputs as an object; an output mapping picks from it and only the mapped value leaves',
    xml: ruleTask(
      'camunda:decisionRef="benefit" camunda:mapDecisionResult="singleResult" camunda:resultVariable="benefit"',
      '<bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="monthly">${benefit.monthly}</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements>',
    ),
    dmn: [benefits],
    when(h) {
      h.start({ variables: { age: 12 } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.variables()).toEqual({ age: 12, monthly: 1200 });
    },
  },
  {
    name: 'resultList gives every matched rule as an object, in rule order',
    xml: ruleTask(
      'camunda:decisionRef="documents" camunda:mapDecisionResult="resultList" camunda:resultVariable="documents"',
    ),
    dmn: [benefits],
    when(h) {
      h.start({ variables: { age: 12 } });
    },
    then(h) {
      expect(h.variables().documents).toEqual([
        { document: 'application' },
        { document: 'guardian consent' },
      ]);
    },
  },
  {
    name: 'singleEntry over a result with two outputs does not fit: an incident that says which mapping to use',
    xml: ruleTask(
      'camunda:decisionRef="benefit" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="benefit"',
    ),
    dmn: [benefits],
    when(h) {
      h.start({ variables: { age: 40 } });
    },
    then(h) {
      const [incident] = h.incidents();
      expect(incident.elementId).toBe('decide');
      expect(incident.message).toContain("'singleEntry'");
      expect(incident.message).toContain("'kind', 'monthly'");
      expect(incident.message).toContain("'singleResult'");
      expect(h.variables()).toEqual({ age: 40 });
    },
  },
  {
    name: 'the decision is named by an expression and bound to version 1 of two deployed versions',
    xml: ruleTask(
      'camunda:decisionRef="${which}" camunda:decisionRefBinding="version" camunda:decisionRefVersion="1" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="answer"',
    ),
    dmn: [
      dmnDocument(literalDecision('answer', '"first"'), { id: 'v1' }),
      dmnDocument(literalDecision('answer', '"second"'), { id: 'v2' }),
    ],
    when(h) {
      h.start({ variables: { which: 'answer' } });
    },
    then(h) {
      expect(h.variables().answer).toBe('first');
    },
  },
  {
    name: 'without a binding the latest version is evaluated (a literal expression with a JUEL body)',
    xml: ruleTask(
      'camunda:decisionRef="answer" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="answer"',
    ),
    dmn: [
      dmnDocument(literalDecision('answer', '"first"'), { id: 'v1' }),
      dmnDocument(literalDecision('answer', '${prefix}-second', { language: 'juel' }), { id: 'v2' }),
    ],
    when(h) {
      h.start({ variables: { prefix: 'the' } });
    },
    then(h) {
      expect(h.variables().answer).toBe('the-second');
    },
  },
  {
    name: 'a decision that is not deployed is an incident naming the task and the decision',
    xml: ruleTask('camunda:decisionRef="nowhere" camunda:resultVariable="x"'),
    dmn: [approval],
    when(h) {
      h.start();
    },
    then(h) {
      const [incident] = h.incidents();
      expect(incident.elementId).toBe('decide');
      expect(incident.message).toContain("decision 'nowhere' (latest)");
      expect(incident.message).toContain("business rule task 'decide'");
      expect(h.status()).toBe('active');
    },
  },
  {
    name: 'a Camunda 7 business rule task with an external task topic still waits for its worker',
    xml: ruleTask('camunda:type="external" camunda:topic="rules"'),
    when(h) {
      h.start();
      expect(h.waiting('job')).toEqual(['decide']);
      h.completeJob('decide', { approved: true });
    },
    then(h) {
      expect(h.variables()).toEqual({ approved: true });
    },
  },
];

const camunda8Scenarios: Scenario[] = [
  {
    name: 'a Camunda 8 called decision with one output stores the value itself',
    xml: zeebeRuleTask('approval', 'approver'),
    dmn: [approval],
    when(h) {
      h.start({ variables: { amount: 5000 } });
    },
    then(h) {
      expect(h.variables()).toEqual({ amount: 5000, approver: 'manager' });
    },
  },
  {
    name: 'a Camunda 8 called decision with several outputs stores a context of them',
    xml: zeebeRuleTask('benefit', 'benefit'),
    dmn: [benefits],
    when(h) {
      h.start({ variables: { age: 30 } });
    },
    then(h) {
      expect(h.variables().benefit).toEqual({ kind: 'adult', monthly: 800 });
    },
  },
  {
    name: 'a Camunda 8 COLLECT decision gives a list; the dinner decisions run with their requirement',
    xml: zeebeRuleTask('beverages', 'beverages'),
    dmn: [dinnerDecisions],
    when(h) {
      h.start({ variables: { season: 'Fall', guestCount: 4 } });
    },
    then(h) {
      expect(h.variables().beverages).toEqual(['Aecht Schlenkerla Rauchbier', 'Water']);
    },
  },
  {
    name: 'a Camunda 8 decision where no rule matches gives null',
    xml: zeebeRuleTask('dish', 'dish'),
    dmn: [dinnerDecisions],
    when(h) {
      h.start({ variables: { season: 'Monsoon', guestCount: 4 } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.variables().dish).toBeNull();
    },
  },
  {
    name: 'a Camunda 8 UNIQUE violation is an incident; resolving after fixing the variables completes the task',
    xml: zeebeRuleTask('approval', 'approver'),
    dmn: [approval],
    when(h) {
      h.start({ variables: { amount: 1000 } });
      expect(h.incidents()[0].message).toContain("'small', 'large'");
      h.setVariables({ amount: 10 });
      h.resolveIncident('decide');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.variables()).toEqual({ amount: 10, approver: 'clerk' });
    },
  },
  {
    name: 'a job-based Camunda 8 business rule task still waits for its worker',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:businessRuleTask id="decide">
        <bpmn:extensionElements><zeebe:taskDefinition type="rules" /></bpmn:extensionElements>
      </bpmn:businessRuleTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'decide', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start();
      expect(h.waiting('job')).toEqual(['decide']);
      h.completeJob('decide', { approved: false });
    },
    then(h) {
      expect(h.variables()).toEqual({ approved: false });
    },
  },
];

export const businessRuleTaskScenarios: Scenario[] = [...camunda7Scenarios, ...camunda8Scenarios];
