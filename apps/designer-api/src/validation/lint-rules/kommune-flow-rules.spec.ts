import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { parseBpmn, type Finding } from '#bpmn';
import { lintBpmn } from '../bpmn-lint.js';
import { KOMMUNE_FLOW_RULES } from './kommune-flow-rules.js';

async function lint(xml: string): Promise<Finding[]> {
  const parsed = await parseBpmn(xml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.findings));
  return lintBpmn(parsed.parsed);
}

const fixture = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/** Each rule's invalid fixture, and the elements it must be reported for. */
const REPORTED: Record<string, string[]> = {
  'user-task-assignment': ['nobodysTask'],
  'timer-fixed-date': ['fixedDate'],
  'message-correlation-key': ['signed', 'receipt'],
  'message-wait-without-timeout': ['waitForReceipt', 'waitForAnswer'],
  'history-time-to-live': ['keptByDefault'],
};

describe('our bpmnlint rules (kommune-flow/*), each against its valid and invalid fixture', () => {
  it('has a fixture pair and an expectation for every rule', () => {
    expect(Object.keys(REPORTED).sort()).toEqual(Object.keys(KOMMUNE_FLOW_RULES).sort());
  });

  it.each(Object.entries(REPORTED))('%s: reports the invalid model, not the valid one', async (rule, ids) => {
    const ofRule = (findings: Finding[]) =>
      findings.filter((finding) => finding.rule === `kommune-flow/${rule}`);
    expect(ofRule(await lint(fixture(`${rule}.valid.bpmn`)))).toEqual([]);
    const reported = ofRule(await lint(fixture(`${rule}.invalid.bpmn`)));
    expect(reported.map((finding) => finding.elementId).sort()).toEqual([...ids].sort());
    const severity = KOMMUNE_FLOW_RULES[rule].severity === 'error' ? 'error' : 'warning';
    for (const finding of reported) {
      expect(finding).toMatchObject({ severity, elementIds: [finding.elementId] });
      expect(finding.message).toContain(finding.elementId);
    }
  });
});

describe('bpmnlint as tuned for process owners', () => {
  const modelsIn = (folder: URL) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.bpmn'))
      .map((name) => [name, readFileSync(new URL(name, folder), 'utf8')] as const);
  /** Camunda's examples keep demo wait states in user tasks nobody is assigned to; our rule says so, rightly. */
  const UNASSIGNED_DEMO_TASKS: Record<string, string[]> = {
    'asynchronousServiceInvocation.bpmn': ['waitStateBefore', 'waitStateAfter'],
    'instantiating_process.bpmn': ['UserTask_1'],
    'message_start_process.bpmn': ['UserTask_1'],
    'subProcess.bpmn': ['UserTask_0zlyiaz'],
  };

  it.each(modelsIn(new URL('../../../../../test/fixtures/camunda-examples/', import.meta.url)))(
    "reports nothing of bpmnlint's for Camunda's example %s, drawn in Camunda Modeler",
    async (name, xml) => {
      const findings = await lint(xml);
      expect(findings.filter((finding) => finding.rule !== 'kommune-flow/user-task-assignment')).toEqual([]);
      expect(findings.map((finding) => finding.elementId)).toEqual(UNASSIGNED_DEMO_TASKS[name] ?? []);
    },
  );

  it.each(modelsIn(new URL('../../../../../examples/', import.meta.url)))(
    'reports nothing for our example %s',
    async (_name, xml) => {
      expect(await lint(xml)).toEqual([]);
    },
  );

  it("reports bpmnlint's recommended rules as warnings named bpmnlint/<rule>", async () => {
    const findings = await lint(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:task id="lonely" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`);
    expect(findings).toContainEqual({
      severity: 'warning',
      rule: 'bpmnlint/no-disconnected',
      message: 'Element is not connected',
      elementId: 'lonely',
      elementIds: ['lonely'],
    });
    // Flows written without <incoming>/<outgoing> still connect start and end.
    expect(
      findings.filter((finding) => finding.elementId === 'start' || finding.elementId === 'end'),
    ).toEqual([]);
  });
});
