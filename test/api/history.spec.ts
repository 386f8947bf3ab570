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
} from './camunda-rest-client.js';

/** The history read API: process instances, activity instances and variable instances, as lists and counts. */
let apps: TestApps;
let engine: Http;
let done: string;
let waiting: string;
let theirs: string;

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200' });
  engine = apps.engine;
  const model = bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:serviceTask id="fetchCase" camunda:type="external" camunda:topic="history-case" />
     <bpmn:endEvent id="end" />${chain('start', 'fetchCase', 'end')}`,
    { id: 'archive' },
  );
  expect((await deployLikeModeler(apps.designer, 'archive.bpmn', model)).status).toBe(200);
  expect((await deployLikeModeler(apps.designer, 'archive.bpmn', model, { tenantId: 'odense' })).status).toBe(
    200,
  );
  const start = async (businessKey: string, tenantId?: string) => {
    const response = await engine
      .post(`/engine-rest/process-definition/key/archive${tenantId ? `/tenant-id/${tenantId}` : ''}/start`)
      .send({
        businessKey,
        variables: {
          caseNumber: { value: businessKey, type: 'String' },
          pages: { value: 3, type: 'Integer' },
          meta: {
            value: '{"source":"scan"}',
            type: 'Object',
            valueInfo: { objectTypeName: 'java.util.HashMap' },
          },
        },
      });
    expect(response.status).toBe(200);
    return response.body.id as string;
  };
  done = await start('hist-1');
  waiting = await start('hist-2');
  theirs = await start('hist-3', 'odense');
  const fetched = await engine.post('/engine-rest/external-task/fetchAndLock').send({
    workerId: 'historian',
    maxTasks: 5,
    topics: [{ topicName: 'history-case', lockDuration: 60_000, businessKey: 'hist-1' }],
  });
  expect(fetched.body).toHaveLength(1);
  await engine
    .post(`/engine-rest/external-task/${fetched.body[0].id}/complete`)
    .send({ workerId: 'historian', variables: { pages: { value: 5, type: 'Integer' } } })
    .expect(204);
  await untilHistoricState(engine, done, 'COMPLETED');
}, 60_000);

afterAll(async () => {
  await apps?.stop();
}, 30_000);

const ours = (rows: Array<Record<string, unknown>>, key = 'id') =>
  rows.filter((row) => [done, waiting, theirs].includes(row[key] as string));

describe('GET /history/process-instance', () => {
  it('lists, filters, sorts and counts the instances of the caller’s tenants', async () => {
    const all = await engine.get('/engine-rest/history/process-instance?processDefinitionKey=archive');
    expect(all.status).toBe(200);
    expectCamundaJson(all);
    expect(ours(all.body).map((row) => row.id)).toEqual([done, waiting]);
    expect(all.body[0]).toMatchObject({
      processDefinitionKey: 'archive',
      processDefinitionVersion: 1,
      tenantId: null,
    });
    expect(all.body[0].startTime).toMatch(CAMUNDA_DATE);

    const finished = await engine.get(
      '/engine-rest/history/process-instance?finished=true&processDefinitionKey=archive',
    );
    expect(ours(finished.body)).toEqual([
      expect.objectContaining({ id: done, state: 'COMPLETED', businessKey: 'hist-1' }),
    ]);
    const unfinished = await engine.get(
      '/engine-rest/history/process-instance?unfinished=true&businessKeyLike=hist-%25',
    );
    expect(ours(unfinished.body).map((row) => row.id)).toEqual([waiting]);
    const byKey = await engine.get('/engine-rest/history/process-instance?processInstanceBusinessKey=hist-2');
    expect(byKey.body.map((row: { id: string }) => row.id)).toEqual([waiting]);
    const byIds = await engine.get(
      `/engine-rest/history/process-instance?processInstanceIds=${done},${theirs}`,
    );
    expect(byIds.body.map((row: { id: string }) => row.id)).toEqual([done]);
    const tenant = await engine.get(
      `/engine-rest/history/process-instance?processInstanceIds=${done},${theirs}&tenantIdIn=odense`,
    );
    expect(tenant.body).toEqual([expect.objectContaining({ id: theirs, tenantId: 'odense' })]);

    const sorted = await engine.get(
      `/engine-rest/history/process-instance?processInstanceIds=${done},${waiting}&sortBy=startTime&sortOrder=desc`,
    );
    expect(sorted.body.map((row: { id: string }) => row.id)).toEqual([waiting, done]);
    const byDuration = await engine.get(
      `/engine-rest/history/process-instance?processInstanceIds=${done},${waiting}&sortBy=duration&sortOrder=asc`,
    );
    expect(byDuration.body.map((row: { id: string }) => row.id)).toEqual([done, waiting]);
    const paged = await engine.get(
      `/engine-rest/history/process-instance?processInstanceIds=${done},${waiting}&sortBy=instanceId&sortOrder=asc&firstResult=1&maxResults=1`,
    );
    expect(paged.body.map((row: { id: string }) => row.id)).toEqual([[done, waiting].sort()[1]]);

    const later = encodeURIComponent('2999-01-01T00:00:00.000+0000');
    const startedBefore = await engine.get(
      `/engine-rest/history/process-instance?processInstanceIds=${done},${waiting}&startedBefore=${later}&finishedBefore=${later}`,
    );
    expect(startedBefore.body.map((row: { id: string }) => row.id)).toEqual([done]);
    const startedAfter = await engine.get(`/engine-rest/history/process-instance?startedAfter=${later}`);
    expect(startedAfter.body).toEqual([]);

    const count = await engine.get(
      `/engine-rest/history/process-instance/count?processInstanceIds=${done},${waiting},${theirs}`,
    );
    expectCamundaJson(count);
    expect(count.body).toEqual({ count: 2 });
    const active = await engine.get(
      `/engine-rest/history/process-instance/count?processInstanceIds=${done},${waiting}&active=true`,
    );
    expect(active.body).toEqual({ count: 1 });
  });

  it('refuses malformed parameters with a 400 naming them', async () => {
    for (const query of [
      'finished=yes',
      'startedBefore=yesterday',
      'sortBy=color&sortOrder=asc',
      'maxResults=-1',
    ]) {
      const response = await engine.get(`/engine-rest/history/process-instance?${query}`);
      expect(response.status).toBe(400);
      expectCamundaJson(response);
      expect(response.body.message).toContain(query.split('=')[0]);
    }
  });
});

describe('GET /history/activity-instance', () => {
  it("filters by Camunda's activity type and definition, and counts", async () => {
    const ends = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${done}&activityType=noneEndEvent`,
    );
    expect(ends.body).toEqual([expect.objectContaining({ activityId: 'end', activityType: 'noneEndEvent' })]);
    const tasks = await engine.get(
      `/engine-rest/history/activity-instance?activityType=serviceTask&processInstanceId=${waiting}`,
    );
    expect(tasks.body).toEqual([expect.objectContaining({ activityId: 'fetchCase', endTime: null })]);
    const definitionId = ends.body[0].processDefinitionId as string;
    const byDefinition = await engine.get(
      `/engine-rest/history/activity-instance/count?processDefinitionId=${definitionId}&processInstanceId=${done}`,
    );
    expectCamundaJson(byDefinition);
    expect(byDefinition.body).toEqual({ count: 3 });
    const startEvents = await engine.get(
      `/engine-rest/history/activity-instance/count?processInstanceId=${done}&activityType=startEvent`,
    );
    expect(startEvents.body).toEqual({ count: 1 });
    const none = await engine.get(
      `/engine-rest/history/activity-instance/count?processInstanceId=${done}&activityType=boundaryTimer`,
    );
    expect(none.body).toEqual({ count: 0 });
    const byEnd = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${done}&sortBy=endTime&sortOrder=asc&maxResults=1`,
    );
    expect(byEnd.body).toEqual([expect.objectContaining({ activityId: 'start' })]);
    const theirsHidden = await engine.get(
      `/engine-rest/history/activity-instance/count?processInstanceId=${theirs}`,
    );
    expect(theirsHidden.body).toEqual({ count: 0 });
  });
});

describe('GET /history/variable-instance', () => {
  it("answers each variable's latest value in Camunda's shape", async () => {
    const response = await engine.get(
      `/engine-rest/history/variable-instance?processInstanceId=${done}&sortBy=variableName&sortOrder=asc`,
    );
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body.map((variable: { name: string }) => variable.name)).toEqual([
      'caseNumber',
      'meta',
      'pages',
    ]);
    const [caseNumber, meta, pages] = response.body;
    expect(pages).toMatchObject({
      name: 'pages',
      type: 'Integer',
      value: 5,
      valueInfo: {},
      processInstanceId: done,
      activityInstanceId: done,
      executionId: done,
      processDefinitionKey: 'archive',
      tenantId: null,
      state: 'CREATED',
      rootProcessInstanceId: done,
    });
    expect(pages.createTime).toMatch(CAMUNDA_DATE);
    expect(caseNumber).toMatchObject({ type: 'String', value: 'hist-1' });
    // Deserialized by default; serialized on request.
    expect(meta).toMatchObject({
      type: 'Object',
      value: { source: 'scan' },
      valueInfo: { objectTypeName: 'java.util.HashMap' },
    });
    const serialized = await engine.get(
      `/engine-rest/history/variable-instance?processInstanceId=${done}&variableName=meta&deserializeValues=false`,
    );
    expect(serialized.body[0].value).toBe('{"source":"scan"}');

    const byId = await engine.get(`/engine-rest/history/variable-instance/${pages.id}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toMatchObject({ id: pages.id, name: 'pages', value: 5 });
  });

  it('filters by name, value, instances and scope, counts, and hides other tenants', async () => {
    const list = async (query: string) =>
      (await engine.get(`/engine-rest/history/variable-instance?${query}`)).body;
    expect(
      await list(`processInstanceIdIn=${done},${waiting}&variableName=caseNumber&variableValue=hist-2`),
    ).toEqual([expect.objectContaining({ processInstanceId: waiting, value: 'hist-2' })]);
    expect(
      (await list(`processInstanceId=${waiting}&variableNameLike=case%25`)).map(
        (v: { name: string }) => v.name,
      ),
    ).toEqual(['caseNumber']);
    expect(await list(`activityInstanceIdIn=${waiting}&variableTypeIn=integer`)).toEqual([
      expect.objectContaining({ name: 'pages', value: 3 }),
    ]);
    expect(await list(`processInstanceId=${theirs}`)).toEqual([]);
    expect(await list(`processInstanceId=${theirs}&tenantIdIn=odense`)).toHaveLength(3);
    const count = await engine.get(
      `/engine-rest/history/variable-instance/count?processInstanceIdIn=${done},${waiting},${theirs}`,
    );
    expectCamundaJson(count);
    expect(count.body).toEqual({ count: 6 });

    const [theirPages] = await list(`processInstanceId=${theirs}&tenantIdIn=odense&variableName=pages`);
    expect((await engine.get(`/engine-rest/history/variable-instance/${theirPages.id}`)).status).toBe(404);
    const unknown = await engine.get('/engine-rest/history/variable-instance/not-a-number');
    expect(unknown.status).toBe(404);
    expectCamundaJson(unknown);
    expect(unknown.body.message).toBe("Historic variable instance with Id 'not-a-number' does not exist.");
  });

  it('shows a removed variable only with includeDeleted, as DELETED', async () => {
    const removed = await engine.delete(`/engine-rest/process-instance/${waiting}/variables/pages`);
    expect(removed.status).toBe(204);
    expect(
      (
        await engine.get(
          `/engine-rest/history/variable-instance?processInstanceId=${waiting}&variableName=pages`,
        )
      ).body,
    ).toEqual([]);
    const deleted = await engine.get(
      `/engine-rest/history/variable-instance?processInstanceId=${waiting}&variableName=pages&includeDeleted=true`,
    );
    expect(deleted.body).toEqual([
      expect.objectContaining({ name: 'pages', state: 'DELETED', value: null, type: 'Integer' }),
    ]);
  });
});
