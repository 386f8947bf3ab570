import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Variables } from 'camunda-external-task-client-js';
import { addressOf } from '../../apps/engine/src/servers/start-servers.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  deployLikeModeler,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
  startByKey,
} from './camunda-rest-client.js';

/**
 * The real camunda-external-task-client-js 3.1 (unmodified) against the engine: it long-polls, completes tasks with
 * variables, reports a failure that ends in an incident and a BPMN error that a boundary event catches.
 */
let apps: TestApps;
let engine: Http;
let client: Client | undefined;
const problems: unknown[] = [];

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200' });
  engine = apps.engine;
  const model = bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:serviceTask id="assess" name="Assess the application" camunda:type="external" camunda:topic="assess" />
     <bpmn:boundaryEvent id="rejected" attachedToRef="assess"><bpmn:errorEventDefinition errorRef="rejection" /></bpmn:boundaryEvent>
     <bpmn:serviceTask id="notify" camunda:type="external" camunda:topic="notify" />
     <bpmn:endEvent id="granted" /><bpmn:endEvent id="refused" />
     ${chain('start', 'assess', 'notify', 'granted')}${chain('rejected', 'refused')}`,
    { id: 'benefit', rootElements: '<bpmn:error id="rejection" errorCode="REJECTED" />' },
  );
  const deployed = await deployLikeModeler(apps.designer, 'benefit.bpmn', model);
  expect(deployed.status).toBe(200);

  client = new Client({
    baseUrl: `${addressOf(apps.servers.engine!).replace('localhost', '127.0.0.1')}/engine-rest`,
    workerId: 'benefit-worker',
    asyncResponseTimeout: 2000,
    interval: 50,
    lockDuration: 30_000,
    autoPoll: false,
  });
  for (const event of ['poll:error', 'complete:error', 'handleFailure:error', 'handleBpmnError:error']) {
    client.on(event, (...args: unknown[]) => problems.push([event, ...args]));
  }
  client.subscribe('assess', async ({ task, taskService }) => {
    const amount = task.variables.get('amount') as number;
    if (amount > 10_000) {
      await taskService.handleBpmnError(task, 'REJECTED', 'Amount above the limit');
      return;
    }
    const result = new Variables();
    result.set('approvedAmount', amount);
    result.set('assessment', { approved: true, by: 'benefit-worker' });
    await taskService.complete(task, result);
  });
  client.subscribe('notify', async ({ task, taskService }) => {
    if (task.variables.get('letterService') === 'down') {
      await taskService.handleFailure(task, {
        errorMessage: 'Digital Post did not answer',
        errorDetails: 'timeout after 30 s',
        retries: 0,
        retryTimeout: 0,
      });
      return;
    }
    await taskService.complete(task);
  });
  client.start();
}, 60_000);

afterAll(async () => {
  client?.stop();
  // Let the last long poll answer before the apps close.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  await apps?.stop();
}, 30_000);

function start(variables: Record<string, unknown>): Promise<string> {
  return startByKey(engine, 'benefit', { variables });
}

describe('camunda-external-task-client-js', () => {
  it('completes tasks with variables, and the instance ends', async () => {
    const id = await start({ amount: { value: 2500, type: 'Integer' } });
    await untilHistoricState(engine, id, 'COMPLETED');
    const activities = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${id}&sortBy=startTime&sortOrder=asc`,
    );
    expect(activities.body.map((activity: { activityId: string }) => activity.activityId)).toEqual([
      'start',
      'assess',
      'notify',
      'granted',
    ]);
    const variables = await engine.get(`/engine-rest/history/variable-instance?processInstanceId=${id}`);
    expect(variables.status).toBe(200);
    const byName = Object.fromEntries(
      (variables.body as Array<{ name: string; type: string; value: unknown }>).map((variable) => [
        variable.name,
        [variable.type, variable.type === 'Json' ? JSON.parse(variable.value as string) : variable.value],
      ]),
    );
    expect(byName).toEqual({
      amount: ['Integer', 2500],
      approvedAmount: ['Integer', 2500],
      assessment: ['Json', { approved: true, by: 'benefit-worker' }],
    });
    expect(problems).toEqual([]);
  });

  it('reports a BPMN error that the boundary event catches', async () => {
    const id = await start({ amount: { value: 50_000, type: 'Integer' } });
    await untilHistoricState(engine, id, 'COMPLETED');
    const ends = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${id}&activityId=refused`,
    );
    expect(ends.body).toHaveLength(1);
    const assess = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${id}&activityId=assess`,
    );
    expect(assess.body).toEqual([expect.objectContaining({ canceled: true })]);
    expect(problems).toEqual([]);
  });

  it('reports a failure without retries, which becomes an incident', async () => {
    const id = await start({
      amount: { value: 100, type: 'Integer' },
      letterService: { value: 'down', type: 'String' },
    });
    const deadline = Date.now() + 15_000;
    let incidents: Array<Record<string, unknown>> = [];
    while (incidents.length === 0 && Date.now() < deadline) {
      incidents = (await engine.get(`/engine-rest/incident?processInstanceId=${id}`)).body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(incidents).toEqual([
      expect.objectContaining({ activityId: 'notify', incidentMessage: 'Digital Post did not answer' }),
    ]);
    const [task] = (await engine.get(`/engine-rest/external-task?processInstanceId=${id}`)).body;
    expect(task).toMatchObject({
      activityId: 'notify',
      retries: 0,
      errorMessage: 'Digital Post did not answer',
    });
    expect((await engine.get(`/engine-rest/external-task/${task.id}/errorDetails`)).text).toBe(
      'timeout after 30 s',
    );
    const history = await engine.get(`/engine-rest/history/process-instance/${id}`);
    expect(history.body.state).toBe('ACTIVE');
    expect(problems).toEqual([]);
  });
});
