import { expect } from '@jest/globals';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

const ROOT_ELEMENTS = `<bpmn:message id="msg_answer" name="citizen-answered" />
  <bpmn:signal id="sig_law" name="law-changed" />`;

const MESSAGE = '<bpmn:messageEventDefinition messageRef="msg_answer" />';
const SIGNAL = '<bpmn:signalEventDefinition signalRef="sig_law" />';
const TIMER =
  '<bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P14D</bpmn:timeDuration></bpmn:timerEventDefinition>';
const CONDITION =
  '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${withdrawn == true}</bpmn:condition></bpmn:conditionalEventDefinition>';

/** start → `wait` (an intermediate catch event with the given definitions) → after (user task) → end. */
function catching(definitions: string, parallel = false): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateCatchEvent id="wait"${parallel ? ' parallelMultiple="true"' : ''}>${definitions}</bpmn:intermediateCatchEvent>
      <bpmn:userTask id="after" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'wait', 'after', 'end')}`,
    { rootElements: ROOT_ELEMENTS },
  );
}

/** start → user task `work` (with a multiple boundary event `watch`) → end; `watch` → handled (user task). */
function watched(definitions: string, interrupting: boolean, parallel = false): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="work" />
      <bpmn:boundaryEvent id="watch" attachedToRef="work"${interrupting ? '' : ' cancelActivity="false"'}${parallel ? ' parallelMultiple="true"' : ''}>${definitions}</bpmn:boundaryEvent>
      <bpmn:userTask id="handled" />
      <bpmn:endEvent id="end" /><bpmn:endEvent id="endHandled" />
      ${chain('start', 'work', 'end')}
      ${chain('watch', 'handled', 'endHandled')}`,
    { rootElements: ROOT_ELEMENTS },
  );
}

/** A process started by `begin` (a multiple start event) that then waits at user task `work`. */
function startedBy(definitions: string, parallel = false): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="begin"${parallel ? ' parallelMultiple="true"' : ''}>${definitions}</bpmn:startEvent>
      <bpmn:userTask id="work" />
      <bpmn:endEvent id="end" />
      ${chain('begin', 'work', 'end')}`,
    { rootElements: ROOT_ELEMENTS },
  );
}

export const multipleEventScenarios: Scenario[] = [
  {
    name: 'a multiple catch event waits for each trigger; the first (a message) wins and the others are withdrawn',
    xml: catching(MESSAGE + TIMER + SIGNAL),
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['wait', 'wait', 'wait']);
      h.correlate('citizen-answered', { answer: 'yes' });
    },
    then(h) {
      expect(h.variables()).toEqual({ answer: 'yes' });
      expect(h.waiting()).toEqual(['after']);
      const closed = h.effects.filter((effect) => effect.type === 'wait.closed');
      expect(closed.map((effect) => effect.type === 'wait.closed' && [effect.kind, effect.reason])).toEqual([
        ['message', 'triggered'],
        ['timer', 'cancelled'],
        ['signal', 'cancelled'],
      ]);
    },
  },
  {
    name: 'a multiple catch event completes on its timer when that comes first',
    xml: catching(MESSAGE + TIMER),
    when(h) {
      h.start();
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.completed()).toEqual(['start', 'wait']);
      expect(h.waiting()).toEqual(['after']);
    },
  },
  {
    name: 'a multiple catch event with a condition fires when the condition becomes true',
    xml: catching(MESSAGE + CONDITION),
    when(h) {
      h.start({ variables: { withdrawn: false } });
      h.setVariables({ withdrawn: true });
    },
    then(h) {
      expect(h.waiting()).toEqual(['after']);
      expect(h.waiting('message')).toEqual([]);
    },
  },
  {
    name: 'a parallel multiple catch event completes only once every trigger has occurred',
    xml: catching(MESSAGE + SIGNAL, true),
    when(h) {
      h.start();
      h.signal('law-changed', { law: 'LBK 1234' });
      expect(h.waiting()).toEqual(['wait']);
      expect(h.completed()).not.toContain('wait');
      h.correlate('citizen-answered', { answer: 'no' });
    },
    then(h) {
      expect(h.variables()).toEqual({ law: 'LBK 1234', answer: 'no' });
      expect(h.waiting()).toEqual(['after']);
    },
  },
  {
    name: 'a multiple boundary event fires on any of its triggers (interrupting: the activity ends)',
    xml: watched(MESSAGE + TIMER, true),
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['watch', 'watch', 'work']);
      h.correlate('citizen-answered');
    },
    then(h) {
      expect(h.terminated()).toEqual(['work']);
      expect(h.waiting()).toEqual(['handled']);
    },
  },
  {
    name: 'a non-interrupting multiple boundary event fires on each trigger while the activity runs',
    xml: watched(SIGNAL + TIMER, false),
    when(h) {
      h.start();
      h.signal('law-changed');
      h.fireTimer('watch');
    },
    then(h) {
      expect(h.completed().filter((id) => id === 'watch')).toHaveLength(2);
      expect(h.waiting('user-task')).toEqual(['handled', 'handled', 'work']);
      // The signal subscription stays open; the timer, fired once, is gone.
      expect(h.waiting()).toEqual(['handled', 'handled', 'watch', 'work']);
    },
  },
  {
    name: 'a parallel multiple boundary event fires only once all its triggers have occurred, with all their variables',
    xml: watched(MESSAGE + SIGNAL, true, true),
    when(h) {
      h.start();
      h.correlate('citizen-answered', { answer: 'yes' });
      expect(h.waiting()).toEqual(['watch', 'work']);
      expect(h.terminated()).toEqual([]);
      h.signal('law-changed', { law: 'LBK 99' });
    },
    then(h) {
      expect(h.terminated()).toEqual(['work']);
      expect(h.waiting()).toEqual(['handled']);
      expect(h.variables()).toEqual({ answer: 'yes', law: 'LBK 99' });
    },
  },
  {
    name: 'a non-interrupting parallel multiple boundary event fires once, when the last trigger occurs',
    xml: watched(MESSAGE + TIMER, false, true),
    when(h) {
      h.start();
      h.fireTimer('watch');
      expect(h.completed()).not.toContain('watch');
      h.correlate('citizen-answered');
      h.completeUserTask('work');
    },
    then(h) {
      expect(h.completed().filter((id) => id === 'watch')).toHaveLength(1);
      expect(h.waiting()).toEqual(['handled']);
    },
  },
  {
    name: 'a multiple start event starts the process on any of its triggers',
    xml: startedBy(MESSAGE + SIGNAL),
    when(h) {
      h.correlate('citizen-answered', { via: 'message' });
      h.signal('law-changed', { via: 'signal' });
    },
    then(h) {
      expect([...h.instances.keys()]).toEqual(['pi-1', 'pi-2']);
      expect(h.variables('pi-1')).toEqual({ via: 'message' });
      expect(h.variables('pi-2')).toEqual({ via: 'signal' });
      expect(h.waiting('user-task', 'pi-1')).toEqual(['work']);
      expect(h.waiting('user-task', 'pi-2')).toEqual(['work']);
    },
  },
  {
    name: 'a parallel multiple start event: started on one trigger, the instance waits at it for the others',
    xml: startedBy(SIGNAL + MESSAGE + TIMER, true),
    when(h) {
      h.signal('law-changed', { law: 'LBK 1234' });
      expect(h.waiting()).toEqual(['begin', 'begin']);
      h.correlate('citizen-answered', { answer: 'yes' });
      expect(h.waiting()).toEqual(['begin']);
      h.fireTimer('begin');
    },
    then(h) {
      expect([...h.instances.keys()]).toEqual(['pi-1']);
      expect(h.variables()).toEqual({ law: 'LBK 1234', answer: 'yes' });
      expect(h.completed()).toEqual(['begin']);
      expect(h.waiting()).toEqual(['work']);
    },
  },
  {
    name: 'a parallel multiple start event started without naming a trigger waits for all of them',
    xml: startedBy(SIGNAL + MESSAGE, true),
    when(h) {
      h.start({ startEventId: 'begin' });
      h.correlate('citizen-answered');
      h.signal('law-changed');
    },
    then(h) {
      expect(h.completed('pi-1')).toEqual(['begin']);
      expect(h.waiting(undefined, 'pi-1')).toEqual(['work']);
      // The signal is a start trigger too: besides completing pi-1's start it started pi-2, which now waits.
      expect(h.waiting(undefined, 'pi-2')).toEqual(['begin']);
    },
  },
];
