import { expect } from '@jest/globals';
import { typedValueOf, type TypedValue } from '#bpmn';
import { bpmnDocument, chain, flow } from '../../support/bpmn-xml.js';
import type { ProcessHarness } from '../../support/process-harness.js';
import type { Scenario } from '../../support/scenario.js';

/** The typed variables of the process scope. */
const processVariables = (h: ProcessHarness) => h.state().variables[h.state().rootKey];

/** An object serialized by a Camunda 7 Java client: opaque to the engine, kept exactly as it came. */
const javaObject: TypedValue = {
  type: 'Object',
  value: 'rO0ABXNyABNkay5rb21tdW5lLkNhc2VGaWxl',
  valueInfo: {
    objectTypeName: 'dk.kommune.CaseFile',
    serializationDataFormat: 'application/x-java-serialized-object',
  },
};

const scopeScenarios: Scenario[] = [
  {
    name: 'a worker without output mappings sets its variables on the innermost scope that has them, else on the process',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="drafting">
        <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="draft">v1</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
        <bpmn:startEvent id="subStart" />
        <bpmn:serviceTask id="edit" camunda:type="external" camunda:topic="edit" />
        <bpmn:userTask id="proofread" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'edit', 'proofread', 'subEnd')}
      </bpmn:subProcess>
      <bpmn:endEvent id="end" />
      ${chain('start', 'drafting', 'end')}`),
    when(h) {
      h.start({ variables: { caseId: 'C-1' } });
      h.completeJob('edit', { draft: 'v2', editor: 'jens' });
      const subProcessKey = h.state().elementInstances[h.wait('proofread').ownerKey].parentKey as string;
      expect(h.state().variables[subProcessKey]).toEqual({ draft: { type: 'String', value: 'v2' } });
      expect(h.variables()).toEqual({ caseId: 'C-1', editor: 'jens' });
      h.completeUserTask('proofread');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['drafting', 'edit', 'end', 'proofread', 'start', 'subEnd', 'subStart']);
      // The sub-process's local variable ended with it.
      expect(h.variables()).toEqual({ caseId: 'C-1', editor: 'jens' });
    },
  },
  {
    name: 'with output mappings only the mapped variables of a worker reach the process',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="charge" camunda:type="external" camunda:topic="charge">
        <bpmn:extensionElements><camunda:inputOutput><camunda:outputParameter name="receipt">\${receiptId}</camunda:outputParameter></camunda:inputOutput></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'charge', 'end')}`),
    when(h) {
      h.start({ variables: { debug: 'original' } });
      h.completeJob('charge', { receiptId: 'R-1', debug: 'from the worker' });
    },
    then(h) {
      expect(h.completed()).toEqual(['charge', 'end', 'start']);
      expect(h.variables()).toEqual({ debug: 'original', receipt: 'R-1' });
    },
  },
  {
    name: 'local variables of a trigger stay on the task and end with it',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="lookup" camunda:type="external" camunda:topic="lookup" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'lookup', 'end')}`),
    when(h) {
      h.start();
      const taskKey = h.wait('lookup', 'job').ownerKey;
      h.completeJobTyped('lookup', {
        variables: { name: typedValueOf('Anna') },
        localVariables: { attempt: typedValueOf(2) },
      });
      expect(h.events).toContainEqual({
        type: 'variable.set',
        scopeKey: taskKey,
        name: 'attempt',
        value: { type: 'Integer', value: 2 },
      });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'lookup', 'start']);
      expect(h.variables()).toEqual({ name: 'Anna' });
    },
  },
  {
    name: 'an operator removes a process variable; removing one that does not exist changes nothing',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'review', 'end')}`),
    when(h) {
      h.start({ variables: { caseId: 'C-1', draft: 'v1' } });
      h.removeVariables(['draft', 'neverSet']);
      expect(h.events).toContainEqual({
        type: 'variable.deleted',
        scopeKey: h.state().rootKey,
        name: 'draft',
        previous: { type: 'String', value: 'v1' },
      });
      expect(h.events.filter((event) => event.type === 'variable.deleted')).toHaveLength(1);
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.variables()).toEqual({ caseId: 'C-1' });
    },
  },
];

const typeScenarios: Scenario[] = [
  {
    name: 'variables keep their types: Integer, Long, Double, String, Boolean, Json, Null, Date and Object',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="fetch" camunda:type="external" camunda:topic="fetch" />
      <bpmn:userTask id="decide" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'fetch', 'decide', 'end')}`),
    when(h) {
      h.start({
        variables: {
          count: 5,
          big: 5000000000,
          rate: 1.5,
          name: 'Anna',
          approved: true,
          address: { city: 'Aarhus' },
          note: null,
        },
      });
      h.completeJobTyped('fetch', { variables: { caseFile: javaObject } });
      h.setVariables({ decidedAt: new Date('2026-01-05T09:30:00+01:00') });
      h.completeUserTask('decide');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['decide', 'end', 'fetch', 'start']);
      expect(processVariables(h)).toEqual({
        count: { type: 'Integer', value: 5 },
        big: { type: 'Long', value: 5000000000 },
        rate: { type: 'Double', value: 1.5 },
        name: { type: 'String', value: 'Anna' },
        approved: { type: 'Boolean', value: true },
        address: { type: 'Json', value: { city: 'Aarhus' } },
        note: { type: 'Null', value: null },
        caseFile: javaObject,
        decidedAt: { type: 'Date', value: '2026-01-05T08:30:00.000Z' },
      });
    },
  },
  {
    name: 'a mapping that only names a variable copies it with its type (Date and Object survive)',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="archive" camunda:type="external" camunda:topic="archive">
        <bpmn:extensionElements>
          <camunda:inputOutput>
            <camunda:inputParameter name="when">\${decidedAt}</camunda:inputParameter>
            <camunda:outputParameter name="archivedAt">=when</camunda:outputParameter>
            <camunda:outputParameter name="storedFile">\${caseFile}</camunda:outputParameter>
          </camunda:inputOutput>
        </bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'archive', 'end')}`),
    when(h) {
      h.start({ variables: { decidedAt: new Date('2026-01-05T09:30:00Z') } });
      h.completeJobTyped('archive', { variables: { caseFile: javaObject } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(processVariables(h).archivedAt).toEqual({ type: 'Date', value: '2026-01-05T09:30:00.000Z' });
      expect(processVariables(h).storedFile).toEqual(javaObject);
      // The worker's own result stayed on the task: only the mapped values left it.
      expect(processVariables(h).caseFile).toBeUndefined();
    },
  },
  {
    name: 'a FEEL script result gets the type of its value',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:scriptTask id="half" scriptFormat="feel" camunda:resultVariable="half"><bpmn:script>amount / 4</bpmn:script></bpmn:scriptTask>
      <bpmn:scriptTask id="grow" scriptFormat="feel" camunda:resultVariable="total"><bpmn:script>amount * 1000000000</bpmn:script></bpmn:scriptTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'half', 'grow', 'end')}`),
    when(h) {
      h.start({ variables: { amount: 10 } });
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'grow', 'half', 'start']);
      expect(processVariables(h)).toEqual({
        amount: { type: 'Integer', value: 10 },
        half: { type: 'Double', value: 2.5 },
        total: { type: 'Long', value: 10000000000 },
      });
    },
  },
];

const times = (id: string, count: number) => Array.from({ length: count }, () => id);

/** start → increment (counter + 1) → check: leaves when counter ≥ stop, else loops back; no wait state on the way. */
const loopXml = bpmnDocument(`
  <bpmn:startEvent id="start" />
  <bpmn:scriptTask id="increment" scriptFormat="feel" camunda:resultVariable="counter"><bpmn:script>counter + 1</bpmn:script></bpmn:scriptTask>
  <bpmn:exclusiveGateway id="check" default="f_again" />
  <bpmn:endEvent id="end" />
  ${chain('start', 'increment', 'check')}
  ${flow('f_done', 'check', 'end', '=counter >= stop')}
  ${flow('f_again', 'check', 'increment')}`);

const stepBudgetScenarios: Scenario[] = [
  {
    name: 'a loop without a wait state stops with a step-budget incident and stays active',
    xml: loopXml,
    maxSteps: 40,
    when(h) {
      expect(() => h.start({ variables: { counter: 0, stop: 1000000 } })).not.toThrow();
    },
    then(h) {
      expect(h.status()).toBe('active');
      const [incident] = h.incidents();
      expect(h.incidents()).toHaveLength(1);
      expect(incident.type).toBe('step-budget-exceeded');
      expect(incident.message).toMatch(
        /^Stopped after 40 steps without reaching a wait state, at '(check|increment)'/,
      );
      // The work left over is kept by the incident, not on the agenda.
      expect(h.state().agenda).toEqual([]);
      // 40 steps hold some ten rounds of the loop (the exact count depends on how steps are cut).
      const counter = h.variables().counter as number;
      expect(counter).toBeGreaterThanOrEqual(8);
      expect(counter).toBeLessThanOrEqual(12);
      expect(h.variables()).toEqual({ counter, stop: 1000000 });
      // The last increment may have set the counter and been stopped before it completed.
      const increments = h.completed().filter((id) => id === 'increment').length;
      expect([counter - 1, counter]).toContain(increments);
    },
  },
  {
    name: 'after fixing the loop variable, resolving the step-budget incident continues from where it stopped',
    xml: loopXml,
    maxSteps: 40,
    when(h) {
      h.start({ variables: { counter: 0, stop: 1000000 } });
      const [incident] = h.incidents();
      const counterAtStop = h.variables().counter as number;
      h.setVariables({ stop: counterAtStop + 2 });
      expect(h.status()).toBe('active');
      h.resolveIncident(incident.elementId);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.incidents()).toEqual([]);
      const { counter, stop } = h.variables() as { counter: number; stop: number };
      expect(counter).toBe(stop);
      expect(h.completed()).toEqual([
        ...times('check', counter),
        'end',
        ...times('increment', counter),
        'start',
      ]);
    },
  },
];

export const variableScenarios: Scenario[] = [...scopeScenarios, ...typeScenarios, ...stepBudgetScenarios];
