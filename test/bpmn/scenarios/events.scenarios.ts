import { expect } from '@jest/globals';
import { bpmnDocument, chain, flow } from '../../support/bpmn-xml.js';
import type { Scenario } from '../../support/scenario.js';

/** A process that catches one event between its start and end; the catch event is `wait`. */
function catching(definition: string, options: Parameters<typeof bpmnDocument>[1] = {}): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateCatchEvent id="wait">${definition}</bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end" />
      ${chain('start', 'wait', 'end')}`,
    options,
  );
}

const timer = (kind: 'timeDate' | 'timeDuration' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;

/** A second process that waits at an intermediate signal catch event for `signal`. */
const signalWaiter = `<bpmn:process id="waiter" isExecutable="true">
    <bpmn:startEvent id="waiterStart" />
    <bpmn:intermediateCatchEvent id="onSignal"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateCatchEvent>
    <bpmn:endEvent id="waiterEnd" />
    ${chain('waiterStart', 'onSignal', 'waiterEnd')}
  </bpmn:process>`;

/** A second process started by the message `case-opened`. */
const messageReceiver = `<bpmn:process id="receiver" isExecutable="true">
    <bpmn:startEvent id="onCase"><bpmn:messageEventDefinition messageRef="msg_case" /></bpmn:startEvent>
    <bpmn:endEvent id="receiverEnd" />
    ${flow('rf', 'onCase', 'receiverEnd')}
  </bpmn:process>`;

const startEventScenarios: Scenario[] = [
  {
    name: 'a none start event starts the process, a none end event completes it',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'end')}`),
    when(h) {
      h.start({ variables: { caseId: 'C-1' } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start']);
      expect(h.variables()).toEqual({ caseId: 'C-1' });
    },
  },
  {
    name: 'a message start event starts the process on its message, whose variables arrive',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="onApplication"><bpmn:messageEventDefinition messageRef="msg_app" /></bpmn:startEvent>
      <bpmn:userTask id="review" />
      <bpmn:endEvent id="end" />
      ${chain('onApplication', 'review', 'end')}`,
      { rootElements: '<bpmn:message id="msg_app" name="application-received" />' },
    ),
    when(h) {
      h.correlate('application-received', { applicant: 'Anna' });
      expect(h.waiting()).toEqual(['review']);
      h.completeUserTask('review');
    },
    then(h) {
      expect(h.state().processId).toBe('scenario');
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'onApplication', 'review']);
      expect(h.variables()).toEqual({ applicant: 'Anna' });
      expect(h.unmatchedMessages).toEqual([]);
    },
  },
  {
    name: 'a timer start event starts the process when the runtime starts it at that event',
    xml: bpmnDocument(`
      <bpmn:startEvent id="manual" />
      <bpmn:startEvent id="nightly">${timer('timeCycle', '0 0 2 * * ?')}</bpmn:startEvent>
      <bpmn:endEvent id="end" />
      ${chain('manual', 'end')}
      ${flow('f_nightly', 'nightly', 'end')}`),
    when(h) {
      h.start({ startEventId: 'nightly' });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'nightly']);
    },
  },
  {
    name: 'a signal start event starts the process on its signal, whose variables arrive',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="onBudget"><bpmn:signalEventDefinition signalRef="sig_budget" /></bpmn:startEvent>
      <bpmn:endEvent id="end" />
      ${chain('onBudget', 'end')}`,
      { rootElements: '<bpmn:signal id="sig_budget" name="budget-approved" />' },
    ),
    when(h) {
      h.signal('budget-approved', { year: 2026 });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'onBudget']);
      expect(h.variables()).toEqual({ year: 2026 });
    },
  },
];

const endEventScenarios: Scenario[] = [
  {
    name: 'a terminate end event ends every other token of the process',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:userTask id="review" />
      <bpmn:endEvent id="reviewed" />
      <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>
      ${chain('start', 'fork', 'review', 'reviewed')}
      ${flow('f_fork_kill', 'fork', 'kill')}`),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['fork', 'kill', 'start']);
      expect(h.terminated()).toEqual(['review']);
      expect(h.waiting()).toEqual([]);
    },
  },
  {
    name: 'a terminate end event in a sub-process ends only the sub-process, which then completes',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart" />
        <bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="review" />
        <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent>
        ${chain('subStart', 'fork', 'review')}
        ${flow('f_fork_kill', 'fork', 'kill')}
      </bpmn:subProcess>
      <bpmn:userTask id="after" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'sub', 'after', 'end')}`),
    when(h) {
      h.start();
      expect(h.waiting()).toEqual(['after']);
      h.completeUserTask('after');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['after', 'end', 'fork', 'kill', 'start', 'sub', 'subStart']);
      expect(h.terminated()).toEqual(['review']);
    },
  },
  {
    name: 'an error end event in a sub-process is caught by the error boundary event on the sub-process',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart" />
        <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err_docs" /></bpmn:endEvent>
        ${chain('subStart', 'fail')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="onMissing" attachedToRef="sub"><bpmn:errorEventDefinition errorRef="err_docs" camunda:errorCodeVariable="code" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="handled" />
      ${chain('start', 'sub', 'end')}
      ${chain('onMissing', 'handled')}`,
      { rootElements: '<bpmn:error id="err_docs" name="Documents missing" errorCode="DOCS_MISSING" />' },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['handled', 'onMissing', 'start', 'subStart']);
      expect(h.terminated()).toEqual(['fail', 'sub']);
      expect(h.variables()).toEqual({ code: 'DOCS_MISSING' });
    },
  },
  {
    name: 'an uncaught error end event ends the instance as failed',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="err_docs" /></bpmn:endEvent>
      ${chain('start', 'fail')}`,
      { rootElements: '<bpmn:error id="err_docs" name="Documents missing" errorCode="DOCS_MISSING" />' },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('failed');
      expect(h.state().failure).toEqual({
        errorCode: 'DOCS_MISSING',
        errorMessage: 'Documents missing',
        elementId: 'fail',
      });
      expect(h.completed()).toEqual(['start']);
      expect(h.terminated()).toEqual(['fail']);
    },
  },
  {
    name: 'an escalation end event in a sub-process is caught by an interrupting escalation boundary event',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart" />
        <bpmn:endEvent id="escalate"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:endEvent>
        ${chain('subStart', 'escalate')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="onEscalation" attachedToRef="sub"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="escalated" />
      ${chain('start', 'sub', 'end')}
      ${chain('onEscalation', 'escalated')}`,
      { rootElements: '<bpmn:escalation id="esc" name="Late" escalationCode="LATE" />' },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['escalated', 'onEscalation', 'start', 'subStart']);
      expect(h.terminated()).toEqual(['escalate', 'sub']);
    },
  },
  {
    name: 'an uncaught escalation end event just ends its token',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:endEvent id="escalate"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:endEvent>
      ${chain('start', 'escalate')}`,
      { rootElements: '<bpmn:escalation id="esc" name="Late" escalationCode="LATE" />' },
    ),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['escalate', 'start']);
      expect(h.events).toContainEqual({
        type: 'escalation.thrown',
        elementId: 'escalate',
        escalationCode: 'LATE',
      });
    },
  },
  {
    name: 'a message end event publishes its message, which starts another process of the document',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:endEvent id="notify">
        <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="caseId">\${caseId}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
        <bpmn:messageEventDefinition messageRef="msg_case" />
      </bpmn:endEvent>
      ${chain('start', 'notify')}`,
      { rootElements: '<bpmn:message id="msg_case" name="case-opened" />', extraProcesses: messageReceiver },
    ),
    when(h) {
      h.start({ variables: { caseId: 'C-7', secret: 'kept at home' } });
    },
    then(h) {
      expect(h.status('pi-1')).toBe('completed');
      expect(h.completed('pi-1')).toEqual(['notify', 'start']);
      expect(h.state('pi-2').processId).toBe('receiver');
      expect(h.completed('pi-2')).toEqual(['onCase', 'receiverEnd']);
      expect(h.variables('pi-2')).toEqual({ caseId: 'C-7' });
    },
  },
  {
    name: 'a signal end event lets another instance waiting for the signal continue',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:endEvent id="broadcast"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:endEvent>
      ${chain('start', 'broadcast')}`,
      { rootElements: '<bpmn:signal id="sig" name="deadline-passed" />', extraProcesses: signalWaiter },
    ),
    when(h) {
      const waiter = h.start({ processId: 'waiter' });
      expect(h.waiting('signal', waiter)).toEqual(['onSignal']);
      h.start();
    },
    then(h) {
      expect(h.status('pi-2')).toBe('completed');
      expect(h.completed('pi-2')).toEqual(['broadcast', 'start']);
      expect(h.status('pi-1')).toBe('completed');
      expect(h.completed('pi-1')).toEqual(['onSignal', 'waiterEnd', 'waiterStart']);
    },
  },
];

const timerCatchScenarios: Scenario[] = [
  {
    name: 'a timer catch event with an ISO date and offset waits until that instant',
    xml: catching(timer('timeDate', '2026-02-01T10:00:00+01:00')),
    when(h) {
      h.start();
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-02-01T09:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
      expect(h.now().toISOString()).toBe('2026-02-01T09:00:00.000Z');
    },
  },
  {
    name: 'a timer catch event with a duration waits that long from its activation',
    xml: catching(timer('timeDuration', 'PT2H')),
    when(h) {
      h.start();
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-01-05T10:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
    },
  },
  {
    name: 'a timer catch event with a repeating cycle fires once, at the first repetition',
    xml: catching(timer('timeCycle', 'R3/PT1H')),
    when(h) {
      h.start();
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-01-05T09:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
      expect(h.waiting()).toEqual([]);
    },
  },
  {
    name: 'a timer catch event with a cron cycle waits for the next weekday 09:00 Copenhagen time',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:intermediateCatchEvent id="fridayNoon">${timer('timeDate', '2026-01-09T12:00:00Z')}</bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="nextWorkday">${timer('timeCycle', '0 0 9 ? * MON-FRI')}</bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end" />
      ${chain('start', 'fridayNoon', 'nextWorkday', 'end')}`),
    when(h) {
      h.start();
      h.fireTimer('fridayNoon');
      // Friday after nine: the weekend is skipped; 09:00 in Copenhagen is 08:00 UTC in winter.
      expect(h.wait('nextWorkday', 'timer')).toMatchObject({ dueAt: '2026-01-12T08:00:00.000Z' });
      h.fireTimer('nextWorkday');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'fridayNoon', 'nextWorkday', 'start']);
    },
  },
  {
    name: 'a cron cycle due exactly now waits for its next occurrence, not for now',
    xml: catching(timer('timeCycle', '0 0 9 ? * MON-FRI')),
    when(h) {
      // The clock starts on Monday 2026-01-05 at 09:00 in Copenhagen.
      h.start();
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-01-06T08:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
    },
  },
  {
    name: 'a timer date without an offset is Copenhagen time',
    xml: catching(timer('timeDate', '2026-07-01T10:00:00')),
    when(h) {
      h.start();
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-07-01T08:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
    },
  },
  {
    name: 'a timer expression that gives no valid date raises an incident; fixing it and resolving continues',
    xml: catching(timer('timeDate', '${deadline}')),
    when(h) {
      h.start({ variables: { deadline: 'next tuesday' } });
      expect(h.waiting()).toEqual([]);
      const [incident] = h.incidents();
      expect(incident.elementId).toBe('wait');
      expect(incident.message).toContain("The timer of 'wait' is invalid");
      expect(incident.message).toContain('next tuesday');
      h.setVariables({ deadline: '2026-01-10T12:00:00Z' });
      h.resolveIncident('wait');
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-01-10T12:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
      expect(h.incidents()).toEqual([]);
    },
  },
  {
    name: 'a timer catch event takes its date from a JUEL expression',
    xml: catching(timer('timeDate', '${deadline}')),
    when(h) {
      h.start({ variables: { deadline: '2026-03-01T12:00:00Z' } });
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-03-01T12:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
    },
  },
  {
    name: 'a timer catch event takes its duration from a FEEL expression',
    xml: catching(timer('timeDuration', '=deadline'), { dialect: 'camunda8' }),
    when(h) {
      h.start({ variables: { deadline: 'P3D' } });
      expect(h.wait('wait', 'timer')).toMatchObject({ dueAt: '2026-01-08T08:00:00.000Z' });
      h.fireTimer('wait');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
    },
  },
];

const otherCatchScenarios: Scenario[] = [
  {
    name: 'a message catch event correlates only a message with its Camunda 8 correlation key',
    xml: catching('<bpmn:messageEventDefinition messageRef="msg_docs" />', {
      dialect: 'camunda8',
      rootElements: `<bpmn:message id="msg_docs" name="documents-received">
        <bpmn:extensionElements><zeebe:subscription correlationKey="=caseId" /></bpmn:extensionElements>
      </bpmn:message>`,
    }),
    when(h) {
      h.start({ variables: { caseId: 'C-42' } });
      expect(h.wait('wait', 'message')).toMatchObject({
        messageName: 'documents-received',
        correlationKey: 'C-42',
      });
      h.correlate('documents-received', { pages: 3 }, 'C-41');
      expect(h.waiting('message')).toEqual(['wait']);
      h.correlate('documents-received', { pages: 5 }, 'C-42');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
      expect(h.variables()).toEqual({ caseId: 'C-42', pages: 5 });
      expect(h.unmatchedMessages).toHaveLength(1);
      expect(h.unmatchedMessages[0]).toMatchObject({
        messageName: 'documents-received',
        correlationKey: 'C-41',
      });
    },
  },
  {
    name: 'a signal catch event continues on its signal and takes in its variables',
    xml: catching('<bpmn:signalEventDefinition signalRef="sig" />', {
      rootElements: '<bpmn:signal id="sig" name="register-updated" />',
    }),
    when(h) {
      h.start();
      h.signal('another-signal');
      expect(h.waiting('signal')).toEqual(['wait']);
      h.signal('register-updated', { version: 4 });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
      expect(h.variables()).toEqual({ version: 4 });
    },
  },
  {
    name: 'a link throw event continues at the link catch event of the same name',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateThrowEvent>
      <bpmn:intermediateCatchEvent id="otherLink"><bpmn:linkEventDefinition name="page3" /></bpmn:intermediateCatchEvent>
      <bpmn:intermediateCatchEvent id="cameFrom"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateCatchEvent>
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="otherEnd" />
      ${chain('start', 'goTo')}
      ${chain('cameFrom', 'end')}
      ${chain('otherLink', 'otherEnd')}`),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['cameFrom', 'end', 'goTo', 'start']);
    },
  },
  {
    name: 'a conditional catch event waits until a variable change makes its condition true',
    xml: catching(
      '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">${documentsComplete}</bpmn:condition></bpmn:conditionalEventDefinition>',
    ),
    when(h) {
      h.start({ variables: { documentsComplete: false } });
      expect(h.waiting('conditional')).toEqual(['wait']);
      h.setVariables({ note: 'unrelated' });
      expect(h.waiting('conditional')).toEqual(['wait']);
      h.setVariables({ documentsComplete: true });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
    },
  },
  {
    name: 'a conditional catch event whose condition already holds passes at once',
    xml: catching(
      '<bpmn:conditionalEventDefinition><bpmn:condition xsi:type="bpmn:tFormalExpression">=amount &gt; 100</bpmn:condition></bpmn:conditionalEventDefinition>',
    ),
    when(h) {
      h.start({ variables: { amount: 250 } });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'start', 'wait']);
      expect(h.waiting()).toEqual([]);
    },
  },
];

const throwScenarios: Scenario[] = [
  {
    name: 'a none intermediate throw event passes the token on',
    xml: bpmnDocument(`
      <bpmn:startEvent id="start" />
      <bpmn:intermediateThrowEvent id="milestone" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'milestone', 'end')}`),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'milestone', 'start']);
    },
  },
  {
    name: 'a message intermediate throw event publishes its message and moves on',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateThrowEvent id="notify"><bpmn:messageEventDefinition messageRef="msg_case" /></bpmn:intermediateThrowEvent>
      <bpmn:userTask id="followUp" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'notify', 'followUp', 'end')}`,
      { rootElements: '<bpmn:message id="msg_case" name="case-opened" />', extraProcesses: messageReceiver },
    ),
    when(h) {
      h.start();
      expect(h.waiting('user-task', 'pi-1')).toEqual(['followUp']);
      h.completeUserTask('followUp', {}, 'pi-1');
    },
    then(h) {
      expect(h.status('pi-1')).toBe('completed');
      expect(h.completed('pi-1')).toEqual(['end', 'followUp', 'notify', 'start']);
      expect(h.completed('pi-2')).toEqual(['onCase', 'receiverEnd']);
    },
  },
  {
    name: 'a signal intermediate throw event lets a waiting instance continue and moves on',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateThrowEvent id="broadcast"><bpmn:signalEventDefinition signalRef="sig" /></bpmn:intermediateThrowEvent>
      <bpmn:endEvent id="end" />
      ${chain('start', 'broadcast', 'end')}`,
      { rootElements: '<bpmn:signal id="sig" name="deadline-passed" />', extraProcesses: signalWaiter },
    ),
    when(h) {
      h.start({ processId: 'waiter' });
      h.start();
    },
    then(h) {
      expect(h.completed('pi-1')).toEqual(['onSignal', 'waiterEnd', 'waiterStart']);
      expect(h.completed('pi-2')).toEqual(['broadcast', 'end', 'start']);
    },
  },
  {
    name: 'an escalation intermediate throw event caught non-interrupting starts a parallel path and moves on',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:subProcess id="sub">
        <bpmn:startEvent id="subStart" />
        <bpmn:intermediateThrowEvent id="escalate"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="work" />
        <bpmn:endEvent id="subEnd" />
        ${chain('subStart', 'escalate', 'work', 'subEnd')}
      </bpmn:subProcess>
      <bpmn:boundaryEvent id="onEscalation" attachedToRef="sub" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
      <bpmn:userTask id="inform" />
      <bpmn:endEvent id="end" />
      <bpmn:endEvent id="informed" />
      ${chain('start', 'sub', 'end')}
      ${chain('onEscalation', 'inform', 'informed')}`,
      { rootElements: '<bpmn:escalation id="esc" name="Needs attention" escalationCode="ATTENTION" />' },
    ),
    when(h) {
      h.start();
      expect(h.waiting('user-task')).toEqual(['inform', 'work']);
      h.completeUserTask('work');
      h.completeUserTask('inform');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual([
        'end',
        'escalate',
        'inform',
        'informed',
        'onEscalation',
        'start',
        'sub',
        'subEnd',
        'subStart',
        'work',
      ]);
      expect(h.terminated()).toEqual([]);
    },
  },
];

/** Message throw events with a worker behind them wait for it, in both dialects, and publish nothing themselves. */
const messageWorkerScenarios: Scenario[] = [
  {
    name: 'a Camunda 7 message end event with an external task topic waits for its worker',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:endEvent id="notify"><bpmn:messageEventDefinition messageRef="m" camunda:type="external" camunda:topic="digital-post" /></bpmn:endEvent>
      ${chain('start', 'notify')}`,
      { rootElements: '<bpmn:message id="m" name="decision-sent" />' },
    ),
    when(h) {
      h.start();
      expect(h.wait('notify', 'job')).toMatchObject({ jobType: 'digital-post', jobKind: 'external-task' });
      expect(h.status()).toBe('active');
      h.completeJob('notify', { sent: true });
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['notify', 'start']);
      expect(h.effects.some((effect) => effect.type === 'message.published')).toBe(false);
      expect(h.variables()).toEqual({ sent: true });
    },
  },
  {
    name: 'a Camunda 8 intermediate message throw event with a job type waits for its worker, then continues',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:intermediateThrowEvent id="notify">
        <bpmn:extensionElements><zeebe:taskDefinition type="send-receipt" /></bpmn:extensionElements>
        <bpmn:messageEventDefinition messageRef="m" />
      </bpmn:intermediateThrowEvent>
      <bpmn:endEvent id="end" />
      ${chain('start', 'notify', 'end')}`,
      { dialect: 'camunda8', rootElements: '<bpmn:message id="m" name="receipt" />' },
    ),
    when(h) {
      h.start();
      expect(h.wait('notify', 'job')).toMatchObject({ jobType: 'send-receipt', jobKind: 'job', retries: 3 });
      h.completeJob('notify');
    },
    then(h) {
      expect(h.status()).toBe('completed');
      expect(h.completed()).toEqual(['end', 'notify', 'start']);
    },
  },
];

export const eventScenarios: Scenario[] = [
  ...startEventScenarios,
  ...endEventScenarios,
  ...timerCatchScenarios,
  ...otherCatchScenarios,
  ...throwScenarios,
  ...messageWorkerScenarios,
];
