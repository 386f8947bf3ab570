import { expect } from '@jest/globals';
import type { Wait } from '#bpmn';
import { bpmnDocument, chain } from '../../support/bpmn-xml.js';
import type { ProcessHarness } from '../../support/process-harness.js';
import type { Scenario } from '../../support/scenario.js';

/** The caller is always the first instance started, its child the second. */
const CALLER = 'pi-1';
const CHILD = 'pi-2';

/** A called process `child` that waits at user task `childWork` (its completion variables decide what comes back). */
const WAITING_CHILD = `<bpmn:process id="child" isExecutable="true">
    <bpmn:startEvent id="childStart" />
    <bpmn:userTask id="childWork" />
    <bpmn:endEvent id="childEnd" />
    ${chain('childStart', 'childWork', 'childEnd')}
  </bpmn:process>`;

/** start → call (the given call activity, id `call`) → after (user task) → end, calling `child`. */
function caller(callActivity: string, options: { child?: string; boundaries?: string } = {}): string {
  return bpmnDocument(
    `
      <bpmn:startEvent id="start" />
      ${callActivity}
      <bpmn:userTask id="after" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'call', 'after', 'end')}
      ${options.boundaries ?? ''}`,
    {
      extraProcesses: options.child ?? WAITING_CHILD,
      rootElements: `<bpmn:error id="err_rejected" errorCode="REJECTED" />
        <bpmn:escalation id="esc_help" escalationCode="NEEDS_HELP" />`,
    },
  );
}

function callWait(h: ProcessHarness): Extract<Wait, { kind: 'call-activity' }> {
  const wait = h.wait('call', 'call-activity', CALLER);
  if (wait.kind !== 'call-activity') throw new Error('not a call');
  return wait;
}

export const callActivityScenarios: Scenario[] = [
  {
    name: 'Camunda 7: camunda:in and camunda:out map single variables, by name and by expression, types kept',
    xml: caller(`
      <bpmn:callActivity id="call" calledElement="child">
        <bpmn:extensionElements>
          <camunda:in source="caseNo" target="sagsnummer" />
          <camunda:in sourceExpression="\${amount * 2}" target="doubled" />
          <camunda:in source="deadline" target="deadline" />
          <camunda:in source="notThere" target="missing" />
          <camunda:out source="decision" target="result" />
          <camunda:out sourceExpression="\${decision == 'approved'}" target="approved" />
        </bpmn:extensionElements>
      </bpmn:callActivity>`),
    when(h) {
      h.start({
        variables: { caseNo: 'S-1', amount: 21, deadline: new Date('2026-02-01T00:00:00Z'), secret: 'no' },
      });
    },
    then(h) {
      expect(h.calledBy(CALLER)).toEqual([CHILD]);
      expect(h.state(CHILD).processId).toBe('child');
      expect(h.variables(CHILD)).toEqual({
        sagsnummer: 'S-1',
        doubled: 42,
        deadline: '2026-02-01T00:00:00.000Z',
        missing: null,
      });
      const child = h.state(CHILD);
      expect(child.variables[child.rootKey].deadline.type).toBe('Date');
      expect(callWait(h)).toMatchObject({ processId: 'child', binding: 'latest' });
    },
  },
  {
    name: 'Camunda 7: the out-mappings apply when the called process completes, and only they come back',
    xml: caller(`
      <bpmn:callActivity id="call" calledElement="child">
        <bpmn:extensionElements>
          <camunda:in source="caseNo" target="sagsnummer" />
          <camunda:out source="decision" target="result" />
          <camunda:out sourceExpression="\${decision == 'approved'}" target="approved" />
        </bpmn:extensionElements>
      </bpmn:callActivity>`),
    when(h) {
      h.start({ variables: { caseNo: 'S-1' } });
      h.completeUserTask('childWork', { decision: 'approved', note: 'child only' }, CHILD);
    },
    then(h) {
      expect(h.status(CHILD)).toBe('completed');
      expect(h.variables(CALLER)).toEqual({ caseNo: 'S-1', result: 'approved', approved: true });
      expect(h.completed(CALLER)).toEqual(['call', 'start']);
      expect(h.waiting('user-task', CALLER)).toEqual(['after']);
    },
  },
  {
    name: 'Camunda 7: variables="all" hands every variable in and out',
    xml: caller(`
      <bpmn:callActivity id="call" calledElement="child">
        <bpmn:extensionElements>
          <camunda:in variables="all" />
          <camunda:out variables="all" />
        </bpmn:extensionElements>
      </bpmn:callActivity>`),
    when(h) {
      h.start({ variables: { caseNo: 'S-2', count: 1 } });
      h.completeUserTask('childWork', { count: 2, childResult: 'done' }, CHILD);
    },
    then(h) {
      expect(h.effects).toContainEqual(
        expect.objectContaining({
          type: 'wait.opened',
          wait: expect.objectContaining({
            kind: 'call-activity',
            variables: {
              caseNo: { type: 'String', value: 'S-2' },
              count: { type: 'Integer', value: 1 },
            },
          }),
        }),
      );
      expect(h.variables(CALLER)).toEqual({ caseNo: 'S-2', count: 2, childResult: 'done' });
    },
  },
  {
    name: 'Camunda 7: local="true" passes only the call activity’s own (input-mapped) variables',
    xml: caller(`
      <bpmn:callActivity id="call" calledElement="child">
        <bpmn:extensionElements>
          <camunda:inputOutput><camunda:inputParameter name="onlyThis">\${caseNo}</camunda:inputParameter></camunda:inputOutput>
          <camunda:in variables="all" local="true" />
        </bpmn:extensionElements>
      </bpmn:callActivity>`),
    when(h) {
      h.start({ variables: { caseNo: 'S-3', other: true } });
    },
    then(h) {
      expect(h.variables(CHILD)).toEqual({ onlyThis: 'S-3' });
    },
  },
  {
    name: "the business key: the caller's own passed on (execution.processBusinessKey), or an expression",
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:parallelGateway id="fork" />
      <bpmn:callActivity id="inherit" calledElement="child">
        <bpmn:extensionElements><camunda:in businessKey="#{execution.processBusinessKey}" /></bpmn:extensionElements>
      </bpmn:callActivity>
      <bpmn:callActivity id="computed" calledElement="child">
        <bpmn:extensionElements><camunda:in businessKey="sag-\${caseNo}" /></bpmn:extensionElements>
      </bpmn:callActivity>
      <bpmn:endEvent id="endA" /><bpmn:endEvent id="endB" />
      ${chain('start', 'fork')}
      ${chain('fork', 'inherit', 'endA')}
      ${chain('fork', 'computed', 'endB')}`,
      { extraProcesses: WAITING_CHILD },
    ),
    when(h) {
      h.start({ businessKey: 'BK-77', variables: { caseNo: 12 } });
    },
    then(h) {
      const [first, second] = h.calledBy(CALLER);
      expect(h.state(first).businessKey).toBe('BK-77');
      expect(h.state(second).businessKey).toBe('sag-12');
    },
  },
  {
    name: 'binding: latest by default, or the latest with a version tag; the wait says which',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:callActivity id="call" calledElement="tagged" camunda:calledElementBinding="versionTag" camunda:calledElementVersionTag="\${tag}" />
      <bpmn:callActivity id="second" calledElement="child" camunda:calledElementBinding="latest" />
      <bpmn:endEvent id="end" />
      ${chain('start', 'call', 'second', 'end')}`,
      {
        extraProcesses: `${WAITING_CHILD}
        <bpmn:process id="tagged" isExecutable="true" camunda:versionTag="2024-1">
          <bpmn:startEvent id="taggedStart" /><bpmn:endEvent id="taggedEnd" />${chain('taggedStart', 'taggedEnd')}
        </bpmn:process>`,
      },
    ),
    when(h) {
      h.start({ variables: { tag: '2024-1' } });
    },
    then(h) {
      expect(h.effects).toContainEqual(
        expect.objectContaining({
          type: 'wait.opened',
          wait: expect.objectContaining({
            elementId: 'call',
            processId: 'tagged',
            binding: 'versionTag',
            versionTag: '2024-1',
          }),
        }),
      );
      // The tagged process ends at once; the caller moves on to the second call, bound to the latest version.
      const [tagged, latest] = h.calledBy(CALLER);
      expect(h.status(tagged)).toBe('completed');
      expect(h.wait('second', 'call-activity', CALLER)).toMatchObject({
        processId: 'child',
        binding: 'latest',
      });
      expect(h.state(latest).processId).toBe('child');
    },
  },
  {
    name: 'an error thrown in the called process is caught by an error boundary event on the call activity',
    xml: caller(`<bpmn:callActivity id="call" calledElement="child" />`, {
      child: `<bpmn:process id="child" isExecutable="true">
        <bpmn:startEvent id="childStart" />
        <bpmn:userTask id="childWork" />
        <bpmn:endEvent id="childRejects"><bpmn:errorEventDefinition errorRef="err_rejected" /></bpmn:endEvent>
        ${chain('childStart', 'childWork', 'childRejects')}
      </bpmn:process>`,
      boundaries: `
        <bpmn:boundaryEvent id="onRejected" attachedToRef="call">
          <bpmn:errorEventDefinition errorRef="err_rejected" camunda:errorCodeVariable="why" />
        </bpmn:boundaryEvent>
        <bpmn:userTask id="handleRejection" />
        <bpmn:endEvent id="endRejected" />
        ${chain('onRejected', 'handleRejection', 'endRejected')}`,
    }),
    when(h) {
      h.start();
      h.completeUserTask('childWork', {}, CHILD);
    },
    then(h) {
      expect(h.status(CHILD)).toBe('failed');
      expect(h.state(CHILD).failure).toMatchObject({ errorCode: 'REJECTED', elementId: 'childRejects' });
      expect(h.events).toContainEqual({
        type: 'error.thrown',
        elementId: 'call',
        errorCode: 'REJECTED',
        caughtBy: 'onRejected',
      });
      expect(h.terminated(CALLER)).toEqual(['call']);
      expect(h.waiting('user-task', CALLER)).toEqual(['handleRejection']);
      expect(h.variables(CALLER)).toEqual({ why: 'REJECTED' });
      expect(h.status(CALLER)).toBe('active');
    },
  },
  {
    name: 'an escalation from the called process is caught non-interruptingly: both go on, then the call completes',
    xml: caller(`<bpmn:callActivity id="call" calledElement="child" />`, {
      child: `<bpmn:process id="child" isExecutable="true">
        <bpmn:startEvent id="childStart" />
        <bpmn:intermediateThrowEvent id="askForHelp"><bpmn:escalationEventDefinition escalationRef="esc_help" /></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="childWork" />
        <bpmn:endEvent id="childEnd" />
        ${chain('childStart', 'askForHelp', 'childWork', 'childEnd')}
      </bpmn:process>`,
      boundaries: `
        <bpmn:boundaryEvent id="onHelp" attachedToRef="call" cancelActivity="false">
          <bpmn:escalationEventDefinition escalationRef="esc_help" />
        </bpmn:boundaryEvent>
        <bpmn:userTask id="help" />
        <bpmn:endEvent id="endHelp" />
        ${chain('onHelp', 'help', 'endHelp')}`,
    }),
    when(h) {
      h.start();
      // While the helper's task is open the call still waits for its child.
      expect(h.waiting(undefined, CALLER)).toEqual(['call', 'help']);
      expect(h.waiting(undefined, CHILD)).toEqual(['childWork']);
      h.completeUserTask('childWork', {}, CHILD);
    },
    then(h) {
      expect(h.events).toContainEqual({
        type: 'escalation.thrown',
        elementId: 'call',
        escalationCode: 'NEEDS_HELP',
        caughtBy: 'onHelp',
      });
      expect(h.completed(CALLER)).toEqual(['call', 'onHelp', 'start']);
      expect(h.waiting(undefined, CALLER)).toEqual(['after', 'help']);
    },
  },
  {
    name: 'an escalation from the called process that nothing catches changes nothing in the caller',
    xml: caller(`<bpmn:callActivity id="call" calledElement="child" />`, {
      child: `<bpmn:process id="child" isExecutable="true">
        <bpmn:startEvent id="childStart" />
        <bpmn:intermediateThrowEvent id="askForHelp"><bpmn:escalationEventDefinition escalationRef="esc_help" /></bpmn:intermediateThrowEvent>
        <bpmn:userTask id="childWork" />
        <bpmn:endEvent id="childEnd" />
        ${chain('childStart', 'askForHelp', 'childWork', 'childEnd')}
      </bpmn:process>`,
    }),
    when(h) {
      h.start();
    },
    then(h) {
      expect(h.events.filter((event) => event.type === 'escalation.thrown')).toEqual([
        { type: 'escalation.thrown', elementId: 'askForHelp', escalationCode: 'NEEDS_HELP' },
        { type: 'escalation.thrown', elementId: 'call', escalationCode: 'NEEDS_HELP' },
      ]);
      expect(h.waiting(undefined, CALLER)).toEqual(['call']);
      expect(h.status(CALLER)).toBe('active');
    },
  },
  {
    name: 'cancelling the caller cancels the called instance',
    xml: caller(`<bpmn:callActivity id="call" calledElement="child" />`),
    when(h) {
      h.start();
      h.cancel(CALLER);
    },
    then(h) {
      expect(h.status(CALLER)).toBe('cancelled');
      expect(h.effects).toContainEqual({
        type: 'wait.closed',
        key: callWaitKey(h),
        kind: 'call-activity',
        reason: 'cancelled',
      });
      expect(h.status(CHILD)).toBe('cancelled');
      expect(h.waiting(undefined, CHILD)).toEqual([]);
    },
  },
  {
    name: 'an interrupting timer on the call activity ends it, and with it the called instance',
    xml: caller(`<bpmn:callActivity id="call" calledElement="child" />`, {
      boundaries: `
        <bpmn:boundaryEvent id="tooSlow" attachedToRef="call">
          <bpmn:timerEventDefinition><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition>
        </bpmn:boundaryEvent>
        <bpmn:endEvent id="endTooSlow" />
        ${chain('tooSlow', 'endTooSlow')}`,
    }),
    when(h) {
      h.start();
      h.fireTimer('tooSlow', CALLER);
    },
    then(h) {
      expect(h.terminated(CALLER)).toEqual(['call']);
      expect(h.status(CALLER)).toBe('completed');
      expect(h.status(CHILD)).toBe('cancelled');
    },
  },
  {
    name: 'an out-mapping that fails raises an incident at the call activity, which keeps waiting',
    xml: caller(`
      <bpmn:callActivity id="call" calledElement="child">
        <bpmn:extensionElements><camunda:out sourceExpression="\${decision.code}" target="code" /></bpmn:extensionElements>
      </bpmn:callActivity>`),
    when(h) {
      h.start();
      h.completeUserTask('childWork', {}, CHILD);
    },
    then(h) {
      expect(h.incidents(CALLER)).toEqual([
        expect.objectContaining({
          elementId: 'call',
          type: 'expression-failed',
          message: expect.stringContaining(
            "Failed to evaluate the out-mapping 'code' ('${decision.code}') of call activity 'call' on the called process's variables",
          ),
        }),
      ]);
      expect(h.waiting('call-activity', CALLER)).toEqual(['call']);
    },
  },
  {
    name: 'Camunda 8: zeebe:calledElement with an expression; by default every variable goes in and comes back',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:callActivity id="call">
        <bpmn:extensionElements><zeebe:calledElement processId="=&quot;chi&quot; + &quot;ld&quot;" /></bpmn:extensionElements>
      </bpmn:callActivity>
      <bpmn:endEvent id="end" />
      ${chain('start', 'call', 'end')}`,
      { dialect: 'camunda8', extraProcesses: WAITING_CHILD },
    ),
    when(h) {
      h.start({ variables: { caseNo: 'S-8' } });
      h.completeUserTask('childWork', { outcome: 'ok' }, CHILD);
    },
    then(h) {
      expect(h.state(CHILD).processId).toBe('child');
      expect(h.variables(CALLER)).toEqual({ caseNo: 'S-8', outcome: 'ok' });
      expect(h.status(CALLER)).toBe('completed');
    },
  },
  {
    name: 'Camunda 8: without propagating all variables only the input and output mappings cross',
    xml: bpmnDocument(
      `
      <bpmn:startEvent id="start" />
      <bpmn:callActivity id="call">
        <bpmn:extensionElements>
          <zeebe:calledElement processId="child" propagateAllChildVariables="false" propagateAllParentVariables="false" />
          <zeebe:ioMapping>
            <zeebe:input source="=caseNo" target="sag" />
            <zeebe:output source="=outcome" target="result" />
          </zeebe:ioMapping>
        </bpmn:extensionElements>
      </bpmn:callActivity>
      <bpmn:endEvent id="end" />
      ${chain('start', 'call', 'end')}`,
      { dialect: 'camunda8', extraProcesses: WAITING_CHILD },
    ),
    when(h) {
      h.start({ variables: { caseNo: 'S-9', private: 'no' } });
      h.completeUserTask('childWork', { outcome: 'ok', noise: 1 }, CHILD);
    },
    then(h) {
      expect(h.calledBy(CALLER)).toEqual([CHILD]);
      expect(h.effects).toContainEqual(
        expect.objectContaining({
          type: 'wait.opened',
          wait: expect.objectContaining({ variables: { sag: { type: 'String', value: 'S-9' } } }),
        }),
      );
      expect(h.variables(CALLER)).toEqual({ caseNo: 'S-9', private: 'no', result: 'ok' });
    },
  },
];

/** The key of the caller's call-activity wait, from the effect that opened it. */
function callWaitKey(h: ProcessHarness): string {
  const opened = h.effects.find(
    (effect) => effect.type === 'wait.opened' && effect.wait.kind === 'call-activity',
  );
  if (opened?.type !== 'wait.opened') throw new Error('no call was opened');
  return opened.wait.key;
}
