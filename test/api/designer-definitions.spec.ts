import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import { decisionTable, dmnDocument } from '../support/dmn-xml.js';
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
 * Definitions for process owners on the designer-api, end to end on the real PostgreSQL and Redis: deploy and
 * start, new versions seen by the engine at once, XML, statistics while instances run on the engine, the diagram
 * document, suspension with instances, deleting a definition, and decision definitions.
 */
let apps: TestApps;
let designer: Http;
let engine: Http;

/** A user task for the caseworker, then a gateway that finds no flow for `amount` between 5 and 10 (an incident). */
function reviewModel(key: string, taskName = 'Review'): string {
  return bpmnDocument(
    `<bpmn:startEvent id="start" />
     <bpmn:userTask id="review" name="${taskName}" camunda:assignee="demo" />
     <bpmn:exclusiveGateway id="check" />
     <bpmn:endEvent id="high" /><bpmn:endEvent id="low" />
     ${chain('start', 'review', 'check')}
     ${flow('f_high', 'check', 'high', '${amount > 10}')}
     ${flow('f_low', 'check', 'low', '${amount < 5}')}`,
    { id: key },
  );
}

async function deploy(key: string, xml: string): Promise<string> {
  const response = await deployLikeModeler(designer, `${key}.bpmn`, xml);
  expect(response.status).toBe(200);
  return (Object.values(response.body.deployedProcessDefinitions) as Array<{ id: string }>)[0].id;
}

function startOnEngine(key: string, amount: number): Promise<string> {
  return startByKey(engine, key, { variables: { amount: { value: amount, type: 'Integer' } } });
}

async function completeTaskOf(instanceId: string): Promise<void> {
  const [task] = (await engine.get(`/engine-rest/task?processInstanceId=${instanceId}`)).body as Array<{
    id: string;
  }>;
  expect((await engine.post(`/engine-rest/task/${task.id}/complete`).send({})).status).toBe(204);
}

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200' });
  designer = apps.designer;
  engine = apps.engine;
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

describe('deploy and start on the designer-api', () => {
  it("starts the definition by id at the designer's base URL, as Camunda Modeler's deploy and start does", async () => {
    const id = await deploy('deploy-start', reviewModel('deploy-start'));
    const response = await designer
      .post(`/engine-rest/process-definition/${id}/start`)
      .send({ businessKey: 'sag-7', variables: { amount: { value: 20, type: 'Integer' } } });
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body).toMatchObject({
      definitionId: id,
      definitionKey: 'deploy-start',
      businessKey: 'sag-7',
      ended: false,
      tenantId: null,
    });
    // The instance is the engine's: its task is there, and completing it ends the instance.
    await completeTaskOf(response.body.id);
    await untilHistoricState(engine, response.body.id, 'COMPLETED');
    expect((await designer.post('/engine-rest/process-definition/unknown:1:x/start').send({})).status).toBe(
      404,
    );
  });

  it('a new version deployed through the designer-api is the one the engine starts right after', async () => {
    await deploy('versioned', reviewModel('versioned', 'First'));
    const second = await deploy('versioned', reviewModel('versioned', 'Second'));
    const started = await engine.post('/engine-rest/process-definition/key/versioned/start').send({});
    expect(started.body.definitionId).toBe(second);
  });
});

describe('a definition for process owners', () => {
  let id: string;
  const running: string[] = [];

  beforeAll(async () => {
    id = await deploy('stats', reviewModel('stats'));
    running.push(
      await startOnEngine('stats', 20),
      await startOnEngine('stats', 20),
      await startOnEngine('stats', 7),
    );
    // The third goes past its task to the gateway, which finds no flow for 7: an incident there.
    await completeTaskOf(running[2]);
  });

  it('answers the definition and its BPMN XML as deployed', async () => {
    const one = await designer.get(`/engine-rest/process-definition/${id}`);
    expect(one.body).toMatchObject({
      id,
      key: 'stats',
      version: 1,
      suspended: false,
      resource: 'stats.bpmn',
    });
    const xml = await designer.get(`/engine-rest/process-definition/${id}/xml`);
    expect(xml.status).toBe(200);
    expect(xml.body).toEqual({ id, bpmn20Xml: reviewModel('stats') });
    expect((await designer.get('/engine-rest/process-definition/count?key=stats')).body).toEqual({
      count: 1,
    });
    expect((await designer.get('/engine-rest/process-definition/nope:1:x/xml')).status).toBe(404);
  });

  it('counts running instances and incidents per activity while instances run on the engine', async () => {
    const plain = await designer.get(`/engine-rest/process-definition/${id}/statistics`);
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual([
      expect.objectContaining({ id: 'check', instances: 1, failedJobs: 0, incidents: [] }),
      expect.objectContaining({ id: 'review', instances: 2, failedJobs: 0, incidents: [] }),
    ]);
    const withIncidents = await designer.get(
      `/engine-rest/process-definition/${id}/statistics?incidents=true&failedJobs=true`,
    );
    expect(withIncidents.body.find((activity: { id: string }) => activity.id === 'check').incidents).toEqual([
      { incidentType: 'noMatchingFlow', incidentCount: 1 },
    ]);
    const ofOtherType = await designer.get(
      `/engine-rest/process-definition/${id}/statistics?incidentsForType=failedJob`,
    );
    expect(ofOtherType.body.find((activity: { id: string }) => activity.id === 'check').incidents).toEqual(
      [],
    );
    const both = await designer.get(
      `/engine-rest/process-definition/${id}/statistics?incidents=true&incidentsForType=failedJob`,
    );
    expect(both.status).toBe(400);

    const all = await designer.get('/engine-rest/process-definition/statistics?incidents=true');
    expect(all.status).toBe(200);
    expect(all.body.find((entry: { id: string }) => entry.id === id)).toMatchObject({
      id,
      instances: 3,
      failedJobs: 0,
      incidents: [{ incidentType: 'noMatchingFlow', incidentCount: 1 }],
      definition: expect.objectContaining({ id, key: 'stats' }),
    });
  });

  it('GET /api/process-definition/{id}/diagram: the model with its statistics, one document for a viewer', async () => {
    const response = await designer.get(`/api/process-definition/${id}/diagram`);
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body).toEqual({
      id,
      key: 'stats',
      version: 1,
      name: null,
      versionTag: null,
      tenantId: null,
      suspended: false,
      bpmn20Xml: reviewModel('stats'),
      activities: [
        {
          id: 'check',
          instances: 1,
          failedJobs: 0,
          incidents: [{ incidentType: 'noMatchingFlow', incidentCount: 1 }],
        },
        { id: 'review', instances: 2, failedJobs: 0, incidents: [] },
      ],
      totals: { instances: 3, incidents: 1, failedJobs: 0 },
    });
    expect((await designer.get('/api/process-definition/nope:1:x/diagram')).status).toBe(404);
  });

  it('PUT …/suspended suspends the definition (no starts) and, with includeProcessInstances, its instances', async () => {
    const suspend = await designer
      .put(`/engine-rest/process-definition/${id}/suspended`)
      .send({ suspended: true, includeProcessInstances: true, executionDate: null });
    expect(suspend.status).toBe(204);
    expect((await designer.get(`/engine-rest/process-definition/${id}`)).body.suspended).toBe(true);
    expect(
      (await engine.post('/engine-rest/process-definition/key/stats/start').send({})).status,
    ).toBeGreaterThanOrEqual(400);
    expect(
      (await designer.post(`/engine-rest/process-definition/${id}/start`).send({})).status,
    ).toBeGreaterThanOrEqual(400);
    expect((await engine.get(`/engine-rest/process-instance/${running[0]}`)).body.suspended).toBe(true);

    expect(
      (
        await designer
          .put(`/engine-rest/process-definition/${id}/suspended`)
          .send({ suspended: false, includeProcessInstances: true })
      ).status,
    ).toBe(204);
    expect((await engine.get(`/engine-rest/process-instance/${running[0]}`)).body.suspended).toBe(false);
    expect((await engine.post('/engine-rest/process-definition/key/stats/start').send({})).status).toBe(200);
  });

  it.each([
    [{}, 'suspended'],
    [{ suspended: 'yes' }, 'suspended'],
    [{ suspended: true, includeProcessInstances: 1 }, 'includeProcessInstances'],
    [{ suspended: true, executionDate: 'tomorrow' }, 'executionDate'],
  ])('PUT …/suspended refuses %j with a 400 naming the field', async (body, field) => {
    const response = await designer.put(`/engine-rest/process-definition/${id}/suspended`).send(body);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(field);
  });

  it('DELETE is refused while instances run; cascade=true cancels them and deletes the definition', async () => {
    const refused = await designer.delete(`/engine-rest/process-definition/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('cascade=true');
    expect((await designer.delete(`/engine-rest/process-definition/${id}?cascade=true`)).status).toBe(204);
    expect((await designer.get(`/engine-rest/process-definition/${id}`)).status).toBe(404);
    for (const instance of running) await untilHistoricState(engine, instance, 'EXTERNALLY_TERMINATED');
    expect((await engine.get('/engine-rest/incident?processDefinitionId=' + id)).body).toEqual([]);
  });
});

describe('GET /decision-definition', () => {
  it("lists Camunda's DecisionDefinitionDto, counts, finds one by id and answers its DMN XML", async () => {
    const dmn = dmnDocument(
      decisionTable('frist', {
        inputs: ['antal'],
        outputs: ['dage'],
        rules: [{ when: ['> 2'], then: ['7'] }],
      }),
      { id: 'frist-regler' },
    );
    const first = await designer
      .post('/engine-rest/deployment/create')
      .attach('frist.dmn', Buffer.from(dmn), { filename: 'frist.dmn' });
    await designer
      .post('/engine-rest/deployment/create')
      .attach('frist.dmn', Buffer.from(dmn), { filename: 'frist.dmn' });
    const list = await designer.get('/engine-rest/decision-definition?key=frist');
    expect(list.status).toBe(200);
    expectCamundaJson(list);
    expect(list.body.map((definition: { version: number }) => definition.version)).toEqual([1, 2]);
    expect(list.body[0]).toEqual({
      id: expect.stringMatching(/^frist:1:/),
      key: 'frist',
      category: null,
      name: null,
      version: 1,
      resource: 'frist.dmn',
      deploymentId: first.body.id,
      tenantId: null,
      decisionRequirementsDefinitionId: null,
      decisionRequirementsDefinitionKey: null,
      historyTimeToLive: null,
      versionTag: null,
    });
    expect(
      (await designer.get('/engine-rest/decision-definition?key=frist&latestVersion=true')).body,
    ).toHaveLength(1);
    expect((await designer.get('/engine-rest/decision-definition/count?key=frist')).body).toEqual({
      count: 2,
    });
    const id = list.body[0].id as string;
    expect((await designer.get(`/engine-rest/decision-definition/${id}`)).body.id).toBe(id);
    expect((await designer.get(`/engine-rest/decision-definition/${id}/xml`)).body).toEqual({
      id,
      dmnXml: dmn,
    });
    expect((await designer.get('/engine-rest/decision-definition/nope')).status).toBe(404);
    expect((await designer.get('/engine-rest/decision-definition?sortBy=nope&sortOrder=asc')).status).toBe(
      400,
    );
  });
});
