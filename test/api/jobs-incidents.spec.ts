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
 * Camunda's jobs and incidents, end to end on the real PostgreSQL and Redis: timers listed and fired now, due dates
 * moved, a connector whose retries ran out (an incident) retried by setting the job's retries, and the incident
 * history — open, resolved and deleted.
 */
let apps: TestApps;
let engine: Http;

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200', JOB_RETRIES: '2' });
  engine = apps.engine;
  for (const [key, xml, tenantId] of [
    ['wait-an-hour', waitAnHour('wait-an-hour')],
    ['flaky-notification', flakyNotification],
    ['wait-an-hour', waitAnHour('wait-an-hour'), 'aarhus'],
  ] as Array<[string, string, string?]>) {
    const deployed = await deployLikeModeler(apps.designer, `${key}.bpmn`, xml, tenantId ? { tenantId } : {});
    expect(deployed.status).toBe(200);
  }
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

function waitAnHour(id: string): string {
  return bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:intermediateCatchEvent id="anHour"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
     <bpmn:endEvent id="end" />${chain('start', 'anHour', 'end')}`,
    { id },
  );
}

/** A connector call that fails three times (retryably), then succeeds: its three tries end in an incident. */
const flakyNotification = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="notify" camunda:type="external" camunda:topic="connector:test">
     <bpmn:extensionElements>
       <camunda:failedJobRetryTimeCycle>R3/PT0.1S</camunda:failedJobRetryTimeCycle>
       <camunda:inputOutput>
       <camunda:inputParameter name="outcome">ok</camunda:inputParameter>
       <camunda:inputParameter name="failTimes">\${3}</camunda:inputParameter>
     </camunda:inputOutput></bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:userTask id="followUp" />
   <bpmn:endEvent id="end" />${chain('start', 'notify', 'followUp', 'end')}`,
  { id: 'flaky-notification' },
);

function start(key: string, tenantId?: string): Promise<string> {
  return startByKey(engine, key, {}, tenantId);
}

async function jobsOf(instanceId: string, query = ''): Promise<Array<Record<string, unknown>>> {
  const response = await engine.get(`/engine-rest/job?processInstanceId=${instanceId}${query}`);
  expect(response.status).toBe(200);
  return response.body as Array<Record<string, unknown>>;
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Still ${JSON.stringify(value)} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('GET /job and POST /job/{id}/execute', () => {
  it('lists a waiting timer as Camunda’s job and fires it now, synchronously', async () => {
    const instance = await start('wait-an-hour');
    const [timer] = await jobsOf(instance);
    expect(timer).toEqual({
      id: expect.any(String),
      jobDefinitionId: null,
      processInstanceId: instance,
      processDefinitionId: expect.stringMatching(/^wait-an-hour:1:/),
      processDefinitionKey: 'wait-an-hour',
      executionId: expect.any(String),
      exceptionMessage: null,
      failedActivityId: null,
      retries: 2,
      dueDate: expect.stringMatching(CAMUNDA_DATE),
      suspended: false,
      priority: 0,
      tenantId: null,
      createTime: expect.stringMatching(CAMUNDA_DATE),
      batchId: null,
    });
    const due = Date.parse((timer?.dueDate as string).replace('+0000', 'Z'));
    expect(due - Date.now()).toBeGreaterThan(59 * 60_000);
    const id = timer?.id as string;
    const one = await engine.get(`/engine-rest/job/${id}`);
    expectCamundaJson(one);
    expect(one.body).toEqual(timer);
    expect(
      (await engine.get(`/engine-rest/job?processInstanceId=${instance}&timers=true`)).body,
    ).toHaveLength(1);
    expect((await engine.get(`/engine-rest/job?processInstanceId=${instance}&messages=true`)).body).toEqual(
      [],
    );
    expect((await engine.get(`/engine-rest/job?processInstanceId=${instance}&executable=true`)).body).toEqual(
      [],
    );
    expect((await engine.get(`/engine-rest/job/count?processInstanceId=${instance}`)).body).toEqual({
      count: 1,
    });

    const executed = await engine.post(`/engine-rest/job/${id}/execute`);
    expect(executed.status).toBe(204);
    // Synchronous: the instance moved on before the answer.
    expect((await engine.get(`/engine-rest/history/process-instance/${instance}`)).body.state).toBe(
      'COMPLETED',
    );
    const gone = await engine.get(`/engine-rest/job/${id}`);
    expect(gone.status).toBe(404);
    expectCamundaJson(gone);
    expect(gone.body).toEqual({
      type: 'InvalidRequestException',
      message: `Job with id ${id} does not exist`,
    });
  });

  it('filters by due date and sorts, and refuses malformed parameters naming them', async () => {
    const first = await start('wait-an-hour');
    const second = await start('wait-an-hour');
    const inAnHour = new Date(Date.now() + 3_600_000 + 60_000).toISOString().replace('Z', '%2B0000');
    const sorted = await engine.get(
      `/engine-rest/job?dueDates=lt_${inAnHour}&timers=true&sortBy=jobDueDate&sortOrder=desc`,
    );
    expect(sorted.status).toBe(200);
    const ids = sorted.body.map((job: { processInstanceId: string }) => job.processInstanceId);
    expect(ids.indexOf(second)).toBeLessThan(ids.indexOf(first));
    expect(ids.indexOf(first)).toBeGreaterThanOrEqual(0);
    const past = new Date(Date.now() - 60_000).toISOString().replace('Z', '%2B0000');
    expect(
      (await engine.get(`/engine-rest/job?dueDates=lt_${past}&processInstanceId=${first}`)).body,
    ).toEqual([]);

    const badDate = await engine.get('/engine-rest/job?dueDates=before_2026-01-01');
    expect(badDate.status).toBe(400);
    expect(badDate.body.message).toContain("'dueDates'");
    const both = await engine.get('/engine-rest/job?timers=true&messages=true');
    expect(both.status).toBe(400);
    const badSort = await engine.get('/engine-rest/job?sortBy=nothing&sortOrder=asc');
    expect(badSort.status).toBe(400);
    expect(badSort.body.message).toContain("'sortBy'");
  });

  it('moves a due date: the timer fires at the new time', async () => {
    const instance = await start('wait-an-hour');
    const [timer] = await jobsOf(instance);
    const id = timer?.id as string;
    const soon = new Date(Date.now() + 1_000);
    const moved = await engine
      .put(`/engine-rest/job/${id}/duedate`)
      .send({ duedate: soon.toISOString().replace('Z', '+0000'), cascade: false });
    expect(moved.status).toBe(204);
    const [after] = await jobsOf(instance);
    expect(after?.dueDate).toBe(soon.toISOString().replace('Z', '+0000'));
    await untilHistoricState(engine, instance, 'COMPLETED');

    const other = await start('wait-an-hour');
    const [otherTimer] = await jobsOf(other);
    const malformed = await engine
      .put(`/engine-rest/job/${otherTimer?.id as string}/duedate`)
      .send({ duedate: 'soon' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain("'duedate'");
    const retriesZero = await engine
      .put(`/engine-rest/job/${otherTimer?.id as string}/retries`)
      .send({ retries: 0 });
    expect(retriesZero.status).toBe(400);
    const negative = await engine
      .put(`/engine-rest/job/${otherTimer?.id as string}/retries`)
      .send({ retries: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.message).toContain("'retries'");
  }, 30_000);

  it('answers 404 for another tenant’s job unless the request may see that tenant', async () => {
    const instance = await start('wait-an-hour', 'aarhus');
    const [timer] = (await engine.get(`/engine-rest/job?processInstanceId=${instance}&tenantIdIn=aarhus`))
      .body;
    expect(timer.tenantId).toBe('aarhus');
    expect((await engine.get(`/engine-rest/job?processInstanceId=${instance}`)).body).toEqual([]);
    expect((await engine.get(`/engine-rest/job/${timer.id}`)).status).toBe(404);
    expect((await engine.post(`/engine-rest/job/${timer.id}/execute`)).status).toBe(404);
    expect((await engine.get(`/engine-rest/job/${timer.id}?tenantIdIn=odense`)).status).toBe(404);
    expect((await engine.post(`/engine-rest/job/${timer.id}/execute?tenantIdIn=aarhus`)).status).toBe(204);
    await untilHistoricState(engine, instance, 'COMPLETED', { tenantIdIn: 'aarhus' });
  });
});

describe('incidents', () => {
  it('a job whose retries ran out is a failedJob incident; setting its retries resolves it and the instance moves on', async () => {
    const instance = await start('flaky-notification');
    const [incident] = await until(
      async () => (await engine.get(`/engine-rest/incident?processInstanceId=${instance}`)).body,
      (list: Array<Record<string, unknown>>) => list.length > 0,
    );
    const [job] = await jobsOf(instance, '&noRetriesLeft=true');
    expect(job).toMatchObject({
      retries: 0,
      dueDate: null,
      exceptionMessage: expect.any(String),
      failedActivityId: 'notify',
    });
    expect(incident).toMatchObject({
      processInstanceId: instance,
      activityId: 'notify',
      failedActivityId: 'notify',
      incidentType: 'failedJob',
      configuration: job?.id,
      causeIncidentId: incident?.id,
      rootCauseIncidentId: incident?.id,
      incidentMessage: expect.any(String),
      tenantId: null,
    });
    expect(incident?.incidentTimestamp).toMatch(CAMUNDA_DATE);
    const id = incident?.id as string;
    expect((await engine.get(`/engine-rest/incident/${id}`)).body).toEqual(incident);
    expect(
      (await engine.get(`/engine-rest/incident/count?incidentType=failedJob&processInstanceId=${instance}`))
        .body,
    ).toEqual({ count: 1 });
    expect(
      (
        await engine.get(
          `/engine-rest/incident?incidentType=failedExternalTask&processInstanceId=${instance}`,
        )
      ).body,
    ).toEqual([]);
    expect(
      (await engine.get(`/engine-rest/incident?activityId=followUp&processInstanceId=${instance}`)).body,
    ).toEqual([]);
    const unknown = await engine.get('/engine-rest/incident/no-such-incident');
    expect(unknown.status).toBe(404);
    expect(unknown.body.message).toBe('No matching incident with id no-such-incident');

    const retried = await engine.put(`/engine-rest/job/${job?.id as string}/retries`).send({ retries: 1 });
    expect(retried.status).toBe(204);
    expect((await engine.get(`/engine-rest/incident?processInstanceId=${instance}`)).body).toEqual([]);
    // The job ran again and succeeded: the instance waits at the user task after it.
    await until(
      async () =>
        (
          await engine.get(
            `/engine-rest/history/activity-instance?processInstanceId=${instance}&activityId=followUp`,
          )
        ).body,
      (list: unknown[]) => list.length === 1,
    );
    const history = await engine.get(`/engine-rest/history/incident?processInstanceId=${instance}`);
    expectCamundaJson(history);
    expect(history.body).toEqual([
      expect.objectContaining({
        id,
        processDefinitionKey: 'flaky-notification',
        processInstanceId: instance,
        rootProcessInstanceId: instance,
        incidentType: 'failedJob',
        configuration: job?.id,
        open: false,
        resolved: true,
        deleted: false,
        endTime: expect.stringMatching(CAMUNDA_DATE),
      }),
    ]);
    expect(
      (await engine.get(`/engine-rest/history/incident/count?resolved=true&processInstanceId=${instance}`))
        .body,
    ).toEqual({ count: 1 });
    expect(
      (await engine.get(`/engine-rest/history/incident?open=true&processInstanceId=${instance}`)).body,
    ).toEqual([]);
  }, 30_000);

  it('an incident that goes with its cancelled instance is deleted, not resolved, in history', async () => {
    const instance = await start('flaky-notification');
    const [incident] = await until(
      async () => (await engine.get(`/engine-rest/incident?processInstanceId=${instance}`)).body,
      (list: Array<Record<string, unknown>>) => list.length > 0,
    );
    const open = await engine.get(`/engine-rest/history/incident?processInstanceId=${instance}&open=true`);
    expect(open.body).toEqual([expect.objectContaining({ id: incident?.id, open: true, endTime: null })]);
    expect((await engine.delete(`/engine-rest/process-instance/${instance}`)).status).toBe(204);
    const history = await engine.get(
      `/engine-rest/history/incident?processInstanceId=${instance}&deleted=true`,
    );
    expect(history.body).toEqual([
      expect.objectContaining({ id: incident?.id, open: false, deleted: true, resolved: false }),
    ]);
    expect((await engine.get(`/engine-rest/incident?processInstanceId=${instance}`)).body).toEqual([]);
  }, 30_000);
});
