import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  CAMUNDA_DATE,
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
  startByKey,
} from './camunda-rest-client.js';

/**
 * The external task API over HTTP as workers use it. The re-check interval of waiting fetches (RECONCILE_INTERVAL_MS)
 * is long here, so a long poll that answers quickly can only have been woken by the task's commit.
 */
let apps: TestApps;
let engine: Http;
const RECHECK_MS = 5000;

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: String(RECHECK_MS) });
  engine = apps.engine;
  const lookup = bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:serviceTask id="lookup" name="Look up the citizen" camunda:type="external" camunda:topic="cpr-lookup" camunda:taskPriority="7">
       <bpmn:extensionElements><camunda:properties><camunda:property name="register" value="CPR" /></camunda:properties></bpmn:extensionElements>
     </bpmn:serviceTask>
     <bpmn:boundaryEvent id="unknown" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="notFound" /></bpmn:boundaryEvent>
     <bpmn:endEvent id="found" /><bpmn:endEvent id="notFoundEnd" />
     ${chain('start', 'lookup', 'found')}${chain('unknown', 'notFoundEnd')}`,
    { id: 'citizen', rootElements: '<bpmn:error id="notFound" errorCode="NOT_FOUND" />' },
  );
  const deployed = await deployLikeModeler(apps.designer, 'citizen.bpmn', lookup);
  expect(deployed.body).toMatchObject({ name: 'citizen' });
  for (const topic of ['long-poll', 'locks', 'filters']) {
    const model = bpmnDocument(
      `<bpmn:startEvent id="start" /><bpmn:serviceTask id="work" camunda:type="external" camunda:topic="${topic}" />
       <bpmn:endEvent id="end" />${chain('start', 'work', 'end')}`,
      { id: topic },
    );
    expect((await deployLikeModeler(apps.designer, `${topic}.bpmn`, model)).status).toBe(200);
    const forTenant = await deployLikeModeler(apps.designer, `${topic}.bpmn`, model, { tenantId: 'aarhus' });
    expect(forTenant.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await apps?.stop();
}, 30_000);

function start(key: string, body: Record<string, unknown> = {}, tenantId?: string): Promise<string> {
  return startByKey(engine, key, body, tenantId);
}

function fetchAndLock(body: Record<string, unknown>) {
  return engine.post('/engine-rest/external-task/fetchAndLock').send(body);
}

/** Fetches one topic for a worker without waiting; only the tasks of `instanceId` when given. */
async function fetchTasks(
  workerId: string,
  topic: Record<string, unknown>,
  instanceId?: string,
): Promise<Array<Record<string, unknown>>> {
  const response = await fetchAndLock({
    workerId,
    maxTasks: 10,
    topics: [{ lockDuration: 60_000, ...topic }],
  });
  expect(response.status).toBe(200);
  const tasks = response.body as Array<Record<string, unknown>>;
  return instanceId ? tasks.filter((task) => task.processInstanceId === instanceId) : tasks;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fetch and lock', () => {
  it("answers Camunda's LockedExternalTaskDto with the variables asked for and the extension properties", async () => {
    const id = await start('citizen', {
      businessKey: 'sag-7',
      variables: {
        cpr: { value: '0101011234', type: 'String' },
        caseNumber: { value: 7, type: 'Integer' },
        household: { value: '{"adults":2}', type: 'Json' },
      },
    });
    const response = await fetchAndLock({
      workerId: 'worker-1',
      maxTasks: 1,
      usePriority: true,
      unknownOption: 'ignored',
      topics: [
        {
          topicName: 'cpr-lookup',
          lockDuration: 60_000,
          variables: ['cpr', 'household'],
          businessKey: 'sag-7',
          includeExtensionProperties: true,
        },
      ],
    });
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body).toHaveLength(1);
    const task = response.body[0];
    expect(Object.keys(task).sort()).toEqual(
      [
        'activityId',
        'activityInstanceId',
        'businessKey',
        'errorDetails',
        'errorMessage',
        'executionId',
        'extensionProperties',
        'id',
        'lockExpirationTime',
        'priority',
        'processDefinitionId',
        'processDefinitionKey',
        'processDefinitionVersionTag',
        'processInstanceId',
        'retries',
        'suspended',
        'tenantId',
        'topicName',
        'variables',
        'workerId',
      ].sort(),
    );
    expect(task).toMatchObject({
      activityId: 'lookup',
      businessKey: 'sag-7',
      errorMessage: null,
      extensionProperties: { register: 'CPR' },
      priority: 7,
      processDefinitionKey: 'citizen',
      processInstanceId: id,
      retries: null,
      suspended: false,
      tenantId: null,
      topicName: 'cpr-lookup',
      workerId: 'worker-1',
      variables: {
        cpr: { type: 'String', value: '0101011234', valueInfo: {} },
        household: { type: 'Json', value: '{"adults":2}', valueInfo: {} },
      },
    });
    expect(task.lockExpirationTime).toMatch(CAMUNDA_DATE);
    const lockedFor = Date.parse(task.lockExpirationTime.replace('+0000', 'Z')) - Date.now();
    expect(lockedFor).toBeGreaterThan(50_000);

    // Locked: nobody else gets it, and the worker completes it with variables.
    expect(await fetchTasks('worker-2', { topicName: 'cpr-lookup' }, id)).toEqual([]);
    const completed = await engine
      .post(`/engine-rest/external-task/${task.id}/complete`)
      .send({ workerId: 'worker-1', variables: { citizen: { value: 'Anna', type: 'String' } } });
    expect(completed.status).toBe(204);
    await untilHistoricState(engine, id, 'COMPLETED');
    expect((await engine.get(`/engine-rest/external-task/${task.id}`)).status).toBe(404);
  });

  it('answers a waiting fetch as soon as a matching task is committed', async () => {
    const began = Date.now();
    const waiting = fetchAndLock({
      workerId: 'patient',
      maxTasks: 2,
      asyncResponseTimeout: 20_000,
      topics: [{ topicName: 'long-poll', lockDuration: 10_000 }],
    }).then((response) => ({ response, at: Date.now() }));
    await sleep(300);
    const id = await start('long-poll');
    const { response, at } = await waiting;
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      expect.objectContaining({ processInstanceId: id, topicName: 'long-poll' }),
    ]);
    // Well before the re-check interval: the commit woke it.
    expect(at - began).toBeLessThan(RECHECK_MS - 1000);
    await engine
      .post(`/engine-rest/external-task/${response.body[0].id}/complete`)
      .send({ workerId: 'patient' })
      .expect(204);
  });

  it('does not wake for another topic or tenant, and answers an empty list when the timeout passes', async () => {
    const began = Date.now();
    const waiting = fetchAndLock({
      workerId: 'patient',
      maxTasks: 1,
      asyncResponseTimeout: 1500,
      topics: [{ topicName: 'long-poll', lockDuration: 10_000 }],
    });
    await sleep(200);
    const otherTenant = await start('long-poll', {}, 'aarhus');
    const otherTopic = await start('locks');
    const response = await waiting;
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body).toEqual([]);
    expect(Date.now() - began).toBeGreaterThanOrEqual(1400);
    // Still there for the right worker.
    expect(
      await fetchTasks('w', { topicName: 'long-poll', tenantIdIn: ['aarhus'] }, otherTenant),
    ).toHaveLength(1);
    expect(await fetchTasks('w', { topicName: 'locks' }, otherTopic)).toHaveLength(1);
  });

  it('refuses malformed requests with a 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ maxTasks: 1, topics: [] }, "'workerId'"],
      [{ workerId: 'w', topics: [] }, "'maxTasks'"],
      [{ workerId: 'w', maxTasks: -1 }, "'maxTasks'"],
      [{ workerId: 'w', maxTasks: 1, topics: [{ topicName: 'x' }] }, "'topics[0].lockDuration'"],
      [{ workerId: 'w', maxTasks: 1, topics: [{ lockDuration: 10 }] }, "'topics[0].topicName'"],
      [{ workerId: 'w', maxTasks: 1, asyncResponseTimeout: 1_800_001 }, "'asyncResponseTimeout'"],
      [
        { workerId: 'w', maxTasks: 1, topics: [{ topicName: 'x', lockDuration: 10, variables: 'a' }] },
        'variables',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await fetchAndLock(body);
      expect(response.status).toBe(400);
      expectCamundaJson(response);
      expect(response.body.type).toBe('InvalidRequestException');
      expect(response.body.message).toContain(field);
    }
  });
});

describe('locks', () => {
  it('make an expired task fetchable again, and refuse the worker that lost it', async () => {
    const id = await start('locks');
    const [task] = await fetchTasks('worker-a', { topicName: 'locks', lockDuration: 300 }, id);
    expect(task).toBeDefined();
    expect(await fetchTasks('worker-b', { topicName: 'locks' }, id)).toEqual([]);
    await sleep(400);
    const [again] = await fetchTasks('worker-b', { topicName: 'locks' }, id);
    expect(again?.id).toBe(task?.id);
    const refused = await engine
      .post(`/engine-rest/external-task/${task?.id}/complete`)
      .send({ workerId: 'worker-a' });
    expect(refused.status).toBe(400);
    expectCamundaJson(refused);
    expect(refused.body).toEqual({
      type: 'RestException',
      message: `External Task ${task?.id} cannot be completed by worker 'worker-a'. It is locked by worker 'worker-b'.`,
    });
    const failure = await engine
      .post(`/engine-rest/external-task/${task?.id}/failure`)
      .send({ workerId: 'worker-a', errorMessage: 'late', retries: 1, retryTimeout: 0 });
    expect(failure.status).toBe(400);
    expect(failure.body.message).toContain("cannot be reported by worker 'worker-a'");
    await engine
      .post(`/engine-rest/external-task/${task?.id}/complete`)
      .send({ workerId: 'worker-b' })
      .expect(204);
    await untilHistoricState(engine, id, 'COMPLETED');
  });

  it('are extended by their worker only, not once expired, and unlocked for anyone', async () => {
    const id = await start('locks');
    const [task] = await fetchTasks('worker-a', { topicName: 'locks', lockDuration: 300 }, id);
    const taskId = task?.id as string;
    const extend = (workerId: string, newDuration: unknown) =>
      engine.post(`/engine-rest/external-task/${taskId}/extendLock`).send({ workerId, newDuration });
    expect((await extend('worker-a', 10_000)).status).toBe(204);
    const byOther = await extend('worker-b', 10_000);
    expect(byOther.status).toBe(400);
    expect(byOther.body.message).toBe(
      `The lock of the External Task ${taskId} cannot be extended by worker 'worker-b'. It is locked by worker 'worker-a'.`,
    );
    expect((await extend('worker-a', 0)).status).toBe(400);
    await sleep(400);
    // Extended: still worker-a's after the first lock would have expired.
    expect(await fetchTasks('worker-b', { topicName: 'locks' }, id)).toEqual([]);
    const listed = await engine.get(`/engine-rest/external-task/${taskId}`);
    expect(listed.body).toMatchObject({ id: taskId, workerId: 'worker-a', topicName: 'locks' });
    expect(Date.parse(listed.body.lockExpirationTime.replace('+0000', 'Z')) - Date.now()).toBeGreaterThan(
      8000,
    );

    expect((await engine.post(`/engine-rest/external-task/${taskId}/unlock`)).status).toBe(204);
    const unlocked = await engine.get(`/engine-rest/external-task/${taskId}`);
    expect(unlocked.body).toMatchObject({ workerId: null, lockExpirationTime: null });
    const [taken] = await fetchTasks('worker-b', { topicName: 'locks', lockDuration: 200 }, id);
    expect(taken?.id).toBe(taskId);
    await sleep(300);
    const expired = await extend('worker-b', 10_000);
    expect(expired.status).toBe(400);
    expect(expired.body.message).toBe('Cannot extend a lock that expired');
  });
});

describe('failures, retries and incidents', () => {
  it('count down retries to an incident; setting retries resolves it and the task is fetchable again', async () => {
    const id = await start('filters');
    const [task] = await fetchTasks('worker-f', { topicName: 'filters' }, id);
    const taskId = task?.id as string;
    await engine
      .post(`/engine-rest/external-task/${taskId}/failure`)
      .send({
        workerId: 'worker-f',
        errorMessage: 'register down',
        errorDetails: 'stack: line 1',
        retries: 1,
        retryTimeout: 0,
      })
      .expect(204);
    const [retried] = await fetchTasks('worker-f', { topicName: 'filters' }, id);
    expect(retried).toMatchObject({
      id: taskId,
      retries: 1,
      errorMessage: 'register down',
      errorDetails: 'stack: line 1',
    });
    await engine
      .post(`/engine-rest/external-task/${taskId}/failure`)
      .send({ workerId: 'worker-f', errorMessage: 'still down', errorDetails: 'stack: line 2', retries: 0 })
      .expect(204);
    expect(await fetchTasks('worker-f', { topicName: 'filters' }, id)).toEqual([]);

    const details = await engine.get(`/engine-rest/external-task/${taskId}/errorDetails`);
    expect(details.status).toBe(200);
    expect(details.headers['content-type']).toMatch(/^text\/plain/);
    expect(details.text).toBe('stack: line 2');
    const incidents = await engine.get(`/engine-rest/incident?processInstanceId=${id}`);
    expect(incidents.body).toEqual([
      expect.objectContaining({
        activityId: 'work',
        incidentType: 'failedExternalTask',
        incidentMessage: 'still down',
      }),
    ]);
    const noRetries = await engine.get(
      `/engine-rest/external-task?processInstanceId=${id}&noRetriesLeft=true`,
    );
    expect(noRetries.body).toEqual([expect.objectContaining({ id: taskId, retries: 0 })]);

    await engine.put(`/engine-rest/external-task/${taskId}/retries`).send({ retries: 2 }).expect(204);
    expect((await engine.get(`/engine-rest/incident?processInstanceId=${id}`)).body).toEqual([]);
    const [back] = await fetchTasks('worker-f', { topicName: 'filters' }, id);
    expect(back).toMatchObject({ id: taskId, retries: 2 });
    await engine
      .post(`/engine-rest/external-task/${taskId}/complete`)
      .send({ workerId: 'worker-f' })
      .expect(204);
    await untilHistoricState(engine, id, 'COMPLETED');

    const missing = await engine.put(`/engine-rest/external-task/${taskId}/retries`).send({});
    expect(missing.status).toBe(400);
  });

  it('turns a reported BPMN error into the error boundary event', async () => {
    const id = await start('citizen');
    const [task] = await fetchTasks('worker-e', { topicName: 'cpr-lookup' }, id);
    await engine
      .post(`/engine-rest/external-task/${task?.id}/bpmnError`)
      .send({ workerId: 'worker-e', errorCode: 'NOT_FOUND', errorMessage: 'no such citizen' })
      .expect(204);
    await untilHistoricState(engine, id, 'COMPLETED');
    const ends = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${id}&activityId=notFoundEnd`,
    );
    expect(ends.body).toHaveLength(1);
  });
});

describe('listing external tasks', () => {
  it('filters by topic, worker, lock, instance and activity, counts, and never shows another tenant', async () => {
    const first = await start('filters', { businessKey: 'listing-1' });
    const second = await start('filters');
    const theirs = await start('filters', {}, 'aarhus');
    const [locked] = await fetchTasks('lister', { topicName: 'filters', businessKey: 'listing-1' }, first);
    expect(locked).toBeDefined();
    const list = async (query: string) => {
      const response = await engine.get(`/engine-rest/external-task?${query}`);
      expect(response.status).toBe(200);
      expectCamundaJson(response);
      return (response.body as Array<Record<string, unknown>>).filter((task) =>
        [first, second, theirs].includes(task.processInstanceId as string),
      );
    };
    expect((await list('topicName=filters&workerId=lister')).map((task) => task.processInstanceId)).toEqual([
      first,
    ]);
    expect((await list('topicName=filters&locked=true')).map((task) => task.processInstanceId)).toEqual([
      first,
    ]);
    expect((await list('topicName=filters&notLocked=true')).map((task) => task.processInstanceId)).toEqual([
      second,
    ]);
    expect(await list(`processInstanceId=${second}&activityId=work&withRetriesLeft=true`)).toEqual([
      expect.objectContaining({
        processInstanceId: second,
        activityId: 'work',
        topicName: 'filters',
        workerId: null,
        retries: null,
        suspended: false,
        tenantId: null,
        processDefinitionKey: 'filters',
      }),
    ]);
    expect(await list(`processInstanceId=${theirs}`)).toEqual([]);
    expect(await list(`processInstanceId=${theirs}&tenantIdIn=aarhus`)).toEqual([
      expect.objectContaining({ tenantId: 'aarhus' }),
    ]);
    const count = await engine.get(`/engine-rest/external-task/count?processInstanceIdIn=${first},${second}`);
    expectCamundaJson(count);
    expect(count.body).toEqual({ count: 2 });
    const sorted = await list(
      `processInstanceIdIn=${first},${second}&sortBy=processInstanceId&sortOrder=desc`,
    );
    expect(sorted.map((task) => task.processInstanceId)).toEqual([first, second].sort().reverse());
    const paged = await engine.get(
      `/engine-rest/external-task?processInstanceIdIn=${first},${second}&firstResult=1&maxResults=1`,
    );
    expect(paged.body).toHaveLength(1);
    expect((await engine.get('/engine-rest/external-task?locked=maybe')).status).toBe(400);
  });

  it("answers 404 for an unknown id and for another tenant's task", async () => {
    const theirs = await start('locks', {}, 'aarhus');
    const [task] = await fetchTasks('w', { topicName: 'locks', tenantIdIn: ['aarhus'] }, theirs);
    const taskId = task?.id as string;
    for (const response of [
      await engine.get(`/engine-rest/external-task/${taskId}`),
      await engine.get('/engine-rest/external-task/no-such-task'),
      await engine.post(`/engine-rest/external-task/${taskId}/complete`).send({ workerId: 'w' }),
      await engine.post(`/engine-rest/external-task/${taskId}/unlock`),
      await engine.get(`/engine-rest/external-task/${taskId}/errorDetails`),
    ]) {
      expect(response.status).toBe(404);
      expectCamundaJson(response);
      expect(response.body.type).toBe('RestException');
    }
    const own = await engine.get(`/engine-rest/external-task/${taskId}?tenantIdIn=aarhus`);
    expect(own.body).toMatchObject({ id: taskId, tenantId: 'aarhus', workerId: 'w' });
    const malformed = await engine
      .post(`/engine-rest/external-task/${taskId}/complete?tenantIdIn=aarhus`)
      .send({ workerId: 'w', variables: { amount: { value: 'lots', type: 'Integer' } } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain("Variable 'amount'");
    await engine
      .post(`/engine-rest/external-task/${taskId}/complete?tenantIdIn=aarhus`)
      .send({ workerId: 'w' })
      .expect(204);
    await untilHistoricState(engine, theirs, 'COMPLETED', { tenantIdIn: 'aarhus' });
  });
});
