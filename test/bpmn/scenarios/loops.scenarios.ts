import { expect } from '@jest/globals';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { ProcessHarness } from '../../support/process-harness.js';
import type { Scenario } from '../../support/scenario.js';

/** `<bpmn:standardLoopCharacteristics>` with an optional loop condition. */
function standardLoop(attributes: string, condition?: string): string {
  const body = condition
    ? `<bpmn:loopCondition xsi:type="bpmn:tFormalExpression">${condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</bpmn:loopCondition>`
    : '';
  return `<bpmn:standardLoopCharacteristics ${attributes}>${body}</bpmn:standardLoopCharacteristics>`;
}

/** The element types an element was activated with, in order: the loop body first, then each iteration. */
function activations(h: ProcessHarness, elementId: string): string[] {
  return h.events.flatMap((event) =>
    event.type === 'element.activated' && event.elementId === elementId ? [event.elementType] : [],
  );
}

/** The values a variable was set to, in order. */
function valuesSet(h: ProcessHarness, name: string): unknown[] {
  return h.events.flatMap((event) =>
    event.type === 'variable.set' && event.name === name ? [event.value.value] : [],
  );
}

export const loopScenarios: Scenario[] = [
  {
    name: 'a standard loop runs once, then again while its condition holds (do … while)',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="correct">${standardLoop('', '${!approved}')}</bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'correct', 'end')}`),
    when(h) {
      // approved does not exist before the first iteration: without testBefore the condition is not asked yet.
      h.start();
      expect(h.waiting()).toEqual(['correct']);
      h.completeUserTask('correct', { approved: false });
      expect(h.waiting()).toEqual(['correct']);
      h.completeUserTask('correct', { approved: true });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(activations(h, 'correct')).toEqual(['standardLoopBody', 'userTask', 'userTask']);
      // Camunda 7 documents count from 0, as their multi-instance loopCounter does.
      expect(valuesSet(h, 'loopCounter')).toEqual([0, 1]);
      expect(h.completed()).toEqual(['correct', 'correct', 'correct', 'end', 'start']);
    },
  },
  {
    name: 'with testBefore the condition is tested before every iteration, the first one included (while)',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:scriptTask id="increment">
        <bpmn:extensionElements><zeebe:script expression="=count + 1" resultVariable="count" /></bpmn:extensionElements>
        ${standardLoop('testBefore="true"', '=count < 3')}
      </bpmn:scriptTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'increment', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start({ variables: { count: 0 } });
      h.start({ variables: { count: 5 } });
    },
    then(h) {
      expect(h.status('pi-1')).toBe('completed');
      expect(h.variables('pi-1')).toEqual({ count: 3 });
      // The condition was false from the start: the activity completed without one iteration.
      expect(h.variables('pi-2')).toEqual({ count: 5 });
      expect(h.completed('pi-2')).toEqual(['end', 'increment', 'start']);
      expect(
        h.events
          .filter(
            (event) =>
              event.type === 'element.activated' &&
              event.key.startsWith('pi-2.') &&
              event.elementId === 'increment',
          )
          .map((event) => event.type === 'element.activated' && event.elementType),
      ).toEqual(['standardLoopBody']);
    },
  },
  {
    name: 'loopMaximum caps the iterations even while the condition still holds; Camunda 8 counts from 1',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:task id="retry">${standardLoop('loopMaximum="3"', '=true')}</bpmn:task>
      <bpmn:endEvent id="end" />
      ${chain('start', 'retry', 'end')}`,
      { dialect: 'camunda8' },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(valuesSet(h, 'loopCounter')).toEqual([1, 2, 3]);
      expect(activations(h, 'retry')).toEqual(['standardLoopBody', 'task', 'task', 'task']);
    },
  },
  {
    name: 'a loop with only a loopMaximum runs exactly that many times, each iteration in its own scope',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="remind" camunda:assignee="clerk-\${loopCounter}">${standardLoop('loopMaximum="2"')}</bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'remind', 'end')}`),
    when(h) {
      h.start();
      expect(h.wait('remind', 'user-task')).toMatchObject({ assignee: 'clerk-0' });
      h.completeUserTask('remind');
      expect(h.wait('remind', 'user-task')).toMatchObject({ assignee: 'clerk-1' });
      h.completeUserTask('remind');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.variables()).toEqual({});
    },
  },
  {
    name: 'a loop condition that fails is an incident at the iteration; resolving it tests the condition again',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="fix">${standardLoop('', '${attempts < limit}')}</bpmn:userTask>
      <bpmn:endEvent id="end" />
      ${chain('start', 'fix', 'end')}`),
    when(h) {
      h.start({ variables: { attempts: 1 } });
      h.completeUserTask('fix');
      expect(h.incidents()).toEqual([
        expect.objectContaining({
          elementId: 'fix',
          type: 'expression-failed',
          message: expect.stringMatching(
            /^Failed to evaluate the loop condition of 'fix' '\$\{attempts < limit\}': /,
          ),
        }),
      ]);
      h.setVariables({ limit: 1 });
      h.resolveIncident('fix');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(activations(h, 'fix')).toEqual(['standardLoopBody', 'userTask']);
    },
  },
  {
    name: 'a boundary timer on a looping sub-process ends the loop with the iteration that runs',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="chase">
        ${standardLoop('', '${!paid}')}
        <bpmn:startEvent id="subStart" />
        <bpmn:userTask id="call" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'call', 'subEnd')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="giveUp" attachedToRef="chase"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="writtenOff" />
      ${chain('start', 'chase', 'end')}
      ${chain('giveUp', 'writtenOff')}`),
    when(h) {
      h.start();
      h.completeUserTask('call', { paid: false });
      expect(h.waiting()).toEqual(['call', 'giveUp']);
      h.fireTimer('giveUp');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['call', 'chase', 'chase']);
      expect(h.completed()).toEqual([
        'call',
        'chase',
        'giveUp',
        'start',
        'subEnd',
        'subStart',
        'subStart',
        'writtenOff',
      ]);
    },
  },
];
