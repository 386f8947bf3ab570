import { expect } from '@jest/globals';
import { bpmnDocument, chain, flow } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

const activation = (condition: string) =>
  `<bpmn:activationCondition xsi:type="bpmn:tFormalExpression">${condition.replace(/>/g, '&gt;')}</bpmn:activationCondition>`;

/** start → fork → user tasks a, b, c → complex gateway `join` (with the given condition) → after → end. */
function threeBranches(condition?: string): string {
  return bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:userTask id="a" /><bpmn:userTask id="b" /><bpmn:userTask id="c" />
      <bpmn:complexGateway id="join">${condition ? activation(condition) : ''}</bpmn:complexGateway>
      <bpmn:task id="after" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'fork')}
      ${chain('fork', 'a', 'join')}
      ${chain('fork', 'b', 'join')}
      ${chain('fork', 'c', 'join')}
      ${chain('join', 'after', 'end')}`);
}

const count = (items: string[], id: string) => items.filter((item) => item === id).length;

export const complexGatewayScenarios: Scenario[] = [
  {
    name: 'activationCount >= 1 fires on the first of three tokens, and only once',
    xml: threeBranches('activationCount >= 1'),
    when(h) {
      h.start();
      h.completeUserTask('b');
      // Fired: the token went on at once, the other two branches still run.
      expect(count(h.completed(), 'after')).toBe(1);
      expect(h.waiting('user-task')).toEqual(['a', 'c']);
      h.completeUserTask('a');
      h.completeUserTask('c');
    },
    then(h) {
      expect(count(h.completed(), 'join')).toBe(1);
      expect(count(h.completed(), 'after')).toBe(1);
      expect(h.status()).toBe('completed');
    },
  },
  {
    name: 'activationCount >= 2 with three branches fires on the second token and swallows the third',
    xml: threeBranches('=activationCount >= 2'),
    when(h) {
      h.start();
      h.completeUserTask('c');
      expect(h.completed()).not.toContain('join');
      h.completeUserTask('a');
      expect(count(h.completed(), 'join')).toBe(1);
      expect(h.status()).toBe('active');
      h.completeUserTask('b');
    },
    then(h) {
      expect(count(h.completed(), 'join')).toBe(1);
      expect(count(h.completed(), 'after')).toBe(1);
      expect(h.status()).toBe('completed');
    },
  },
  {
    name: 'after a reset the gateway fires again for the next activation',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="merge" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:userTask id="a" /><bpmn:userTask id="b" />
      <bpmn:complexGateway id="join">${activation('activationCount >= 1')}</bpmn:complexGateway>
      <bpmn:userTask id="after" />
      <bpmn:exclusiveGateway id="again" default="toEnd" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'merge', 'fork')}
      ${chain('fork', 'a', 'join')}
      ${chain('fork', 'b', 'join')}
      ${chain('join', 'after', 'again')}
      ${flow('toMerge', 'again', 'merge', '${round < 2}')}
      ${flow('toEnd', 'again', 'end')}`),
    when(h) {
      h.start();
      h.completeUserTask('a'); // first activation fires on a
      h.completeUserTask('b'); // … and swallows b: the gateway resets
      h.completeUserTask('after', { round: 1 });
      h.completeUserTask('b'); // second activation fires on b this time
      expect(h.waiting('user-task')).toEqual(['a', 'after']);
      h.completeUserTask('a');
      h.completeUserTask('after', { round: 2 });
    },
    then(h) {
      expect(count(h.completed(), 'join')).toBe(2);
      expect(count(h.completed(), 'after')).toBe(2);
      expect(h.status()).toBe('completed');
      expect(h.state().elementInstances).toEqual({});
    },
  },
  {
    name: 'without an activation condition it joins every token that can still arrive',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:inclusiveGateway id="split" />
      <bpmn:userTask id="a" /><bpmn:userTask id="b" /><bpmn:userTask id="c" />
      <bpmn:complexGateway id="join" />
      <bpmn:task id="after" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'split')}
      ${flow('toA', 'split', 'a', '${true}')}
      ${flow('toB', 'split', 'b', '${true}')}
      ${flow('toC', 'split', 'c', '${false}')}
      ${chain('a', 'join')}
      ${chain('b', 'join')}
      ${chain('c', 'join')}
      ${chain('join', 'after', 'end')}`),
    when(h) {
      h.start();
      h.completeUserTask('a');
      expect(h.completed()).not.toContain('join');
      h.completeUserTask('b');
    },
    then(h) {
      expect(count(h.completed(), 'join')).toBe(1);
      expect(h.status()).toBe('completed');
    },
  },
  {
    name: 'it leaves like an inclusive gateway: every flow whose condition holds, else the default',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:task id="a" /><bpmn:userTask id="b" />
      <bpmn:complexGateway id="join" default="toNormal">${activation('activationCount >= 1')}</bpmn:complexGateway>
      <bpmn:userTask id="urgent" /><bpmn:userTask id="notify" /><bpmn:userTask id="normal" />
      ${chain('start', 'fork')}
      ${chain('fork', 'a', 'join')}
      ${chain('fork', 'b', 'join')}
      ${flow('toUrgent', 'join', 'urgent', '${priority > 5}')}
      ${flow('toNotify', 'join', 'notify', '${priority > 2}')}
      ${flow('toNormal', 'join', 'normal')}`),
    when(h) {
      h.start({ variables: { priority: 7 } });
    },
    then(h) {
      expect(h.waiting('user-task')).toEqual(['b', 'notify', 'urgent']);
    },
  },
  {
    name: 'an activation condition that fails raises an incident at the gateway; resolving re-checks it',
    xml: threeBranches('activationCount >= needed'),
    when(h) {
      h.start();
      h.completeUserTask('a');
      expect(h.incidents()).toEqual([
        expect.objectContaining({
          elementId: 'join',
          type: 'expression-failed',
          message: expect.stringContaining(
            "Failed to evaluate the activation condition '=activationCount >= needed' of complex gateway 'join' (activationCount 1)",
          ),
        }),
      ]);
      h.setVariables({ needed: 1 });
      h.resolveIncident('join');
    },
    then(h) {
      expect(h.incidents()).toEqual([]);
      expect(count(h.completed(), 'join')).toBe(1);
      expect(h.waiting('user-task')).toEqual(['b', 'c']);
    },
  },
];
