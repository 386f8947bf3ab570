import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  apiKeysSetting,
  CAMUNDA_DATE,
  deployLikeModeler,
  startTestApps,
  type Http,
  type TestApiKey,
  type TestApps,
} from './camunda-rest-client.js';

/**
 * The operation log: what operators and caseworkers did by hand, by whom, written with the change itself and read
 * through Camunda's `GET /history/user-operation`, scoped to the caller's tenant, never with a variable's value.
 */
const TENANT = '0751';
const DRIFT: TestApiKey = {
  name: 'drift-aarhus',
  tenant: TENANT,
  roles: ['process-owner', 'process-starter', 'operator', 'caseworker'],
  key: 'kf_test_drift_aarhus_0123456789abcdef',
};
const OTHER: TestApiKey = {
  name: 'drift-odense',
  tenant: '0461',
  roles: ['operator'],
  key: 'kf_test_drift_odense_0123456789abcdef',
};

let apps: TestApps;
let engine: Http;
const as = (key: TestApiKey) => ({ Authorization: `Bearer ${key.key}` });

beforeAll(async () => {
  apps = await startTestApps({ AUTH: 'on', API_KEYS: apiKeysSetting([DRIFT, OTHER]) });
  engine = apps.engine;
  const model = bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:endEvent id="end" />${chain('start', 'review', 'end')}`,
    { id: 'sagsbehandling' },
  );
  const deployed = await deployLikeModeler(apps.designer, 'sagsbehandling.bpmn', model, {
    tenantId: TENANT,
  }).set(as(DRIFT));
  expect(deployed.status).toBe(200);
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

async function start(): Promise<string> {
  const started = await engine
    .post(`/engine-rest/process-definition/key/sagsbehandling/tenant-id/${TENANT}/start`)
    .set(as(DRIFT))
    .send({ variables: { cpr: { value: '0101901234', type: 'String' } } });
  expect(started.status).toBe(200);
  return started.body.id as string;
}

describe('the operation log', () => {
  it('records who claimed, completed, changed variables, suspended and cancelled, with the change', async () => {
    const worked = await start();
    const [task] = (await engine.get(`/engine-rest/task?processInstanceId=${worked}`).set(as(DRIFT))).body;
    expect(
      (await engine.post(`/engine-rest/task/${task.id}/claim`).set(as(DRIFT)).send({ userId: 'anna' }))
        .status,
    ).toBe(204);
    const changed = await engine
      .post(`/engine-rest/process-instance/${worked}/variables`)
      .set(as(DRIFT))
      .send({ modifications: { cpr: { value: '0202902345', type: 'String' } }, deletions: [] });
    expect(changed.status).toBe(204);
    expect((await engine.post(`/engine-rest/task/${task.id}/complete`).set(as(DRIFT)).send({})).status).toBe(
      204,
    );

    const cancelled = await start();
    for (const suspended of [true, false]) {
      const response = await engine
        .put(`/engine-rest/process-instance/${cancelled}/suspended`)
        .set(as(DRIFT))
        .send({ suspended });
      expect(response.status).toBe(204);
    }
    expect((await engine.delete(`/engine-rest/process-instance/${cancelled}`).set(as(DRIFT))).status).toBe(
      204,
    );

    const log = await engine
      .get(`/engine-rest/history/user-operation?processInstanceId=${worked}&sortBy=timestamp&sortOrder=asc`)
      .set(as(DRIFT));
    expect(log.status).toBe(200);
    expect(
      log.body.map((entry: Record<string, unknown>) => [
        entry.operationType,
        entry.entityType,
        entry.property,
        entry.newValue,
      ]),
    ).toEqual([
      ['Claim', 'Task', 'assignee', 'anna'],
      ['ModifyVariable', 'Variable', 'cpr', 'modified'],
      ['Complete', 'Task', null, null],
    ]);
    expect(log.body[0]).toMatchObject({
      userId: 'drift-aarhus',
      taskId: task.id,
      processDefinitionKey: 'sagsbehandling',
      tenantId: TENANT,
      category: 'TaskWorker',
      timestamp: expect.stringMatching(CAMUNDA_DATE),
    });
    expect(JSON.stringify(log.body)).not.toContain('0202902345');

    const other = await engine
      .get(
        `/engine-rest/history/user-operation?processInstanceId=${cancelled}&sortBy=timestamp&sortOrder=asc`,
      )
      .set(as(DRIFT));
    expect(other.body.map((entry: Record<string, unknown>) => entry.operationType)).toEqual([
      'Suspend',
      'Activate',
      'Delete',
    ]);
    const count = await engine
      .get(`/engine-rest/history/user-operation/count?userId=drift-aarhus&entityType=ProcessInstance`)
      .set(as(DRIFT));
    expect(count.body.count).toBeGreaterThanOrEqual(3);

    // Another municipality's operator sees none of it.
    const foreign = await engine
      .get(`/engine-rest/history/user-operation?processInstanceId=${worked}`)
      .set(as(OTHER));
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual([]);
  });
});
