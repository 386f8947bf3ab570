import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatCamundaDate } from '#camunda-rest';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  CAMUNDA_DATE,
  deployLikeModeler,
  startByKey,
  startTestApps,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';

/**
 * Camunda 7's delayed suspension, end to end on the real PostgreSQL and Redis: `PUT /process-definition/…/suspended`
 * with an `executionDate` writes a job due then (seen in the engine's `GET /job`), which suspends or activates the
 * definition — and, with `includeProcessInstances`, its running instances — when it runs.
 */
let apps: TestApps;
let designer: Http;
let engine: Http;

/** A user task, so an instance stays running. */
function waitingModel(key: string): string {
  return bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:userTask id="review" camunda:assignee="demo" /><bpmn:endEvent id="end" />
     ${chain('start', 'review', 'end')}`,
    { id: key },
  );
}

async function deploy(key: string): Promise<string> {
  const response = await deployLikeModeler(designer, `${key}.bpmn`, waitingModel(key));
  expect(response.status).toBe(200);
  return (Object.values(response.body.deployedProcessDefinitions) as Array<{ id: string }>)[0].id;
}

async function definitionSuspended(id: string): Promise<boolean> {
  return (await designer.get(`/engine-rest/process-definition/${id}`)).body.suspended as boolean;
}

async function instanceSuspended(id: string): Promise<boolean> {
  return (await engine.get(`/engine-rest/process-instance/${id}`)).body.suspended as boolean;
}

async function jobsOf(definitionId: string): Promise<Array<Record<string, unknown>>> {
  const response = await engine.get(`/engine-rest/job?processDefinitionId=${definitionId}`);
  expect(response.status).toBe(200);
  return response.body as Array<Record<string, unknown>>;
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('The scheduled change did not happen in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function inMs(ms: number): string {
  return formatCamundaDate(new Date(Date.now() + ms)) as string;
}

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200' });
  designer = apps.designer;
  engine = apps.engine;
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

describe('PUT /process-definition/{id}/suspended with an executionDate', () => {
  it('changes nothing before its time, is a job in GET /job, and suspends definition and instances when run', async () => {
    const id = await deploy('later-suspended');
    const instance = await startByKey(engine, 'later-suspended');
    const executionDate = inMs(3_600_000);

    const scheduled = await designer
      .put(`/engine-rest/process-definition/${id}/suspended`)
      .send({ suspended: true, includeProcessInstances: true, executionDate });
    expect(scheduled.status).toBe(204);

    // Given a change due in an hour, nothing has changed yet.
    expect(await definitionSuspended(id)).toBe(false);
    expect(await instanceSuspended(instance)).toBe(false);
    expect(await startByKey(engine, 'later-suspended')).toEqual(expect.any(String));
    const [job] = await jobsOf(id);
    expect(job).toMatchObject({
      processInstanceId: null,
      processDefinitionId: id,
      processDefinitionKey: 'later-suspended',
      dueDate: expect.stringMatching(CAMUNDA_DATE),
      retries: expect.any(Number),
      suspended: false,
      tenantId: null,
    });
    expect(new Date(String(job?.dueDate).replace(/\+0000$/, 'Z')).getTime()).toBe(
      new Date(executionDate.replace(/\+0000$/, 'Z')).getTime(),
    );
    expect((await engine.get('/engine-rest/job/count?timers=true')).body.count).toBeGreaterThanOrEqual(1);

    // When an operator runs the job now, the definition and its instances are suspended and the job is gone.
    expect((await engine.post(`/engine-rest/job/${String(job?.id)}/execute`)).status).toBe(204);
    expect(await definitionSuspended(id)).toBe(true);
    expect(await instanceSuspended(instance)).toBe(true);
    const start = await engine.post('/engine-rest/process-definition/key/later-suspended/start').send({});
    expect(start.status).toBeGreaterThanOrEqual(400);
    expect(await jobsOf(id)).toEqual([]);
  });

  it('takes effect at its time on its own: an activation of every version by key, due shortly', async () => {
    const id = await deploy('soon-active');
    const instance = await startByKey(engine, 'soon-active');
    const suspendNow = await designer
      .put('/engine-rest/process-definition/key/soon-active/suspended')
      .send({ suspended: true, includeProcessInstances: true });
    expect(suspendNow.status).toBe(204);
    expect(await definitionSuspended(id)).toBe(true);
    expect(await instanceSuspended(instance)).toBe(true);

    const activateSoon = await designer
      .put('/engine-rest/process-definition/key/soon-active/suspended')
      .send({ suspended: false, includeProcessInstances: true, executionDate: inMs(1_500) });
    expect(activateSoon.status).toBe(204);
    expect(await definitionSuspended(id)).toBe(true);

    await until(async () => !(await definitionSuspended(id)));
    expect(await instanceSuspended(instance)).toBe(false);
    expect(await jobsOf(id)).toEqual([]);
  });

  it('leaves the instances alone without includeProcessInstances, and runs a past executionDate at once', async () => {
    const id = await deploy('past-date');
    const instance = await startByKey(engine, 'past-date');
    const response = await designer
      .put(`/engine-rest/process-definition/${id}/suspended`)
      .send({ suspended: true, executionDate: inMs(-60_000) });
    expect(response.status).toBe(204);
    expect(await definitionSuspended(id)).toBe(true);
    expect(await instanceSuspended(instance)).toBe(false);
    expect(await jobsOf(id)).toEqual([]);
  });

  it('answers 404 for an unknown definition or key, and 400 naming executionDate for a date it cannot read', async () => {
    const later = { suspended: true, executionDate: inMs(60_000) };
    expect(
      (await designer.put('/engine-rest/process-definition/nope:1:x/suspended').send(later)).status,
    ).toBe(404);
    expect(
      (await designer.put('/engine-rest/process-definition/key/nope/suspended').send(later)).status,
    ).toBe(404);
    const id = await deploy('bad-date');
    const refused = await designer
      .put(`/engine-rest/process-definition/${id}/suspended`)
      .send({ suspended: true, executionDate: '2030-01-01 08:00' });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('executionDate');
    expect(await jobsOf(id)).toEqual([]);
  });
});
