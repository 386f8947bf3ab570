import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CommandRejectedError, typedVariablesOf } from '#bpmn';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { RuntimeHarness } from './runtime-harness.js';

let h: RuntimeHarness;

beforeAll(async () => {
  h = await RuntimeHarness.create();
  await h.deploy(
    'worker.bpmn',
    bpmnDocument(
      `<bpmn:startEvent id="start" />
       <bpmn:serviceTask id="lookup" camunda:type="external" camunda:topic="cpr-lookup" />
       <bpmn:boundaryEvent id="unknown" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>
       <bpmn:endEvent id="end" /><bpmn:endEvent id="notFound" />
       ${chain('start', 'lookup', 'end')}${chain('unknown', 'notFound')}`,
      { id: 'worker', rootElements: '<bpmn:error id="e" errorCode="NOT_FOUND" />' },
    ),
  );
});

afterAll(async () => {
  await h.close();
});

describe('external tasks done by outside workers', () => {
  it('are fetched and locked by one worker at a time, then completed with variables', async () => {
    const id = await h.start('worker', { caseNumber: 42, other: 'x' });
    const [first, second] = await Promise.all([
      h.runtime.externalTasks.fetchAndLock([''], 'worker-a', 10, [
        { topicName: 'cpr-lookup', lockDurationMs: 60_000, variables: ['caseNumber'] },
      ]),
      h.runtime.externalTasks.fetchAndLock([''], 'worker-b', 10, [
        { topicName: 'cpr-lookup', lockDurationMs: 60_000 },
      ]),
    ]);
    const all = [...first, ...second].filter((task) => task.processInstanceId === id);
    expect(all).toHaveLength(1);
    const [task] = all;
    expect(task).toMatchObject({
      topicName: 'cpr-lookup',
      activityId: 'lookup',
      processDefinitionKey: 'worker',
    });
    if (task.workerId === 'worker-a')
      expect(task.variables).toEqual({ caseNumber: { type: 'Integer', value: 42 } });
    const other = task.workerId === 'worker-a' ? 'worker-b' : 'worker-a';
    await expect(h.runtime.externalTasks.complete('', task.id, other)).rejects.toThrow(CommandRejectedError);
    await h.runtime.externalTasks.complete('', task.id, task.workerId, typedVariablesOf({ name: 'Anna' }));
    expect(await h.status(id)).toBe('completed');
  });

  it('turn a reported BPMN error into the error boundary event', async () => {
    const id = await h.start('worker');
    const [task] = (
      await h.runtime.externalTasks.fetchAndLock([''], 'w', 5, [
        { topicName: 'cpr-lookup', lockDurationMs: 60_000 },
      ])
    ).filter((candidate) => candidate.processInstanceId === id);
    await h.runtime.externalTasks.handleBpmnError('', task.id, 'w', 'NOT_FOUND', 'no such person');
    expect(await h.status(id)).toBe('completed');
    const ends = await h.query<{ activity_id: string }>(
      `SELECT activity_id FROM history_activity_instances WHERE process_instance_id = $1 AND activity_type = 'endEvent'`,
      [id],
    );
    expect(ends).toEqual([{ activity_id: 'notFound' }]);
  });

  it('count down retries on failures and raise an incident at zero', async () => {
    const id = await h.start('worker');
    const fetch = async () =>
      (
        await h.runtime.externalTasks.fetchAndLock([''], 'w', 5, [
          { topicName: 'cpr-lookup', lockDurationMs: 60_000 },
        ])
      ).filter((candidate) => candidate.processInstanceId === id);
    const [task] = await fetch();
    await h.runtime.externalTasks.handleFailure('', task.id, 'w', 'CPR register timed out', 1, 0);
    const [again] = await fetch();
    expect(again).toMatchObject({ id: task.id, retries: 1, errorMessage: 'CPR register timed out' });
    await h.runtime.externalTasks.handleFailure('', task.id, 'w', 'CPR register timed out again', 0, 0);
    expect(await fetch()).toEqual([]);
    const incidents = await h.query<{ incident_type: string; message: string }>(
      `SELECT incident_type, message FROM incidents WHERE process_instance_id = $1`,
      [id],
    );
    expect(incidents).toEqual([{ incident_type: 'job-failed', message: 'CPR register timed out again' }]);
  });

  it('are never handed to a worker of another tenant', async () => {
    const id = await h.start('worker');
    const others = await h.runtime.externalTasks.fetchAndLock(['aarhus'], 'w', 10, [
      { topicName: 'cpr-lookup', lockDurationMs: 1000 },
    ]);
    expect(others.filter((task) => task.processInstanceId === id)).toEqual([]);
  });
});
