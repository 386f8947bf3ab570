import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
  startByKey,
} from './camunda-rest-client.js';

/**
 * Camunda's process-instance resource, end to end on the real PostgreSQL and Redis: the list with its filters
 * (variables among them), one instance, its activity instance tree and variables, cancelling and suspending — and
 * that another tenant's instance is a 404 everywhere.
 */
let apps: TestApps;
let engine: Http;

const permit = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:subProcess id="assessment" name="Assessment">
     <bpmn:startEvent id="assessmentStart" />
     <bpmn:userTask id="review" name="Review the application" />
     <bpmn:endEvent id="assessmentEnd" />
     ${chain('assessmentStart', 'review', 'assessmentEnd')}
   </bpmn:subProcess>
   <bpmn:endEvent id="end" />
   ${chain('start', 'assessment', 'end')}`,
  { id: 'permit' },
);

const timed = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:intermediateCatchEvent id="wait" name="One second"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end" />
   ${chain('start', 'wait', 'end')}`,
  { id: 'timed' },
);

const parent = bpmnDocument(
  `<bpmn:startEvent id="start" /><bpmn:callActivity id="callPermit" calledElement="permit" /><bpmn:endEvent id="end" />
   ${chain('start', 'callPermit', 'end')}`,
  { id: 'parent' },
);

function start(key: string, body: Record<string, unknown> = {}, tenantId?: string): Promise<string> {
  return startByKey(engine, key, body, tenantId);
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Gave up waiting; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const ids = (body: Array<{ id: string }>) => body.map((instance) => instance.id).sort();

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200' });
  engine = apps.engine;
  for (const [name, xml, tenantId] of [
    ['permit', permit],
    ['permit', permit, 'aarhus'],
    ['timed', timed],
    ['parent', parent],
  ] as Array<[string, string, string?]>) {
    const response = await deployLikeModeler(
      apps.designer,
      `${name}.bpmn`,
      xml,
      tenantId ? { tenantId } : {},
    );
    expect(response.status).toBe(200);
  }
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

describe('GET /process-instance and /count', () => {
  let small: string;
  let large: string;
  let closed: string;

  beforeAll(async () => {
    small = await start('permit', {
      businessKey: 'sag-small',
      variables: {
        amount: { value: 500, type: 'Integer' },
        status: { value: 'open', type: 'String' },
        urgent: { value: true, type: 'Boolean' },
      },
    });
    large = await start('permit', {
      businessKey: 'sag-large',
      variables: {
        amount: { value: 5000, type: 'Long' },
        status: { value: 'open_for_review', type: 'String' },
        urgent: { value: false, type: 'Boolean' },
      },
    });
    closed = await start('permit', {
      businessKey: 'other-closed',
      variables: { amount: { value: 1000.5, type: 'Double' }, status: { value: 'closed', type: 'String' } },
    });
  });

  it("lists running instances as Camunda's ProcessInstanceDto", async () => {
    const response = await engine.get(`/engine-rest/process-instance?businessKey=sag-small`);
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body).toEqual([
      {
        links: [],
        id: small,
        definitionId: expect.stringMatching(/^permit:1:/),
        definitionKey: 'permit',
        businessKey: 'sag-small',
        caseInstanceId: null,
        ended: false,
        suspended: false,
        tenantId: null,
      },
    ]);
  });

  it.each([
    ['businessKeyLike=sag-%25', ['small', 'large']],
    ['processDefinitionKey=permit&variables=amount_gt_1000', ['large', 'closed']],
    ['variables=amount_lteq_1000', ['small']],
    ['variables=amount_eq_5000,urgent_eq_false', ['large']],
    ['variables=urgent_neq_false', ['small']],
    ['variables=status_eq_open_for_review', ['large']],
    ['variables=status_like_open%25', ['small', 'large']],
    ['variables=status_neq_open&processDefinitionKey=permit', ['large', 'closed']],
    ['variables=STATUS_eq_CLOSED&variableNamesIgnoreCase=true&variableValuesIgnoreCase=true', ['closed']],
    ['variables=status_eq_CLOSED', []],
    ['variables=missing_eq_1', []],
    ['processDefinitionKeyIn=permit,timed&businessKeyLike=%25closed', ['closed']],
    ['activityIdIn=review&businessKeyLike=sag%25', ['small', 'large']],
  ])('?%s', async (query, expected) => {
    const byName: Record<string, string> = { small, large, closed };
    const response = await engine.get(`/engine-rest/process-instance?${query}`);
    expect(response.status).toBe(200);
    const found = ids(response.body).filter((id) => [small, large, closed].includes(id));
    expect(found).toEqual(expected.map((name) => byName[name]).sort());
    const count = await engine.get(`/engine-rest/process-instance/count?${query}`);
    expectCamundaJson(count);
    expect(count.body.count).toBe(response.body.length);
  });

  it('filters by ids and definition id, sorts and pages', async () => {
    const listed = await engine.get(
      `/engine-rest/process-instance?processInstanceIds=${small},${large},${closed}&sortBy=businessKey&sortOrder=desc`,
    );
    expect(listed.body.map((instance: { businessKey: string }) => instance.businessKey)).toEqual([
      'sag-small',
      'sag-large',
      'other-closed',
    ]);
    const page = await engine.get(
      `/engine-rest/process-instance?processInstanceIds=${small},${large},${closed}&sortBy=businessKey&sortOrder=asc&firstResult=1&maxResults=1`,
    );
    expect(page.body.map((instance: { businessKey: string }) => instance.businessKey)).toEqual(['sag-large']);
    const definitionId = listed.body[0].definitionId as string;
    const byDefinition = await engine.get(
      `/engine-rest/process-instance?processDefinitionId=${definitionId}&businessKeyLike=sag%25`,
    );
    expect(ids(byDefinition.body)).toEqual([small, large].sort());
  });

  it.each([
    ['variables=amount', "Cannot set query parameter 'variables' to value 'amount'"],
    ['variables=amount_between_1', "Cannot set query parameter 'variables' to value 'amount_between_1'"],
    ['active=yes', "Cannot set query parameter 'active' to value 'yes'"],
    ['sortBy=startTime&sortOrder=asc', "Cannot set query parameter 'sortBy' to value 'startTime'"],
    ['maxResults=-5', "Cannot set query parameter 'maxResults' to value '-5'"],
    ['incidentType=failedJob', "Query parameter 'incidentType' is not supported"],
  ])('refuses ?%s with a 400 naming the parameter', async (query, message) => {
    for (const path of ['/engine-rest/process-instance', '/engine-rest/process-instance/count']) {
      const response = await engine.get(`${path}?${query}`);
      expect(response.status).toBe(400);
      expectCamundaJson(response);
      expect(response.body).toEqual({
        type: 'InvalidRequestException',
        message: expect.stringContaining(message),
      });
    }
  });
});

describe('GET /process-instance/{id} and its activity instances', () => {
  it('answers a running instance and its activity instance tree', async () => {
    const id = await start('permit', { businessKey: 'tree' });
    const instance = await engine.get(`/engine-rest/process-instance/${id}`);
    expect(instance.status).toBe(200);
    expectCamundaJson(instance);
    expect(instance.body).toMatchObject({ id, businessKey: 'tree', ended: false, suspended: false });

    const tree = await engine.get(`/engine-rest/process-instance/${id}/activity-instances`);
    expect(tree.status).toBe(200);
    expectCamundaJson(tree);
    expect(tree.body).toMatchObject({
      id,
      parentActivityInstanceId: null,
      activityId: instance.body.definitionId,
      activityType: 'processDefinition',
      processInstanceId: id,
      processDefinitionId: instance.body.definitionId,
      childTransitionInstances: [],
      executionIds: [id],
      incidentIds: [],
    });
    expect(tree.body.childActivityInstances).toHaveLength(1);
    const assessment = tree.body.childActivityInstances[0];
    expect(assessment).toMatchObject({
      activityId: 'assessment',
      activityType: 'subProcess',
      activityName: 'Assessment',
      parentActivityInstanceId: id,
    });
    expect(assessment.childActivityInstances).toEqual([
      expect.objectContaining({
        activityId: 'review',
        activityType: 'userTask',
        activityName: 'Review the application',
        parentActivityInstanceId: assessment.id,
        processInstanceId: id,
        childActivityInstances: [],
        childTransitionInstances: [],
      }),
    ]);
    // The same ids as the history's activity instances.
    const history = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${id}&activityId=review`,
    );
    expect(history.body[0].id).toBe(assessment.childActivityInstances[0].id);
  });

  it('answers 404 for an unknown instance and for one that has ended', async () => {
    const unknown = await engine.get('/engine-rest/process-instance/no-such-instance');
    expect(unknown.status).toBe(404);
    expectCamundaJson(unknown);
    expect(unknown.body).toEqual({
      type: 'InvalidRequestException',
      message: 'Process instance with id no-such-instance does not exist',
    });
    const tree = await engine.get('/engine-rest/process-instance/no-such-instance/activity-instances');
    expect(tree.status).toBe(404);
  });
});

describe('DELETE /process-instance/{id}', () => {
  it('cancels the instance: 204, gone from the runtime, EXTERNALLY_TERMINATED in the history', async () => {
    const id = await start('permit', { businessKey: 'to-cancel' });
    const response = await engine.delete(`/engine-rest/process-instance/${id}`);
    expect(response.status).toBe(204);
    expect((await engine.get(`/engine-rest/process-instance/${id}`)).status).toBe(404);
    const history = await engine.get(`/engine-rest/history/process-instance/${id}`);
    expect(history.body).toMatchObject({ id, state: 'EXTERNALLY_TERMINATED' });
    expect(history.body.endTime).not.toBeNull();
    const review = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${id}&activityId=review`,
    );
    expect(review.body).toEqual([expect.objectContaining({ canceled: true })]);

    const again = await engine.delete(`/engine-rest/process-instance/${id}`);
    expect(again.status).toBe(404);
    expectCamundaJson(again);
    expect((await engine.delete(`/engine-rest/process-instance/${id}?failIfNotExists=false`)).status).toBe(
      204,
    );
  });

  it('cancels the processes a cancelled instance called', async () => {
    const caller = await start('parent');
    const child = await until(
      async () =>
        (await engine.get(`/engine-rest/process-instance?superProcessInstance=${caller}`)).body as Array<{
          id: string;
        }>,
      (found) => found.length === 1,
    );
    const childId = child[0]!.id;
    const superOf = await engine.get(`/engine-rest/process-instance?subProcessInstance=${childId}`);
    expect(ids(superOf.body)).toEqual([caller]);
    const roots = await engine.get(
      `/engine-rest/process-instance?rootProcessInstances=true&processDefinitionKey=permit`,
    );
    expect(ids(roots.body)).not.toContain(childId);
    const leaves = await engine.get(
      `/engine-rest/process-instance?leafProcessInstances=true&processDefinitionKey=parent`,
    );
    expect(ids(leaves.body)).not.toContain(caller);

    expect((await engine.delete(`/engine-rest/process-instance/${caller}`)).status).toBe(204);
    await untilHistoricState(engine, childId, 'EXTERNALLY_TERMINATED');
  }, 30_000);

  it('refuses skipSubprocesses, which this engine does not do', async () => {
    const id = await start('permit');
    const response = await engine.delete(`/engine-rest/process-instance/${id}?skipSubprocesses=true`);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain("'skipSubprocesses'");
    expect((await engine.get(`/engine-rest/process-instance/${id}`)).status).toBe(200);
  });
});

describe('variables of a process instance', () => {
  let id: string;

  beforeAll(async () => {
    id = await start('permit', {
      variables: {
        caseNumber: { value: 1234, type: 'Integer' },
        applicant: { value: 'Anna Jensen', type: 'String' },
        receivedAt: { value: '2026-01-05T09:00:00.000+0100', type: 'Date' },
        household: {
          value: '{"adults":2}',
          type: 'Object',
          valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' },
        },
      },
    });
  });

  it('reads all of them, typed as Camunda writes them, and one by name', async () => {
    const all = await engine.get(`/engine-rest/process-instance/${id}/variables`);
    expect(all.status).toBe(200);
    expectCamundaJson(all);
    expect(all.body).toEqual({
      applicant: { value: 'Anna Jensen', type: 'String', valueInfo: {} },
      caseNumber: { value: 1234, type: 'Integer', valueInfo: {} },
      receivedAt: { value: '2026-01-05T08:00:00.000+0000', type: 'Date', valueInfo: {} },
      household: {
        value: { adults: 2 },
        type: 'Object',
        valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' },
      },
    });
    const serialized = await engine.get(
      `/engine-rest/process-instance/${id}/variables?deserializeValues=false`,
    );
    expect(serialized.body.household.value).toBe('{"adults":2}');
    const one = await engine.get(`/engine-rest/process-instance/${id}/variables/caseNumber`);
    expect(one.body).toEqual({ value: 1234, type: 'Integer', valueInfo: {} });
    const missing = await engine.get(`/engine-rest/process-instance/${id}/variables/nothing`);
    expect(missing.status).toBe(404);
    expectCamundaJson(missing);
    expect(missing.body.message).toBe('process instance variable with name nothing does not exist');
    expect((await engine.get('/engine-rest/process-instance/no-such-instance/variables')).status).toBe(404);
  });

  it('sets one with PUT, removes one with DELETE, and changes several with POST — each in the history', async () => {
    const put = await engine
      .put(`/engine-rest/process-instance/${id}/variables/decision`)
      .send({ value: 'granted', type: 'String' });
    expect(put.status).toBe(204);
    expect((await engine.get(`/engine-rest/process-instance/${id}/variables/decision`)).body).toEqual({
      value: 'granted',
      type: 'String',
      valueInfo: {},
    });

    const removed = await engine.delete(`/engine-rest/process-instance/${id}/variables/applicant`);
    expect(removed.status).toBe(204);
    expect((await engine.get(`/engine-rest/process-instance/${id}/variables/applicant`)).status).toBe(404);
    // Removing what is not there changes nothing, as in Camunda.
    expect((await engine.delete(`/engine-rest/process-instance/${id}/variables/applicant`)).status).toBe(204);

    const post = await engine.post(`/engine-rest/process-instance/${id}/variables`).send({
      modifications: { caseNumber: { value: 99, type: 'Long' }, note: { value: 'checked' } },
      deletions: ['decision'],
    });
    expect(post.status).toBe(204);
    const after = await engine.get(`/engine-rest/process-instance/${id}/variables`);
    expect(Object.keys(after.body).sort()).toEqual(['caseNumber', 'household', 'note', 'receivedAt']);
    expect(after.body.caseNumber).toEqual({ value: 99, type: 'Long', valueInfo: {} });

    const history = (await apps.servers.dataSource.query(
      `SELECT name, type, value, deleted FROM history_variable_updates WHERE process_instance_id = $1 ORDER BY id`,
      [id],
    )) as Array<{ name: string; type: string; value: unknown; deleted: boolean }>;
    expect(history.filter((row) => row.deleted).map((row) => [row.name, row.type, row.value])).toEqual([
      ['applicant', 'String', null],
      ['decision', 'String', null],
    ]);
    expect(history.filter((row) => row.name === 'caseNumber').map((row) => row.value)).toEqual([1234, 99]);
  });

  it.each([
    ['put', 'variables/amount', { value: 'many', type: 'Integer' }, "Variable 'amount'"],
    ['put', 'variables/amount', { value: 1, type: 'Money' }, "Variable 'amount'"],
    [
      'post',
      'variables',
      { modifications: { amount: { value: 'x', type: 'Long' } } },
      "Variable 'amount' in 'modifications'",
    ],
    ['post', 'variables', { deletions: 'amount' }, "Expected 'deletions' to be a list of variable names"],
    ['post', 'variables', [1, 2], 'Expected the request body to be a JSON object'],
  ] as const)('refuses %s %s %j with a 400', async (method, path, body, message) => {
    const response = await engine[method](`/engine-rest/process-instance/${id}/${path}`).send(body as object);
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body.message).toContain(message);
  });
});

describe('PUT /process-instance/{id}/suspended', () => {
  it('holds a suspended instance — commands refused, its timer kept — until it is activated', async () => {
    const id = await start('timed', { businessKey: 'suspend-me' });
    const suspended = await engine
      .put(`/engine-rest/process-instance/${id}/suspended`)
      .send({ suspended: true });
    expect(suspended.status).toBe(204);
    expect((await engine.get(`/engine-rest/process-instance/${id}`)).body.suspended).toBe(true);
    expect(ids((await engine.get('/engine-rest/process-instance?suspended=true')).body)).toContain(id);
    expect(ids((await engine.get('/engine-rest/process-instance?active=true')).body)).not.toContain(id);
    expect((await engine.get(`/engine-rest/history/process-instance/${id}`)).body.state).toBe('SUSPENDED');

    const refused = await engine
      .put(`/engine-rest/process-instance/${id}/variables/note`)
      .send({ value: 'x', type: 'String' });
    expect(refused.status).toBe(400);
    expectCamundaJson(refused);
    expect(refused.body.message).toContain(`ProcessInstance ${id} is suspended`);

    // Well past the timer's second (the reconciler looks every 200 ms): it has not fired, and its job is still there.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await engine.get(`/engine-rest/history/process-instance/${id}`)).body.state).toBe('SUSPENDED');
    const jobs = (await apps.servers.dataSource.query(
      `SELECT kind, lock_owner FROM jobs WHERE process_instance_id = $1`,
      [id],
    )) as Array<{ kind: string; lock_owner: string | null }>;
    expect(jobs).toEqual([{ kind: 'timer', lock_owner: null }]);

    const activated = await engine
      .put(`/engine-rest/process-instance/${id}/suspended`)
      .send({ suspended: false });
    expect(activated.status).toBe(204);
    await untilHistoricState(engine, id, 'COMPLETED');
  }, 30_000);

  it('still cancels a suspended instance', async () => {
    const id = await start('permit');
    expect(
      (await engine.put(`/engine-rest/process-instance/${id}/suspended`).send({ suspended: true })).status,
    ).toBe(204);
    expect((await engine.delete(`/engine-rest/process-instance/${id}`)).status).toBe(204);
    expect((await engine.get(`/engine-rest/history/process-instance/${id}`)).body.state).toBe(
      'EXTERNALLY_TERMINATED',
    );
  });

  it('refuses a body without a boolean, and answers 404 for an unknown instance', async () => {
    const id = await start('permit');
    for (const body of [{}, { suspended: 'yes' }]) {
      const response = await engine.put(`/engine-rest/process-instance/${id}/suspended`).send(body);
      expect(response.status).toBe(400);
      expect(response.body.message).toContain("Expected 'suspended' to be true or false");
    }
    const unknown = await engine
      .put('/engine-rest/process-instance/nothing/suspended')
      .send({ suspended: true });
    expect(unknown.status).toBe(404);
  });
});

describe("another tenant's instance", () => {
  it('is a 404 everywhere unless the request names its tenant', async () => {
    const id = await start('permit', { variables: { secret: { value: 'x', type: 'String' } } }, 'aarhus');
    const paths = [
      ['get', `/engine-rest/process-instance/${id}`],
      ['get', `/engine-rest/process-instance/${id}/activity-instances`],
      ['get', `/engine-rest/process-instance/${id}/variables`],
      ['get', `/engine-rest/process-instance/${id}/variables/secret`],
      ['put', `/engine-rest/process-instance/${id}/variables/secret`],
      ['delete', `/engine-rest/process-instance/${id}/variables/secret`],
      ['post', `/engine-rest/process-instance/${id}/variables`],
      ['put', `/engine-rest/process-instance/${id}/suspended`],
      ['delete', `/engine-rest/process-instance/${id}`],
    ] as const;
    for (const [method, path] of paths) {
      for (const query of ['', '?tenantIdIn=odense']) {
        const body =
          method === 'put' && path.endsWith('suspended')
            ? { suspended: true }
            : { value: 'y', type: 'String' };
        const response = await engine[method](`${path}${query}`).send(body);
        expect([method, path, query, response.status]).toEqual([method, path, query, 404]);
      }
    }
    expect(
      ids((await engine.get('/engine-rest/process-instance?processDefinitionKey=permit')).body),
    ).not.toContain(id);
    expect(ids((await engine.get('/engine-rest/process-instance?tenantIdIn=aarhus')).body)).toEqual([id]);
    expect((await engine.get(`/engine-rest/process-instance/${id}?tenantIdIn=aarhus`)).body.tenantId).toBe(
      'aarhus',
    );
    expect(
      (await engine.get(`/engine-rest/process-instance/${id}/variables/secret?tenantIdIn=aarhus`)).body.value,
    ).toBe('x');
    expect((await engine.delete(`/engine-rest/process-instance/${id}?tenantIdIn=aarhus`)).status).toBe(204);
    await untilHistoricState(engine, id, 'EXTERNALLY_TERMINATED', { tenantIdIn: 'aarhus' });
  });
});
