import { expect } from '@jest/globals';
import { bpmnDocument, chain, flow } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

/** start → gw → a | b | c (each → its own end), with the given conditions and default on the gateway. */
function exclusiveChoice(
  conditions: { a?: string; b?: string; c?: string },
  defaultFlow?: 'a' | 'b' | 'c',
): string {
  return bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="gw"${defaultFlow ? ` default="to_${defaultFlow}"` : ''} />
      <bpmn:task id="a" /><bpmn:task id="b" /><bpmn:task id="c" />
      <bpmn:endEvent id="endA" /><bpmn:endEvent id="endB" /><bpmn:endEvent id="endC" />
      ${flow('f_start_gw', 'start', 'gw')}
      ${flow('to_a', 'gw', 'a', conditions.a)}
      ${flow('to_b', 'gw', 'b', conditions.b)}
      ${flow('to_c', 'gw', 'c', conditions.c)}
      ${chain('a', 'endA')}
      ${chain('b', 'endB')}
      ${chain('c', 'endC')}`);
}

/** start → split → three branches (b has a user task) → join → after → end; the inclusive split's conditions given. */
function inclusiveSplitAndJoin(conditions: { a: string; b: string; c: string }, withDefault = false): string {
  return bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:inclusiveGateway id="split"${withDefault ? ' default="to_fallback"' : ''} />
      <bpmn:task id="a" />
      <bpmn:userTask id="b" />
      <bpmn:task id="c" />
      <bpmn:task id="fallback" />
      <bpmn:inclusiveGateway id="join" />
      <bpmn:task id="after" />
      <bpmn:endEvent id="end" />
      ${flow('f_start_split', 'start', 'split')}
      ${flow('to_a', 'split', 'a', conditions.a)}
      ${flow('to_b', 'split', 'b', conditions.b)}
      ${flow('to_c', 'split', 'c', conditions.c)}
      ${withDefault ? flow('to_fallback', 'split', 'fallback') : ''}
      ${chain('a', 'join')}
      ${chain('b', 'join')}
      ${chain('c', 'join')}
      ${withDefault ? chain('fallback', 'join') : ''}
      ${chain('join', 'after', 'end')}`);
}

const MESSAGE_OR_TIMER = bpmnDocument(
  `
      <bpmn:startEvent id="start" />
      <bpmn:eventBasedGateway id="gw" />
      <bpmn:intermediateCatchEvent id="answered"><bpmn:messageEventDefinition messageRef="msg_answer" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="deadline"><bpmn:timerEventDefinition><bpmn:timeDuration>P14D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="endAnswered" />
      <bpmn:endEvent id="endReminded" />
      ${chain('start', 'gw')}
      ${chain('gw', 'answered', 'endAnswered')}
      ${chain('gw', 'deadline', 'endReminded')}`,
  { rootElements: '<bpmn:message id="msg_answer" name="citizen-answered" />' },
);

export const gatewayScenarios: Scenario[] = [
  // ----- exclusive gateway -----
  {
    name: 'an exclusive gateway takes the first flow in model order whose condition holds',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="gw" />
      <bpmn:task id="a" /><bpmn:task id="b" />
      <bpmn:endEvent id="endA" /><bpmn:endEvent id="endB" />
      ${flow('f_start_gw', 'start', 'gw')}
      ${flow('to_b', 'gw', 'b', '${amount > 1000}')}
      ${flow('to_a', 'gw', 'a', '${amount > 100}')}
      ${chain('a', 'endA')}
      ${chain('b', 'endB')}`),
    when(h) {
      h.start({ variables: { amount: 5000 } });
      h.start({ variables: { amount: 500 } });
    },
    then(h) {
      expect(h.status('pi-1')).toBe('completed');
      expect(h.completed('pi-1')).toEqual(['b', 'endB', 'gw', 'start']);
      expect(h.completed('pi-2')).toEqual(['a', 'endA', 'gw', 'start']);
    },
  },
  {
    name: 'an exclusive gateway takes its default flow when no condition holds',
    xml: exclusiveChoice({ a: '${amount > 1000}', b: '${amount < 0}' }, 'c'),
    when(h) {
      h.start({ variables: { amount: 10 } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['c', 'endC', 'gw', 'start']);
    },
  },
  {
    name: 'an exclusive gateway skips its default flow when a condition holds',
    xml: exclusiveChoice({ a: '${amount > 1000}', b: '${amount < 0}' }, 'c'),
    when(h) {
      h.start({ variables: { amount: 1001 } });
    },
    then(h) {
      expect(h.completed()).toEqual(['a', 'endA', 'gw', 'start']);
    },
  },
  {
    name: 'an exclusive gateway evaluates JUEL and FEEL conditions alike',
    xml: exclusiveChoice({ a: '=amount > 1000', b: '${amount <= 1000}', c: '=amount = null' }),
    when(h) {
      h.start({ variables: { amount: 2000 } });
      h.start({ variables: { amount: 20 } });
    },
    then(h) {
      expect(h.completed('pi-1')).toEqual(['a', 'endA', 'gw', 'start']);
      expect(h.completed('pi-2')).toEqual(['b', 'endB', 'gw', 'start']);
    },
  },
  {
    name: 'an exclusive gateway without a matching flow or default holds the token with an incident until it is resolved',
    xml: exclusiveChoice({ a: '${amount > 1000}', b: '=amount < 0', c: '${amount == 0}' }),
    when(h) {
      h.start({ variables: { amount: 500 } });
      expect(h.status()).toBe('active');
      const incidents = h.incidents();
      expect(incidents).toHaveLength(1);
      expect(incidents[0]).toMatchObject({ elementId: 'gw', type: 'no-matching-flow' });
      expect(incidents[0].message).toContain("'gw'");
      expect(incidents[0].message).toContain('amount=500');
      expect(h.completed()).toEqual(['start']);
      h.setVariables({ amount: 5000 });
      h.resolveIncident('gw');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.incidents()).toEqual([]);
      expect(h.completed()).toEqual(['a', 'endA', 'gw', 'start']);
      expect(h.variables()).toEqual({ amount: 5000 });
    },
  },

  // ----- parallel gateway -----
  {
    name: 'a parallel gateway forks onto every flow and its join waits for all of them',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:userTask id="check" />
      <bpmn:userTask id="approve" />
      <bpmn:parallelGateway id="join" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'fork')}
      ${chain('fork', 'check', 'join')}
      ${chain('fork', 'approve', 'join')}
      ${chain('join', 'end')}`),
    when(h) {
      h.start();
      expect(h.waiting('user-task')).toEqual(['approve', 'check']);
      h.completeUserTask('check', { checked: true });
      expect(h.status()).toBe('active');
      expect(h.completed()).toEqual(['check', 'fork', 'start']);
      h.completeUserTask('approve', { approved: true });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['approve', 'check', 'end', 'fork', 'join', 'start']);
      expect(h.variables()).toEqual({ checked: true, approved: true });
    },
  },
  {
    name: 'a parallel gateway ignores the conditions on its outgoing flows',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:task id="a" />
      <bpmn:task id="b" />
      <bpmn:endEvent id="endA" />
      <bpmn:endEvent id="endB" />
      ${chain('start', 'fork')}
      ${flow('to_a', 'fork', 'a', '${false}')}
      ${flow('to_b', 'fork', 'b', '=1 > 2')}
      ${chain('a', 'endA')}
      ${chain('b', 'endB')}`),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['a', 'b', 'endA', 'endB', 'fork', 'start']);
    },
  },
  {
    name: 'a parallel join after an exclusive split waits for ever',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:exclusiveGateway id="choose" default="to_b" />
      <bpmn:task id="a" />
      <bpmn:task id="b" />
      <bpmn:parallelGateway id="join" />
      <bpmn:task id="after" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'choose')}
      ${flow('to_a', 'choose', 'a', '${urgent}')}
      ${flow('to_b', 'choose', 'b')}
      ${chain('a', 'join')}
      ${chain('b', 'join')}
      ${chain('join', 'after', 'end')}`),
    when(h) {
      h.start({ variables: { urgent: true } });
    },
    then(h) {
      expect(h.status()).toBe('active');
      expect(h.completed()).toEqual(['a', 'choose', 'start']);
      expect(h.incidents()).toEqual([]);
      expect(h.waiting()).toEqual([]);
    },
  },

  // ----- inclusive gateway -----
  {
    name: 'an inclusive gateway takes every flow whose condition holds, and its join waits for a user task on one of them',
    xml: inclusiveSplitAndJoin({ a: '${amount > 0}', b: '=amount > 1000', c: '${amount < 0}' }),
    when(h) {
      h.start({ variables: { amount: 5000 } });
      expect(h.waiting('user-task')).toEqual(['b']);
      expect(h.completed()).toEqual(['a', 'split', 'start']);
      h.completeUserTask('b');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['a', 'after', 'b', 'end', 'join', 'split', 'start']);
    },
  },
  {
    name: 'an inclusive join stops waiting for a branch whose token left through an interrupting boundary event',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:inclusiveGateway id="split" />
      <bpmn:task id="a" />
      <bpmn:userTask id="b" />
      <bpmn:boundaryEvent id="giveUp" attachedToRef="b"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
      <bpmn:endEvent id="gaveUp" />
      <bpmn:inclusiveGateway id="join" />
      <bpmn:endEvent id="end" />
      ${flow('f_start_split', 'start', 'split')}
      ${flow('to_a', 'split', 'a', '${true}')}
      ${flow('to_b', 'split', 'b', '${true}')}
      ${chain('a', 'join')}
      ${chain('b', 'join')}
      ${chain('giveUp', 'gaveUp')}
      ${chain('join', 'end')}`),
    when(h) {
      h.start();
      expect(h.completed()).toEqual(['a', 'split', 'start']);
      h.fireTimer('giveUp');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['b']);
      expect(h.completed()).toEqual(['a', 'end', 'gaveUp', 'giveUp', 'join', 'split', 'start']);
    },
  },
  {
    name: 'an inclusive join fires at once when only one branch was taken',
    xml: inclusiveSplitAndJoin({ a: '${amount > 0}', b: '${amount > 1000}', c: '${amount < 0}' }),
    when(h) {
      h.start({ variables: { amount: 10 } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['a', 'after', 'end', 'join', 'split', 'start']);
    },
  },
  {
    name: 'an inclusive gateway takes its default flow when no condition holds',
    xml: inclusiveSplitAndJoin({ a: '${amount > 0}', b: '${amount > 1000}', c: '${amount > 2000}' }, true),
    when(h) {
      h.start({ variables: { amount: -5 } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['after', 'end', 'fallback', 'join', 'split', 'start']);
    },
  },
  {
    name: 'an inclusive gateway without a matching flow or default raises an incident',
    xml: inclusiveSplitAndJoin({ a: '${amount > 0}', b: '${amount > 1000}', c: '${amount > 2000}' }),
    when(h) {
      h.start({ variables: { amount: -5 } });
      expect(h.incidents()).toEqual([
        expect.objectContaining({ elementId: 'split', type: 'no-matching-flow' }),
      ]);
      h.setVariables({ amount: 1 });
      h.resolveIncident('split');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['a', 'after', 'end', 'join', 'split', 'start']);
    },
  },

  // ----- event-based gateway -----
  {
    name: 'behind an event-based gateway the message wins and the timer is withdrawn',
    xml: MESSAGE_OR_TIMER,
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['answered', 'deadline']);
      const timer = h.wait('deadline', 'timer');
      h.correlate('citizen-answered', { answer: 'yes' });
      expect(h.effects).toContainEqual({
        type: 'wait.closed',
        key: timer.key,
        kind: 'timer',
        reason: 'cancelled',
      });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.waiting()).toEqual([]);
      expect(h.completed()).toEqual(['answered', 'endAnswered', 'gw', 'start']);
      expect(h.variables()).toEqual({ answer: 'yes' });
    },
  },
  {
    name: 'behind an event-based gateway the timer wins and the message subscription is withdrawn',
    xml: MESSAGE_OR_TIMER,
    when(h) {
      h.start();
      const subscription = h.wait('answered', 'message');
      h.fireTimer('deadline');
      expect(h.effects).toContainEqual({
        type: 'wait.closed',
        key: subscription.key,
        kind: 'message',
        reason: 'cancelled',
      });
      h.correlate('citizen-answered');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['deadline', 'endReminded', 'gw', 'start']);
      expect(h.unmatchedMessages.map((message) => message.messageName)).toEqual(['citizen-answered']);
    },
  },
  {
    name: 'an event-based gateway may lead to a receive task, which has received its message when it starts',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:eventBasedGateway id="gw" />
      <bpmn:receiveTask id="receipt" messageRef="msg_paid" />
      <bpmn:intermediateCatchEvent id="deadline"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="endPaid" />
      <bpmn:endEvent id="endLate" />
      ${chain('start', 'gw')}
      ${chain('gw', 'receipt', 'endPaid')}
      ${chain('gw', 'deadline', 'endLate')}`,
      { rootElements: '<bpmn:message id="msg_paid" name="payment-received" />' },
    ),
    when(h) {
      h.start();
      expect(h.wait('receipt', 'message')).toMatchObject({ messageName: 'payment-received' });
      h.correlate('payment-received', { paid: 250 });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['endPaid', 'gw', 'receipt', 'start']);
      expect(h.variables()).toEqual({ paid: 250 });
      expect(h.waiting()).toEqual([]);
    },
  },

  // ----- flows without gateways -----
  {
    name: 'an activity with several conditional outgoing flows takes every one that holds',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:task id="assess" default="to_none" />
      <bpmn:task id="letter" /><bpmn:task id="call" /><bpmn:task id="none" />
      <bpmn:endEvent id="endLetter" /><bpmn:endEvent id="endCall" /><bpmn:endEvent id="endNone" />
      ${chain('start', 'assess')}
      ${flow('to_letter', 'assess', 'letter', '${score > 10}')}
      ${flow('to_call', 'assess', 'call', '=score > 50')}
      ${flow('to_none', 'assess', 'none')}
      ${chain('letter', 'endLetter')}
      ${chain('call', 'endCall')}
      ${chain('none', 'endNone')}`),
    when(h) {
      h.start({ variables: { score: 80 } });
      h.start({ variables: { score: 20 } });
      h.start({ variables: { score: 1 } });
    },
    then(h) {
      expect(h.completed('pi-1')).toEqual(['assess', 'call', 'endCall', 'endLetter', 'letter', 'start']);
      expect(h.completed('pi-2')).toEqual(['assess', 'endLetter', 'letter', 'start']);
      expect(h.completed('pi-3')).toEqual(['assess', 'endNone', 'none', 'start']);
      for (const id of ['pi-1', 'pi-2', 'pi-3']) expect(h.status(id)).toBe('completed');
    },
  },
  {
    name: 'each token arriving at a task without a gateway starts it again',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:task id="log" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'fork')}
      ${flow('one', 'fork', 'log')}
      ${flow('two', 'fork', 'log')}
      ${chain('log', 'end')}`),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'end', 'fork', 'log', 'log', 'start']);
    },
  },
  {
    name: 'a task with startQuantity 2 waits for two tokens and starts once',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:userTask id="first" />
      <bpmn:task id="pair" startQuantity="2" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'fork')}
      ${chain('fork', 'first', 'pair')}
      ${flow('direct', 'fork', 'pair')}
      ${chain('pair', 'end')}`),
    when(h) {
      h.start();
      expect(h.completed()).toEqual(['fork', 'start']);
      expect(h.status()).toBe('active');
      h.completeUserTask('first');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'first', 'fork', 'pair', 'start']);
    },
  },
  {
    name: 'a task with completionQuantity 2 sends two tokens on its outgoing flow',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:task id="copy" completionQuantity="2" />
      <bpmn:task id="file" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'copy', 'file', 'end')}`),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['copy', 'end', 'end', 'file', 'file', 'start']);
    },
  },
];
