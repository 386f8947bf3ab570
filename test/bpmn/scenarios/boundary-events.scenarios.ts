import { expect } from '@jest/globals';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { ProcessHarness } from '../../support/process-harness.js';
import type { Scenario } from '../../support/scenario.js';

function boundary(id: string, attachedTo: string, definition: string, interrupting = true): string {
  return `<bpmn:boundaryEvent id="${id}" attachedToRef="${attachedTo}"${interrupting ? '' : ' cancelActivity="false"'}>${definition}</bpmn:boundaryEvent>`;
}

const timer = (kind: 'Duration' | 'Cycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:time${kind}>${value}</bpmn:time${kind}></bpmn:timerEventDefinition>`;
const message = (ref: string) => `<bpmn:messageEventDefinition messageRef="${ref}" />`;
const signal = (ref: string) => `<bpmn:signalEventDefinition signalRef="${ref}" />`;
const escalation = (ref: string) => `<bpmn:escalationEventDefinition escalationRef="${ref}" />`;
const condition = (body: string) =>
  `<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${body.replace(/>/g, '&gt;')}</bpmn:condition></bpmn:conditionalEventDefinition>`;

/** How each wait with this key was closed, in order ('triggered' / 'cancelled'). */
function closings(h: ProcessHarness, key: string): string[] {
  return h.effects.flatMap((effect) =>
    effect.type === 'wait.closed' && effect.key === key ? [effect.reason] : [],
  );
}

/** start → review (user task) → end, with boundary events on review leading to their own tasks and ends. */
function reviewWith(boundaries: string, paths: string, rootElements = ''): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      <bpmn:userTask id="review" />
      <bpmn:endEvent id="end" />
      ${boundaries}
      ${chain('start', 'review', 'end')}
      ${paths}`,
    { rootElements },
  );
}

/** start → sub (subStart → inner user task → subEnd) → end, with boundary events on the sub-process. */
function subProcessWith(boundaries: string, paths: string, rootElements = '', inside?: string): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub">
        ${inside ?? `<bpmn:startEvent id="subStart" /><bpmn:userTask id="inner" /><bpmn:endEvent id="subEnd" />${chain('subStart', 'inner', 'subEnd')}`}
      </bpmn:subProcess>
      <bpmn:endEvent id="end" />
      ${boundaries}
      ${chain('start', 'sub', 'end')}
      ${paths}`,
    { rootElements },
  );
}

const ESCALATING_SUB_PROCESS = `
        <bpmn:startEvent id="subStart" />
        <bpmn:intermediateThrowEvent id="raise">${escalation('esc_late')}</bpmn:intermediateThrowEvent>
        <bpmn:task id="afterRaise" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'raise', 'afterRaise', 'subEnd')}`;
const ESCALATIONS =
  '<bpmn:escalation id="esc_late" escalationCode="LATE" /><bpmn:escalation id="esc_other" escalationCode="OTHER" />';

export const boundaryEventScenarios: Scenario[] = [
  // ----- timers -----
  {
    name: 'an interrupting timer on a user task ends the task and takes its own path',
    xml: reviewWith(
      boundary('timeout', 'review', timer('Duration', 'PT1H')),
      `<bpmn:task id="escalate" /><bpmn:endEvent id="lateEnd" />${chain('timeout', 'escalate', 'lateEnd')}`,
    ),
    when(h) {
      h.start();
      expect(h.wait('timeout', 'timer')).toMatchObject({ dueAt: '2026-01-05T09:00:00.000Z' });
      const task = h.wait('review', 'user-task');
      const timeout = h.wait('timeout', 'timer');
      h.fireTimer('timeout');
      expect(closings(h, task.key)).toEqual(['cancelled']);
      expect(closings(h, timeout.key)).toEqual(['triggered']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['review']);
      expect(h.completed()).toEqual(['escalate', 'lateEnd', 'start', 'timeout']);
    },
  },
  {
    name: 'a non-interrupting cycle timer R3/PT1H fires three times while the task stays open',
    xml: reviewWith(
      boundary('reminder', 'review', timer('Cycle', 'R3/PT1H'), false),
      `<bpmn:task id="remind" /><bpmn:endEvent id="remindEnd" />${chain('reminder', 'remind', 'remindEnd')}`,
    ),
    when(h) {
      h.start();
      const reminder = h.wait('reminder', 'timer');
      expect(reminder).toMatchObject({ dueAt: '2026-01-05T09:00:00.000Z' });
      h.fireTimer('reminder');
      expect(h.wait('reminder', 'timer')).toMatchObject({
        key: reminder.key,
        dueAt: '2026-01-05T10:00:00.000Z',
      });
      h.fireTimer('reminder');
      expect(h.wait('reminder', 'timer')).toMatchObject({ dueAt: '2026-01-05T11:00:00.000Z' });
      h.fireTimer('reminder');
      expect(h.waiting()).toEqual(['review']);
      expect(closings(h, reminder.key)).toEqual(['triggered']);
      expect(h.completed()).toEqual([
        'remind',
        'remind',
        'remind',
        'remindEnd',
        'remindEnd',
        'remindEnd',
        'reminder',
        'reminder',
        'reminder',
        'start',
      ]);
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual([]);
      expect(h.completed()).toEqual([
        'end',
        'remind',
        'remind',
        'remind',
        'remindEnd',
        'remindEnd',
        'remindEnd',
        'reminder',
        'reminder',
        'reminder',
        'review',
        'start',
      ]);
    },
  },
  {
    name: "completing a task closes its boundary events' waits",
    xml: reviewWith(
      boundary('reminder', 'review', timer('Duration', 'PT1H'), false) +
        boundary('withdrawn', 'review', message('msg_withdrawn')),
      `<bpmn:endEvent id="remindEnd" /><bpmn:endEvent id="withdrawnEnd" />${chain('reminder', 'remindEnd')}${chain('withdrawn', 'withdrawnEnd')}`,
      '<bpmn:message id="msg_withdrawn" name="application-withdrawn" />',
    ),
    when(h) {
      h.start();
      const reminder = h.wait('reminder', 'timer');
      const withdrawn = h.wait('withdrawn', 'message');
      h.completeUserTask('review', { approved: true });
      expect(closings(h, reminder.key)).toEqual(['cancelled']);
      expect(closings(h, withdrawn.key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'review', 'start']);
      expect(h.variables()).toEqual({ approved: true });
    },
  },
  {
    name: "completing a sub-process closes its boundary events' waits",
    xml: subProcessWith(
      boundary('timeout', 'sub', timer('Duration', 'P1D')) +
        boundary('stopped', 'sub', signal('sig_stop'), false),
      `<bpmn:endEvent id="lateEnd" /><bpmn:endEvent id="stoppedEnd" />${chain('timeout', 'lateEnd')}${chain('stopped', 'stoppedEnd')}`,
      '<bpmn:signal id="sig_stop" name="stop-all" />',
    ),
    when(h) {
      h.start();
      const timeout = h.wait('timeout', 'timer');
      const stopped = h.wait('stopped', 'signal');
      h.completeUserTask('inner');
      expect(closings(h, timeout.key)).toEqual(['cancelled']);
      expect(closings(h, stopped.key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.waiting()).toEqual([]);
      expect(h.completed()).toEqual(['end', 'inner', 'start', 'sub', 'subEnd', 'subStart']);
    },
  },
  {
    name: 'an interrupting timer on a sub-process terminates everything inside it',
    xml: subProcessWith(
      boundary('timeout', 'sub', timer('Duration', 'P1D')),
      `<bpmn:endEvent id="lateEnd" />${chain('timeout', 'lateEnd')}`,
    ),
    when(h) {
      h.start();
      const inner = h.wait('inner', 'user-task');
      h.fireTimer('timeout');
      expect(closings(h, inner.key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['inner', 'sub']);
      expect(h.completed()).toEqual(['lateEnd', 'start', 'subStart', 'timeout']);
    },
  },

  // ----- messages -----
  {
    name: 'an interrupting message on a sub-process ends it; its variables reach the process',
    xml: subProcessWith(
      boundary('withdrawn', 'sub', message('msg_withdrawn')),
      `<bpmn:task id="closeCase" /><bpmn:endEvent id="withdrawnEnd" />${chain('withdrawn', 'closeCase', 'withdrawnEnd')}`,
      '<bpmn:message id="msg_withdrawn" name="application-withdrawn" />',
    ),
    when(h) {
      h.start();
      h.correlate('application-withdrawn', { reason: 'moved' });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['inner', 'sub']);
      expect(h.completed()).toEqual(['closeCase', 'start', 'subStart', 'withdrawn', 'withdrawnEnd']);
      expect(h.variables()).toEqual({ reason: 'moved' });
    },
  },
  {
    name: 'a non-interrupting message on a task fires on every message while the task stays open',
    xml: reviewWith(
      boundary('question', 'review', message('msg_question'), false),
      `<bpmn:task id="answer" /><bpmn:endEvent id="answerEnd" />${chain('question', 'answer', 'answerEnd')}`,
      '<bpmn:message id="msg_question" name="citizen-question" />',
    ),
    when(h) {
      h.start();
      const subscription = h.wait('question', 'message');
      h.correlate('citizen-question', { question: 'when?' });
      h.correlate('citizen-question', { question: 'why?' });
      expect(h.waiting()).toEqual(['question', 'review']);
      h.completeUserTask('review');
      expect(closings(h, subscription.key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual([
        'answer',
        'answer',
        'answerEnd',
        'answerEnd',
        'end',
        'question',
        'question',
        'review',
        'start',
      ]);
      expect(h.variables()).toEqual({ question: 'why?' });
    },
  },

  // ----- signals -----
  {
    name: 'an interrupting signal on a sub-process ends it',
    xml: subProcessWith(
      boundary('stopped', 'sub', signal('sig_stop')),
      `<bpmn:endEvent id="stoppedEnd" />${chain('stopped', 'stoppedEnd')}`,
      '<bpmn:signal id="sig_stop" name="stop-all" />',
    ),
    when(h) {
      h.start();
      h.signal('stop-all', { stoppedBy: 'admin' });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['inner', 'sub']);
      expect(h.completed()).toEqual(['start', 'stopped', 'stoppedEnd', 'subStart']);
      expect(h.variables()).toEqual({ stoppedBy: 'admin' });
    },
  },
  {
    name: 'a non-interrupting signal on a task starts a parallel path and the task goes on',
    xml: reviewWith(
      boundary('notice', 'review', signal('sig_notice'), false),
      `<bpmn:task id="log" /><bpmn:endEvent id="noticeEnd" />${chain('notice', 'log', 'noticeEnd')}`,
      '<bpmn:signal id="sig_notice" name="rules-changed" />',
    ),
    when(h) {
      h.start();
      h.signal('rules-changed');
      expect(h.waiting()).toEqual(['notice', 'review']);
      const subscription = h.wait('notice', 'signal');
      h.completeUserTask('review');
      expect(closings(h, subscription.key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'log', 'notice', 'noticeEnd', 'review', 'start']);
    },
  },

  // ----- errors -----
  {
    name: "a worker's BPMN error is caught by the boundary with its exact code before a catch-all, which takes the rest",
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="charge" camunda:type="external" camunda:topic="charge" />
      <bpmn:endEvent id="end" />
      <bpmn:boundaryEvent id="anyError" attachedToRef="charge"><bpmn:errorEventDefinition camunda:errorCodeVariable="code" /></bpmn:boundaryEvent>
      <bpmn:boundaryEvent id="declined" attachedToRef="charge"><bpmn:errorEventDefinition errorRef="err_declined" camunda:errorCodeVariable="code" /></bpmn:boundaryEvent>
      <bpmn:task id="handleAny" /><bpmn:endEvent id="anyEnd" />
      <bpmn:task id="handleDeclined" /><bpmn:endEvent id="declinedEnd" />
      ${chain('start', 'charge', 'end')}
      ${chain('anyError', 'handleAny', 'anyEnd')}
      ${chain('declined', 'handleDeclined', 'declinedEnd')}`,
      { rootElements: '<bpmn:error id="err_declined" errorCode="DECLINED" />' },
    ),
    when(h) {
      h.start();
      h.start();
      const job = h.wait('charge', 'job', 'pi-1');
      h.throwError('charge', 'DECLINED', 'Card declined', 'pi-1');
      h.throwError('charge', 'TIMEOUT', undefined, 'pi-2');
      expect(closings(h, job.key)).toEqual(['triggered']);
    },
    then(h) {
      expect(h.status('pi-1')).toBe('completed');
      expect(h.terminated('pi-1')).toEqual(['charge']);
      expect(h.completed('pi-1')).toEqual(['declined', 'declinedEnd', 'handleDeclined', 'start']);
      expect(h.variables('pi-1')).toEqual({ code: 'DECLINED' });
      expect(h.status('pi-2')).toBe('completed');
      expect(h.completed('pi-2')).toEqual(['anyEnd', 'anyError', 'handleAny', 'start']);
      expect(h.variables('pi-2')).toEqual({ code: 'TIMEOUT' });
    },
  },
  {
    name: "an error end event inside a sub-process is caught by the sub-process's boundary",
    xml: subProcessWith(
      '<bpmn:boundaryEvent id="rejected" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="err_rejected" /></bpmn:boundaryEvent>',
      `<bpmn:task id="inform" /><bpmn:endEvent id="rejectedEnd" />${chain('rejected', 'inform', 'rejectedEnd')}`,
      '<bpmn:error id="err_rejected" errorCode="REJECTED" />',
      `<bpmn:startEvent id="subStart" />
        <bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="inner" />
        <bpmn:endEvent id="subEnd" />
        <bpmn:endEvent id="reject"><bpmn:errorEventDefinition errorRef="err_rejected" /></bpmn:endEvent>
        ${chain('subStart', 'fork')}
        ${chain('fork', 'inner', 'subEnd')}
        ${chain('fork', 'reject')}`,
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.waiting()).toEqual([]);
      expect(h.completed()).toEqual(['fork', 'inform', 'rejected', 'rejectedEnd', 'start', 'subStart']);
      expect(h.terminated()).toEqual(['inner', 'reject', 'sub']);
      expect(h.events).toContainEqual({
        type: 'error.thrown',
        elementId: 'reject',
        errorCode: 'REJECTED',
        caughtBy: 'rejected',
      });
    },
  },
  {
    name: 'an uncaught BPMN error ends the instance as failed and records why',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="charge" camunda:type="external" camunda:topic="charge" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'charge', 'end')}`),
    when(h) {
      h.start();
      h.throwError('charge', 'DECLINED', 'Card declined');
    },
    then(h) {
      expect(h.status()).toBe('failed');
      expect(h.state().failure).toEqual({
        errorCode: 'DECLINED',
        errorMessage: 'Card declined',
        elementId: 'charge',
      });
      expect(h.completed()).toEqual(['start']);
      expect(h.terminated()).toEqual(['charge']);
      expect(h.waiting()).toEqual([]);
      expect(h.effects.at(-1)).toEqual({ type: 'instance.ended', status: 'failed' });
    },
  },

  // ----- escalations -----
  {
    name: 'an escalation thrown inside a sub-process is caught by an interrupting boundary, which ends the sub-process',
    xml: subProcessWith(
      `<bpmn:boundaryEvent id="late" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="esc_late" camunda:escalationCodeVariable="escalated" /></bpmn:boundaryEvent>`,
      `<bpmn:task id="handleLate" /><bpmn:endEvent id="lateEnd" />${chain('late', 'handleLate', 'lateEnd')}`,
      ESCALATIONS,
      ESCALATING_SUB_PROCESS,
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['handleLate', 'late', 'lateEnd', 'start', 'subStart']);
      expect(h.terminated()).toEqual(['raise', 'sub']);
      expect(h.variables()).toEqual({ escalated: 'LATE' });
    },
  },
  {
    name: 'an escalation caught by a non-interrupting boundary starts a parallel path and the sub-process goes on',
    xml: subProcessWith(
      boundary('late', 'sub', escalation('esc_late'), false),
      `<bpmn:task id="handleLate" /><bpmn:endEvent id="lateEnd" />${chain('late', 'handleLate', 'lateEnd')}`,
      ESCALATIONS,
      ESCALATING_SUB_PROCESS,
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual([]);
      expect(h.completed()).toEqual([
        'afterRaise',
        'end',
        'handleLate',
        'late',
        'lateEnd',
        'raise',
        'start',
        'sub',
        'subEnd',
        'subStart',
      ]);
    },
  },
  {
    name: 'an uncaught escalation ends nothing: the thrower and its sub-process carry on',
    xml: subProcessWith(
      boundary('other', 'sub', escalation('esc_other')),
      `<bpmn:endEvent id="otherEnd" />${chain('other', 'otherEnd')}`,
      ESCALATIONS,
      ESCALATING_SUB_PROCESS,
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual([]);
      expect(h.completed()).toEqual(['afterRaise', 'end', 'raise', 'start', 'sub', 'subEnd', 'subStart']);
      expect(h.events).toContainEqual({
        type: 'escalation.thrown',
        elementId: 'raise',
        escalationCode: 'LATE',
      });
    },
  },

  // ----- conditions -----
  {
    name: 'a non-interrupting conditional boundary fires when variables make its condition true, once per change to true',
    xml: reviewWith(
      boundary('changed', 'review', condition('${changed == true}'), false),
      `<bpmn:task id="recheck" /><bpmn:endEvent id="recheckEnd" />${chain('changed', 'recheck', 'recheckEnd')}`,
    ),
    when(h) {
      h.start({ variables: { changed: false } });
      const subscription = h.wait('changed', 'conditional');
      h.setVariables({ note: 'unrelated' });
      expect(h.completed()).toEqual(['start']);
      h.setVariables({ changed: true });
      expect(h.completed()).toEqual(['changed', 'recheck', 'recheckEnd', 'start']);
      expect(h.waiting()).toEqual(['changed', 'review']);
      h.setVariables({ note: 'still true' });
      expect(h.completed()).toEqual(['changed', 'recheck', 'recheckEnd', 'start']);
      h.completeUserTask('review');
      expect(closings(h, subscription.key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['changed', 'end', 'recheck', 'recheckEnd', 'review', 'start']);
      expect(h.variables()).toEqual({ changed: true, note: 'still true' });
    },
  },
  {
    name: 'an interrupting conditional boundary ends its task when its condition becomes true',
    xml: reviewWith(
      boundary('tooLarge', 'review', condition('=amount > 1000')),
      `<bpmn:task id="escalate" /><bpmn:endEvent id="largeEnd" />${chain('tooLarge', 'escalate', 'largeEnd')}`,
    ),
    when(h) {
      h.start({ variables: { amount: 10 } });
      const task = h.wait('review', 'user-task');
      h.setVariables({ amount: 5000 });
      expect(closings(h, task.key)).toEqual(['cancelled']);
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['review']);
      expect(h.completed()).toEqual(['escalate', 'largeEnd', 'start', 'tooLarge']);
    },
  },
];
