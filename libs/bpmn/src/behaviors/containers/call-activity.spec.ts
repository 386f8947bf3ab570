import { describe, expect, it } from '@jest/globals';
import { CommandRejectedError } from '../../runtime/command-rejected.js';
import type { ProcessInstanceState, Wait } from '../../runtime/instance-state.js';
import { ProcessExecutor } from '../../runtime/process-executor.js';
import { typedVariablesOf } from '../../model/typed-value.js';
import { compileBpmn } from '../../validate/compile-bpmn.js';

/** start → call (calling `child`, with the given attributes and extension elements) → review (user task) → end. */
async function executorFor(callActivity: string, boundaries = ''): Promise<ProcessExecutor> {
  const { model, findings } = await compileBpmn(`<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
  <bpmn:escalation id="esc" escalationCode="LATE" />
  <bpmn:process id="caller" isExecutable="true">
    <bpmn:startEvent id="start" />
    ${callActivity}
    <bpmn:userTask id="review" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call" />
    <bpmn:sequenceFlow id="f2" sourceRef="call" targetRef="review" />
    <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="end" />
    ${boundaries}
  </bpmn:process>
</bpmn:definitions>`);
  if (!model) throw new Error(findings.map((finding) => finding.message).join('\n'));
  return new ProcessExecutor(model.processes[0], { now: () => new Date('2026-03-01T10:00:00Z') });
}

function waitOf(state: ProcessInstanceState, kind: Wait['kind']): Wait {
  const wait = Object.values(state.waits).find((candidate) => candidate.kind === kind);
  if (!wait) throw new Error(`no ${kind} wait`);
  return wait;
}

describe('call activity: the core describes the call, the runtime reports back on its wait', () => {
  it('opens a call-activity wait with the called process, its binding, version, tenant and start variables', async () => {
    const executor = await executorFor(`
      <bpmn:callActivity id="call" calledElement="\${kind}-sag" camunda:calledElementBinding="version" camunda:calledElementVersion="\${version}" camunda:calledElementTenantId="kommune-\${municipality}">
        <bpmn:extensionElements><camunda:in source="caseNo" target="caseNo" /></bpmn:extensionElements>
      </bpmn:callActivity>`);
    const started = executor.execute(null, {
      type: 'start',
      instanceId: 'pi',
      variables: typedVariablesOf({ kind: 'aktindsigt', version: 4, municipality: 101, caseNo: 'S-1' }),
    });
    expect(waitOf(started.state, 'call-activity')).toEqual({
      key: 'pi.4',
      ownerKey: 'pi.3',
      elementId: 'call',
      kind: 'call-activity',
      processId: 'aktindsigt-sag',
      binding: 'version',
      version: 4,
      tenantId: 'kommune-101',
      variables: { caseNo: { type: 'String', value: 'S-1' } },
    });
  });

  it('a called process id that evaluates to nothing is an incident at the call activity', async () => {
    const executor = await executorFor('<bpmn:callActivity id="call" calledElement="${target}" />');
    const started = executor.execute(null, {
      type: 'start',
      instanceId: 'pi',
      variables: typedVariablesOf({ target: '' }),
    });
    expect(Object.values(started.state.incidents)).toEqual([
      expect.objectContaining({
        elementId: 'call',
        incidentType: 'expression-failed',
        message: "Expected the called process id of call activity 'call' to name a process, but it was empty",
      }),
    ]);
  });

  it('completion applies the out-mappings, then the call activity leaves', async () => {
    const executor = await executorFor(`
      <bpmn:callActivity id="call" calledElement="child">
        <bpmn:extensionElements><camunda:out source="answer" target="childAnswer" /></bpmn:extensionElements>
      </bpmn:callActivity>`);
    const started = executor.execute(null, { type: 'start', instanceId: 'pi' });
    const wait = waitOf(started.state, 'call-activity');
    const done = executor.execute(started.state, {
      type: 'trigger',
      waitKey: wait.key,
      variables: typedVariablesOf({ answer: 42, other: 'x' }),
    });
    expect(done.state.variables[done.state.rootKey]).toEqual({ childAnswer: { type: 'Integer', value: 42 } });
    expect(done.effects).toContainEqual({
      type: 'wait.closed',
      key: wait.key,
      kind: 'call-activity',
      reason: 'triggered',
    });
    expect(waitOf(done.state, 'user-task').elementId).toBe('review');
  });

  it("a called process's error uncaught in the caller fails the caller too", async () => {
    const executor = await executorFor('<bpmn:callActivity id="call" calledElement="child" />');
    const started = executor.execute(null, { type: 'start', instanceId: 'pi' });
    const failed = executor.execute(started.state, {
      type: 'throw-error',
      waitKey: waitOf(started.state, 'call-activity').key,
      errorCode: 'BROKEN',
    });
    expect(failed.state.status).toBe('failed');
    expect(failed.state.failure).toEqual({ errorCode: 'BROKEN', elementId: 'call' });
  });

  it('an interrupting escalation boundary event ends the call activity and closes its wait as cancelled', async () => {
    const executor = await executorFor(
      '<bpmn:callActivity id="call" calledElement="child" />',
      `<bpmn:boundaryEvent id="late" attachedToRef="call"><bpmn:escalationEventDefinition escalationRef="esc" /></bpmn:boundaryEvent>
       <bpmn:endEvent id="lateEnd" /><bpmn:sequenceFlow id="f4" sourceRef="late" targetRef="lateEnd" />`,
    );
    const started = executor.execute(null, { type: 'start', instanceId: 'pi' });
    const wait = waitOf(started.state, 'call-activity');
    const escalated = executor.execute(started.state, {
      type: 'throw-escalation',
      waitKey: wait.key,
      escalationCode: 'LATE',
    });
    expect(escalated.effects).toContainEqual({
      type: 'wait.closed',
      key: wait.key,
      kind: 'call-activity',
      reason: 'cancelled',
    });
    expect(escalated.state.status).toBe('completed');
  });

  it('an escalation nobody catches changes nothing: the call activity keeps waiting', async () => {
    const executor = await executorFor('<bpmn:callActivity id="call" calledElement="child" />');
    const started = executor.execute(null, { type: 'start', instanceId: 'pi' });
    const wait = waitOf(started.state, 'call-activity');
    const escalated = executor.execute(started.state, {
      type: 'throw-escalation',
      waitKey: wait.key,
      escalationCode: 'LATE',
    });
    expect(escalated.state.waits).toEqual(started.state.waits);
    expect(escalated.events).toEqual([
      { type: 'escalation.thrown', elementId: 'call', escalationCode: 'LATE' },
    ]);
  });

  it('refuses an escalation reported on anything but a call activity, changing nothing', async () => {
    const executor = await executorFor('<bpmn:callActivity id="call" calledElement="child" />');
    const started = executor.execute(null, { type: 'start', instanceId: 'pi' });
    const done = executor.execute(started.state, {
      type: 'trigger',
      waitKey: waitOf(started.state, 'call-activity').key,
    });
    const review = waitOf(done.state, 'user-task');
    expect(() =>
      executor.execute(done.state, { type: 'throw-escalation', waitKey: review.key, escalationCode: 'LATE' }),
    ).toThrow(
      new CommandRejectedError(
        'invalid',
        'An escalation can only be reported from a called process (a call-activity wait), not from a user-task',
      ),
    );
  });
});
