import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { typedVariablesOf } from '#bpmn';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import { RuntimeHarness } from './runtime-harness.js';

let h: RuntimeHarness;

beforeAll(async () => {
  h = await RuntimeHarness.create();
});

afterAll(async () => {
  await h.close();
});

describe('the durable runtime on real PostgreSQL', () => {
  it('runs a process that needs no wait state within its start transaction, history included', async () => {
    await h.deploy(
      'straight.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:task id="note" /><bpmn:exclusiveGateway id="gw" default="toB" />
         <bpmn:endEvent id="a" /><bpmn:endEvent id="b" />
         ${chain('start', 'note', 'gw')}${flow('toA', 'gw', 'a', '=amount > 1000')}${flow('toB', 'gw', 'b')}`,
        { id: 'straight' },
      ),
    );
    const id = await h.start('straight', { amount: 5000 });
    expect(await h.status(id)).toBe('completed');
    const [history] = await h.query<{ state: string; ended_at: Date | null }>(
      `SELECT state, ended_at FROM history_process_instances WHERE id = $1`,
      [id],
    );
    expect(history.state).toBe('completed');
    expect(history.ended_at).not.toBeNull();
    const activities = await h.query<{ activity_id: string; state: string }>(
      `SELECT activity_id, state FROM history_activity_instances WHERE process_instance_id = $1 ORDER BY started_at, activity_id`,
      [id],
    );
    expect(activities.map((row) => row.activity_id).sort()).toEqual(['a', 'gw', 'note', 'start', 'straight']);
    expect(activities.every((row) => row.state === 'completed')).toBe(true);
    const variables = await h.query<{ name: string; type: string; value: unknown }>(
      `SELECT name, type, value FROM variables WHERE process_instance_id = $1`,
      [id],
    );
    expect(variables).toEqual([{ name: 'amount', type: 'Integer', value: 5000 }]);
  });

  it('keeps a user task as a row until it is completed by a command', async () => {
    await h.deploy(
      'review.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:userTask id="review" camunda:candidateGroups="social" /><bpmn:endEvent id="end" />${chain('start', 'review', 'end')}`,
        { id: 'reviewing' },
      ),
    );
    const id = await h.start('reviewing');
    const [task] = await h.query<{ id: string; candidate_groups: string[] }>(
      `SELECT id, candidate_groups FROM user_tasks WHERE process_instance_id = $1`,
      [id],
    );
    expect(task.candidate_groups).toEqual(['social']);
    // The element instances active now: the process and its waiting task.
    expect(
      await h.query(
        `SELECT element_id, element_type FROM element_instances WHERE process_instance_id = $1 ORDER BY element_id`,
        [id],
      ),
    ).toEqual([
      { element_id: 'review', element_type: 'userTask' },
      { element_id: 'reviewing', element_type: 'process' },
    ]);
    await h.runtime.commands.run('', id, {
      type: 'trigger',
      waitKey: task.id,
      variables: typedVariablesOf({ ok: true }),
    });
    expect(await h.status(id)).toBe('completed');
    expect(await h.query(`SELECT id FROM user_tasks WHERE process_instance_id = $1`, [id])).toEqual([]);
    expect(await h.query(`SELECT id FROM element_instances WHERE process_instance_id = $1`, [id])).toEqual(
      [],
    );
  });

  it('fires a timer from PostgreSQL through the job workers', async () => {
    await h.deploy(
      'timer.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT0.3S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
         <bpmn:endEvent id="end" />${chain('start', 'wait', 'end')}`,
        { id: 'timer' },
      ),
    );
    const id = await h.start('timer');
    expect(await h.status(id)).toBe('active');
    await h.until(id, 'completed');
    expect(await h.query(`SELECT id FROM jobs WHERE process_instance_id = $1`, [id])).toEqual([]);
  });

  it('runs a connector outside the transaction and applies its result as a new command', async () => {
    await h.deploy(
      'connector.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="call" camunda:type="external" camunda:topic="connector:ok">
           <bpmn:extensionElements><camunda:inputOutput><camunda:inputParameter name="caseNumber">\${caseNumber}</camunda:inputParameter></camunda:inputOutput></bpmn:extensionElements>
         </bpmn:serviceTask><bpmn:endEvent id="end" />${chain('start', 'call', 'end')}`,
        { id: 'connector' },
      ),
    );
    const id = await h.start('connector', { caseNumber: 7, applicantCpr: '010190-1234' });
    await h.until(id, 'completed');
    const call = h.connectors.calls.find((candidate) => candidate.jobId.startsWith(id));
    expect(call?.jobType).toBe('connector:ok');
    // A connector gets what the task's input mappings hand it, nothing more.
    expect(call?.input).toEqual({ caseNumber: 7 });
    const [variable] = await h.query<{ value: unknown }>(
      `SELECT value FROM variables WHERE process_instance_id = $1 AND name = 'calledWith'`,
      [id],
    );
    expect(variable.value).toBe(call?.jobId);
  });

  it('retries a failing connector with backoff, then raises an incident that records the error', async () => {
    await h.deploy(
      'failing.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="call" camunda:type="external" camunda:topic="connector:retryable" /><bpmn:endEvent id="end" />${chain('start', 'call', 'end')}`,
        { id: 'failing' },
      ),
    );
    const id = await h.start('failing');
    const deadline = Date.now() + 10_000;
    let incidents: Array<{ incident_type: string; message: string }> = [];
    while (incidents.length === 0 && Date.now() < deadline) {
      await h.runtime.settled();
      incidents = await h.query(
        `SELECT incident_type, message FROM incidents WHERE process_instance_id = $1`,
        [id],
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(incidents).toEqual([{ incident_type: 'job-failed', message: 'the service answered 503' }]);
    const attempts = h.connectors.calls.filter(
      (call) => call.jobType === 'connector:retryable' && call.jobId.startsWith(id),
    );
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((call) => call.jobId)).size).toBe(1);
    const [job] = await h.query<{ retries: number; error_message: string }>(
      `SELECT retries, error_message FROM jobs WHERE process_instance_id = $1`,
      [id],
    );
    expect(job).toEqual({ retries: 0, error_message: 'the service answered 503' });

    // Resolving the incident gives the job fresh retries: it runs again (and fails again here).
    const [incident] = await h.query<{ id: string }>(
      `SELECT id FROM incidents WHERE process_instance_id = $1`,
      [id],
    );
    await h.runtime.incidents.resolve('', incident.id);
    expect(await h.query(`SELECT id FROM incidents WHERE id = $1`, [incident.id])).toEqual([]);
    const retriedDeadline = Date.now() + 10_000;
    while (Date.now() < retriedDeadline) {
      await h.runtime.settled();
      const again = h.connectors.calls.filter(
        (call) => call.jobType === 'connector:retryable' && call.jobId.startsWith(id),
      );
      if (again.length >= 6) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(
      h.connectors.calls.filter(
        (call) => call.jobType === 'connector:retryable' && call.jobId.startsWith(id),
      ),
    ).toHaveLength(6);
  });

  it('maps a permanent connector failure with a BPMN error code to the error boundary event', async () => {
    await h.deploy(
      'rejecting.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="call" camunda:type="external" camunda:topic="connector:rejects" />
         <bpmn:boundaryEvent id="notFound" attachedToRef="call"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>
         <bpmn:endEvent id="end" /><bpmn:endEvent id="handled" />${chain('start', 'call', 'end')}${chain('notFound', 'handled')}`,
        { id: 'rejecting', rootElements: '<bpmn:error id="e" errorCode="NOT_FOUND" />' },
      ),
    );
    const id = await h.start('rejecting');
    await h.until(id, 'completed');
    const ends = await h.query<{ activity_id: string }>(
      `SELECT activity_id FROM history_activity_instances WHERE process_instance_id = $1 AND activity_type = 'endEvent'`,
      [id],
    );
    expect(ends).toEqual([{ activity_id: 'handled' }]);
  });

  it('starts a called process, links both sides, and continues the caller when it completes', async () => {
    await h.deploy(
      'calls.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:callActivity id="call" calledElement="child"><bpmn:extensionElements><camunda:in variables="all" /><camunda:out variables="all" /></bpmn:extensionElements></bpmn:callActivity><bpmn:endEvent id="end" />${chain('start', 'call', 'end')}`,
        {
          id: 'parent',
          extraProcesses: `<bpmn:process id="child" isExecutable="true"><bpmn:startEvent id="cs" /><bpmn:userTask id="childTask" /><bpmn:endEvent id="ce" />${chain('cs', 'childTask', 'ce')}</bpmn:process>`,
        },
      ),
    );
    const parent = await h.start('parent', { applicant: 'Anna' });
    await h.runtime.settled();
    const [child] = await h.query<{ id: string; super_instance_id: string }>(
      `SELECT id, super_instance_id FROM process_instances WHERE super_instance_id = $1`,
      [parent],
    );
    expect(child.super_instance_id).toBe(parent);
    const task = await h.waitKey(child.id, 'childTask', 'user_tasks');
    await h.runtime.commands.run('', child.id, {
      type: 'trigger',
      waitKey: task,
      variables: typedVariablesOf({ decision: 'granted' }),
    });
    await h.until(parent, 'completed');
    const variables = await h.query<{ name: string; value: unknown }>(
      `SELECT name, value FROM variables WHERE process_instance_id = $1 ORDER BY name`,
      [parent],
    );
    expect(variables).toEqual([
      { name: 'applicant', value: 'Anna' },
      { name: 'decision', value: 'granted' },
    ]);
  });

  it('applies concurrent commands on one instance without losing either', async () => {
    await h.deploy(
      'concurrent.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
         <bpmn:userTask id="review" /><bpmn:receiveTask id="answer" messageRef="m" />
         <bpmn:parallelGateway id="join" /><bpmn:endEvent id="end" />
         ${chain('start', 'fork', 'review', 'join', 'end')}${chain('fork', 'answer', 'join')}`,
        { id: 'concurrent', rootElements: '<bpmn:message id="m" name="citizen-answered" />' },
      ),
    );
    const ids = await Promise.all(Array.from({ length: 5 }, () => h.start('concurrent')));
    await Promise.all(
      ids.flatMap((id) => [
        h.waitKey(id, 'review', 'user_tasks').then((key) =>
          h.runtime.commands.run('', id, {
            type: 'trigger',
            waitKey: key,
            variables: typedVariablesOf({ reviewed: true }),
          }),
        ),
        h.waitKey(id, 'answer', 'event_subscriptions').then((key) =>
          h.runtime.commands.run('', id, {
            type: 'trigger',
            waitKey: key,
            variables: typedVariablesOf({ answered: true }),
          }),
        ),
      ]),
    );
    for (const id of ids) {
      expect(await h.status(id)).toBe('completed');
      const variables = await h.query<{ name: string }>(
        `SELECT name FROM variables WHERE process_instance_id = $1 ORDER BY name`,
        [id],
      );
      expect(variables.map((row) => row.name)).toEqual(['answered', 'reviewed']);
    }
  });
});

describe('business rule tasks in the durable runtime', () => {
  it('evaluate the decision deployed as DMN, in its latest version', async () => {
    const dmn = (monthly: number) => `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="benefitRules" name="Benefit" namespace="https://kommune.example/dmn">
  <decision id="benefit" name="Benefit">
    <decisionTable id="t" hitPolicy="FIRST">
      <input id="i"><inputExpression id="ie" typeRef="number"><text>income</text></inputExpression></input>
      <output id="o" name="monthly" typeRef="number" />
      <rule id="r"><inputEntry><text>-</text></inputEntry><outputEntry><text>${monthly}</text></outputEntry></rule>
    </decisionTable>
  </decision>
</definitions>`;
    await h.deployments.deploy({
      tenantId: '',
      name: 'rules',
      files: [{ name: 'benefit.dmn', content: Buffer.from(dmn(1000)) }],
    });
    await h.deploy(
      'benefit.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:businessRuleTask id="decide" camunda:decisionRef="benefit" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="monthly" /><bpmn:endEvent id="end" />${chain('start', 'decide', 'end')}`,
        { id: 'benefitProcess' },
      ),
    );
    const first = await h.start('benefitProcess', { income: 1 });
    await h.deployments.deploy({
      tenantId: '',
      name: 'rules',
      files: [{ name: 'benefit.dmn', content: Buffer.from(dmn(2000)) }],
    });
    const second = await h.start('benefitProcess', { income: 1 });
    const monthly = async (id: string) =>
      (
        await h.query<{ value: unknown }>(
          `SELECT value FROM variables WHERE process_instance_id = $1 AND name = 'monthly'`,
          [id],
        )
      )[0]?.value;
    expect(await monthly(first)).toBe(1000);
    expect(await monthly(second)).toBe(2000);

    // Bound by version tag: the newest version carrying the tag, not the latest version.
    const tagged = (monthlyAmount: number, tag: string) =>
      dmn(monthlyAmount)
        .replace(
          'xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"',
          '$& xmlns:camunda="http://camunda.org/schema/1.0/dmn"',
        )
        .replace(
          '<decision id="benefit" name="Benefit">',
          `<decision id="benefit" name="Benefit" camunda:versionTag="${tag}">`,
        );
    for (const [amount, tag] of [
      [3000, 'rules-2026'],
      [4000, 'rules-2027'],
    ] as const) {
      await h.deployments.deploy({
        tenantId: '',
        name: 'rules',
        files: [{ name: 'benefit.dmn', content: Buffer.from(tagged(amount, tag)) }],
      });
    }
    await h.deploy(
      'tagged.bpmn',
      bpmnDocument(
        `<bpmn:startEvent id="start" /><bpmn:businessRuleTask id="decide" camunda:decisionRef="benefit" camunda:decisionRefBinding="versionTag" camunda:decisionRefVersionTag="rules-2026" camunda:mapDecisionResult="singleEntry" camunda:resultVariable="monthly" /><bpmn:endEvent id="end" />${chain('start', 'decide', 'end')}`,
        { id: 'taggedProcess' },
      ),
    );
    expect(await monthly(await h.start('taggedProcess', { income: 1 }))).toBe(3000);
  });
});
