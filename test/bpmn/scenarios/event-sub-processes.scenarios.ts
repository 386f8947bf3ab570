import { expect } from '@jest/globals';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

/** An event sub-process with one start event (`trigger` is its event definition) leading through `body` to its end. */
const eventSubProcess = (
  id: string,
  trigger: string,
  options: { interrupting?: boolean; body?: string } = {},
) => `
  <bpmn:subProcess id="${id}" triggeredByEvent="true">
    <bpmn:startEvent id="${id}_start" isInterrupting="${options.interrupting ?? true}">${trigger}</bpmn:startEvent>
    ${options.body ?? `<bpmn:task id="${id}_work" />`}
    <bpmn:endEvent id="${id}_end" />
    ${chain(`${id}_start`, options.body ? `${id}_task` : `${id}_work`, `${id}_end`)}
  </bpmn:subProcess>`;

const roots = `
  <bpmn:message id="msg_withdrawn" name="application-withdrawn" />
  <bpmn:signal id="sig_closed" name="office-closed" />
  <bpmn:error id="err_invalid" errorCode="INVALID" />
  <bpmn:escalation id="esc_late" escalationCode="LATE" />`;

/** start → review (user task) → end, plus the given event sub-processes at process level. */
const reviewWith = (eventSubProcesses: string) =>
  bpmnDocument(
    `
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review" />
    <bpmn:endEvent id="end" />
    ${chain('start', 'review', 'end')}
    ${eventSubProcesses}`,
    { rootElements: roots },
  );

export const eventSubProcessScenarios: Scenario[] = [
  {
    name: 'an interrupting message event sub-process ends the running work, runs, and the process completes',
    xml: reviewWith(
      eventSubProcess('onWithdrawn', '<bpmn:messageEventDefinition messageRef="msg_withdrawn" />') +
        eventSubProcess('onClosed', '<bpmn:signalEventDefinition signalRef="sig_closed" />'),
    ),
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['onClosed_start', 'onWithdrawn_start', 'review']);
      h.correlate('application-withdrawn', { reason: 'moved away' });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['review']);
      expect(h.completed()).toEqual([
        'onWithdrawn',
        'onWithdrawn_end',
        'onWithdrawn_start',
        'onWithdrawn_work',
        'start',
      ]);
      // The other event sub-process stopped listening once the first one took over.
      expect(h.waiting()).toEqual([]);
      expect(h.variables()).toEqual({ reason: 'moved away' });
    },
  },
  {
    name: 'a non-interrupting timer-cycle event sub-process fires each repetition beside the running work',
    xml: reviewWith(
      eventSubProcess(
        'reminder',
        '<bpmn:timerEventDefinition><bpmn:timeCycle>R2/PT24H</bpmn:timeCycle></bpmn:timerEventDefinition>',
        { interrupting: false },
      ),
    ),
    when(h) {
      h.start();
      const first = h.wait('reminder_start', 'timer');
      expect(first.kind === 'timer' && first.dueAt).toBe('2026-01-06T08:00:00.000Z');
      h.fireTimer('reminder_start');
      const second = h.wait('reminder_start', 'timer');
      expect(second.kind === 'timer' && second.dueAt).toBe('2026-01-07T08:00:00.000Z');
      h.fireTimer('reminder_start');
      expect(h.waiting()).toEqual(['review']);
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual([]);
      expect(h.completed()).toEqual([
        'end',
        'reminder',
        'reminder',
        'reminder_end',
        'reminder_end',
        'reminder_start',
        'reminder_start',
        'reminder_work',
        'reminder_work',
        'review',
        'start',
      ]);
    },
  },
  {
    name: 'a non-interrupting message event sub-process fires twice and the scope waits for both runs',
    xml: reviewWith(
      eventSubProcess('onQuestion', '<bpmn:messageEventDefinition messageRef="msg_withdrawn" />', {
        interrupting: false,
        body: '<bpmn:userTask id="onQuestion_task" />',
      }),
    ),
    when(h) {
      h.start();
      h.correlate('application-withdrawn');
      h.correlate('application-withdrawn');
      expect(h.waiting('user-task')).toEqual(['onQuestion_task', 'onQuestion_task', 'review']);
      h.completeUserTask('review');
      expect(h.status()).toBe('active');
      h.completeUserTask('onQuestion_task');
      h.completeUserTask('onQuestion_task');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed().filter((id) => id === 'onQuestion')).toHaveLength(2);
    },
  },
  {
    name: 'an error event sub-process catches a worker’s BPMN error and records its code',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:serviceTask id="validate" camunda:type="external" camunda:topic="validate" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'validate', 'end')}
      <bpmn:subProcess id="onInvalid" triggeredByEvent="true">
        <bpmn:startEvent id="onInvalid_start"><bpmn:errorEventDefinition errorRef="err_invalid" camunda:errorCodeVariable="code" /></bpmn:startEvent>
        <bpmn:endEvent id="onInvalid_end" />
        ${chain('onInvalid_start', 'onInvalid_end')}
      </bpmn:subProcess>`,
      { rootElements: roots },
    ),
    when(h) {
      h.start();
      h.throwError('validate', 'INVALID', 'CPR does not exist');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['validate']);
      expect(h.completed()).toEqual(['onInvalid', 'onInvalid_end', 'onInvalid_start', 'start']);
      expect(h.variables()).toEqual({ code: 'INVALID' });
    },
  },
  {
    name: 'inside a sub-process, its error event sub-process catches before a boundary event on the sub-process',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="case">
        <bpmn:startEvent id="case_start" />
        <bpmn:serviceTask id="validate" camunda:type="external" camunda:topic="validate" />
        <bpmn:endEvent id="case_end" />
        ${chain('case_start', 'validate', 'case_end')}
        ${eventSubProcess('inner', '<bpmn:errorEventDefinition errorRef="err_invalid" />')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="outer" attachedToRef="case"><bpmn:errorEventDefinition errorRef="err_invalid" /></bpmn:boundaryEvent>
      <bpmn:task id="afterCase" />
      <bpmn:task id="afterOuter" />
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="end2" />
      ${chain('start', 'case', 'afterCase', 'end')}
      ${chain('outer', 'afterOuter', 'end2')}`,
      { rootElements: roots },
    ),
    when(h) {
      h.start();
      h.throwError('validate', 'INVALID');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      // The sub-process was not interrupted from outside: it completed after its event sub-process ran.
      expect(h.completed()).toEqual([
        'afterCase',
        'case',
        'case_start',
        'end',
        'inner',
        'inner_end',
        'inner_start',
        'inner_work',
        'start',
      ]);
      expect(h.terminated()).toEqual(['validate']);
    },
  },
  {
    name: 'an error thrown inside an error event sub-process is not caught by it again but by the next level',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="case">
        <bpmn:startEvent id="case_start" />
        <bpmn:serviceTask id="validate" camunda:type="external" camunda:topic="validate" />
        <bpmn:endEvent id="case_end" />
        ${chain('case_start', 'validate', 'case_end')}
        <bpmn:subProcess id="retry" triggeredByEvent="true">
          <bpmn:startEvent id="retry_start"><bpmn:errorEventDefinition errorRef="err_invalid" /></bpmn:startEvent>
          <bpmn:endEvent id="retry_fail"><bpmn:errorEventDefinition errorRef="err_invalid" /></bpmn:endEvent>
          ${chain('retry_start', 'retry_fail')}
        </bpmn:subProcess>
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="outer" attachedToRef="case"><bpmn:errorEventDefinition errorRef="err_invalid" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="failedEnd" />
      ${chain('start', 'case', 'end')}
      ${chain('outer', 'failedEnd')}`,
      { rootElements: roots },
    ),
    when(h) {
      h.start();
      h.throwError('validate', 'INVALID');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['case_start', 'failedEnd', 'outer', 'retry_start', 'start']);
      expect(h.terminated().sort()).toEqual(['case', 'retry', 'retry_fail', 'validate']);
    },
  },
  {
    name: 'a non-interrupting escalation event sub-process runs while the thrower carries on',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateThrowEvent id="tellLate"><bpmn:escalationEventDefinition escalationRef="esc_late" /></bpmn:intermediateThrowEvent>
      <bpmn:userTask id="review" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'tellLate', 'review', 'end')}
      ${eventSubProcess('onLate', '<bpmn:escalationEventDefinition escalationRef="esc_late" />', {
        interrupting: false,
        body: '<bpmn:userTask id="onLate_task" />',
      })}`,
      { rootElements: roots },
    ),
    when(h) {
      h.start();
      expect(h.waiting('user-task')).toEqual(['onLate_task', 'review']);
      h.completeUserTask('onLate_task');
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual([
        'end',
        'onLate',
        'onLate_end',
        'onLate_start',
        'onLate_task',
        'review',
        'start',
        'tellLate',
      ]);
    },
  },
  {
    name: 'an interrupting escalation event sub-process ends the thrower and the other work',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:userTask id="review" />
      <bpmn:intermediateThrowEvent id="tellLate"><bpmn:escalationEventDefinition escalationRef="esc_late" /></bpmn:intermediateThrowEvent>
      <bpmn:task id="afterLate" />
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="end2" />
      ${chain('start', 'fork', 'review', 'end')}
      ${chain('fork', 'tellLate', 'afterLate', 'end2')}
      ${eventSubProcess('onLate', '<bpmn:escalationEventDefinition escalationRef="esc_late" />')}`,
      { rootElements: roots },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated().sort()).toEqual(['review', 'tellLate']);
      expect(h.completed()).toEqual(['fork', 'onLate', 'onLate_end', 'onLate_start', 'onLate_work', 'start']);
    },
  },
  {
    name: 'a signal event sub-process inside a sub-process interrupts only that sub-process, which then continues',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="case">
        <bpmn:startEvent id="case_start" />
        <bpmn:userTask id="work" />
        <bpmn:endEvent id="case_end" />
        ${chain('case_start', 'work', 'case_end')}
        ${eventSubProcess('onClosed', '<bpmn:signalEventDefinition signalRef="sig_closed" />')}
      </bpmn:subProcess>
      <bpmn:userTask id="archive" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'case', 'archive', 'end')}`,
      { rootElements: roots },
    ),
    when(h) {
      h.start();
      h.signal('office-closed');
      expect(h.waiting()).toEqual(['archive']);
      h.completeUserTask('archive');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['work']);
      expect(h.completed()).toContain('case');
    },
  },
  {
    name: 'a non-interrupting conditional event sub-process starts when a variable makes its condition true',
    xml: reviewWith(
      eventSubProcess(
        'onUrgent',
        '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=priority = "urgent"</bpmn:condition></bpmn:conditionalEventDefinition>',
        { interrupting: false },
      ),
    ),
    when(h) {
      h.start({ variables: { priority: 'normal' } });
      expect(h.completed()).not.toContain('onUrgent');
      h.setVariables({ priority: 'urgent' });
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed().filter((id) => id === 'onUrgent')).toHaveLength(1);
    },
  },
];

export const multipleTriggerEventSubProcessScenarios: Scenario[] = [
  {
    name: 'an event sub-process whose start event is a multiple event starts on whichever trigger comes first',
    xml: reviewWith(`
      <bpmn:subProcess id="onStop" triggeredByEvent="true">
        <bpmn:startEvent id="onStop_start">
          <bpmn:messageEventDefinition messageRef="msg_withdrawn" />
          <bpmn:signalEventDefinition signalRef="sig_closed" />
        </bpmn:startEvent>
        <bpmn:endEvent id="onStop_end" />
        ${chain('onStop_start', 'onStop_end')}
      </bpmn:subProcess>`),
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['onStop_start', 'onStop_start', 'review']);
      h.signal('office-closed');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.terminated()).toEqual(['review']);
      expect(h.waiting()).toEqual([]);
    },
  },
];
