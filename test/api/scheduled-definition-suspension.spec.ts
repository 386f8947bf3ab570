import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { formatCamundaDate } from '#camunda-rest';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  apiKeysSetting,
  CAMUNDA_DATE,
  deployLikeModeler,
  startByKey,
  startTestApps,
  type Http,
  type TestApiKey,
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

async function until(
  check: () => Promise<boolean>,
  timeoutMs = 10_000,
  what = 'the scheduled change',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function inMs(ms: number): string {
  return formatCamundaDate(new Date(Date.now() + ms)) as string;
}

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200', JOB_RETRIES: '3', JOB_RETRY_BASE_MS: '1000' });
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

describe('a scheduled suspension that fails when it runs', () => {
  it('is retried with a backoff, shows its exception and falling retries in GET /job, and succeeds once it can', async () => {
    const id = await deploy('refused-suspension');
    // The database refuses the suspension's UPDATE of this definition while the trigger exists.
    const db = apps.servers.dataSource;
    await db.query(
      `CREATE FUNCTION refuse_suspension() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the suspension fails on purpose'; END $$`,
    );
    await db.query(
      `CREATE TRIGGER refuse_suspension BEFORE UPDATE ON process_definitions FOR EACH ROW
       WHEN (OLD.key = 'refused-suspension') EXECUTE FUNCTION refuse_suspension()`,
    );
    const executionDate = inMs(300);
    const scheduled = await designer
      .put(`/engine-rest/process-definition/${id}/suspended`)
      .send({ suspended: true, executionDate });
    expect(scheduled.status).toBe(204);
    const [before] = await jobsOf(id);
    expect(before).toMatchObject({ retries: 3, exceptionMessage: null });

    const dueDateOf = (job: Record<string, unknown> | undefined) =>
      new Date(String(job?.dueDate).replace(/\+0000$/, 'Z')).getTime();
    const failedWith = async (retries: number): Promise<Record<string, unknown>> => {
      let seen: Record<string, unknown> | undefined;
      await until(
        async () => {
          [seen] = await jobsOf(id);
          return seen?.retries === retries;
        },
        10_000,
        `the job to have ${retries} retries left`,
      );
      return seen as Record<string, unknown>;
    };

    // Given the database refuses the change, the first run fails: one retry spent, due again after a backoff.
    const first = await failedWith(2);
    expect(first).toMatchObject({
      exceptionMessage: expect.stringContaining('the suspension fails on purpose'),
      dueDate: expect.stringMatching(CAMUNDA_DATE),
    });
    expect(dueDateOf(first)).toBeGreaterThan(dueDateOf(before));
    expect(await definitionSuspended(id)).toBe(false);
    expect(
      (await engine.get(`/engine-rest/job?processDefinitionId=${id}&withException=true`)).body,
    ).toHaveLength(1);

    // The second run fails too, and waits longer (the backoff doubles).
    const second = await failedWith(1);
    expect(second.exceptionMessage).toEqual(expect.stringContaining('the suspension fails on purpose'));
    expect(dueDateOf(second) - dueDateOf(first)).toBeGreaterThan(1_000);
    expect(await definitionSuspended(id)).toBe(false);

    // When the database accepts the change again, the next run suspends the definition and the job is gone.
    await db.query(`DROP TRIGGER refuse_suspension ON process_definitions`);
    await db.query(`DROP FUNCTION refuse_suspension()`);
    await until(() => definitionSuspended(id), 10_000, 'the retried suspension');
    await until(async () => (await jobsOf(id)).length === 0, 5_000, 'the job to be deleted');
  }, 30_000);
});

describe('scheduled suspensions with authentication on', () => {
  const AARHUS = '0751';
  const ODENSE = '0461';
  const ownerAndOperator = (name: string, tenant: string): TestApiKey => ({
    name,
    tenant,
    roles: ['process-owner', 'operator'],
    key: `kf_${name}-secret-key`,
  });
  const AARHUS_KEY = ownerAndOperator('aarhus-operations', AARHUS);
  const ODENSE_KEY = ownerAndOperator('odense-operations', ODENSE);
  const bearer = (apiKey: TestApiKey) => ({ authorization: `Bearer ${apiKey.key}` });
  let secured: TestApps;

  beforeAll(async () => {
    secured = await startTestApps({
      AUTH: 'on',
      API_KEYS: apiKeysSetting([AARHUS_KEY, ODENSE_KEY]),
      RECONCILE_INTERVAL_MS: '200',
    });
  }, 60_000);

  afterAll(() => secured?.stop(), 30_000);

  it("lets no tenant schedule a suspension of another's definition, nor see or run another's scheduled job", async () => {
    const deployed = await deployLikeModeler(
      secured.designer,
      'odense-only.bpmn',
      waitingModel('odense-only'),
      {
        tenantId: ODENSE,
      },
    ).set(bearer(ODENSE_KEY));
    expect(deployed.status).toBe(200);
    const odenseDefinition = (
      Object.values(deployed.body.deployedProcessDefinitions) as Array<{ id: string }>
    )[0].id;
    const later = { suspended: true, includeProcessInstances: true, executionDate: inMs(3_600_000) };

    // Aarhus can neither name Odense's definition by id nor by key.
    const byId = await secured.designer
      .put(`/engine-rest/process-definition/${odenseDefinition}/suspended`)
      .set(bearer(AARHUS_KEY))
      .send(later);
    expect(byId.status).toBe(404);
    const byKey = await secured.designer
      .put('/engine-rest/process-definition/key/odense-only/suspended')
      .set(bearer(AARHUS_KEY))
      .send(later);
    expect(byKey.status).toBe(404);
    const odenseJobs = async (apiKey: TestApiKey) =>
      (await secured.engine.get('/engine-rest/job?timers=true').set(bearer(apiKey))).body as Array<
        Record<string, unknown>
      >;
    expect(await odenseJobs(ODENSE_KEY)).toEqual([]);

    // Odense schedules its own: Odense sees the job, Aarhus does not, by list, count or id, and cannot run it.
    const own = await secured.designer
      .put(`/engine-rest/process-definition/${odenseDefinition}/suspended`)
      .set(bearer(ODENSE_KEY))
      .send(later);
    expect(own.status).toBe(204);
    const [job] = await odenseJobs(ODENSE_KEY);
    expect(job).toMatchObject({ processDefinitionId: odenseDefinition, tenantId: ODENSE });
    expect(await odenseJobs(AARHUS_KEY)).toEqual([]);
    expect((await secured.engine.get('/engine-rest/job/count').set(bearer(AARHUS_KEY))).body.count).toBe(0);
    expect(
      (await secured.engine.get(`/engine-rest/job/${String(job?.id)}`).set(bearer(AARHUS_KEY))).status,
    ).toBe(404);
    expect(
      (await secured.engine.post(`/engine-rest/job/${String(job?.id)}/execute`).set(bearer(AARHUS_KEY)))
        .status,
    ).toBe(404);
    const definition = await secured.designer
      .get(`/engine-rest/process-definition/${odenseDefinition}`)
      .set(bearer(ODENSE_KEY));
    expect(definition.body.suspended).toBe(false);
  });
});
