import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import { decisionTable, dmnDocument } from '../support/dmn-xml.js';
import {
  CAMUNDA_DATE,
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';

/**
 * The designer-api's deployments, end to end on the real PostgreSQL and Redis: Camunda 7's deployment/create with
 * duplicate filtering and deploy-changed-only, forms, DMN with decision requirements, the deployment list and its
 * resources, and deleting a deployment — refused while its instances run, cascading through the engine's cancel.
 */
let apps: TestApps;
let designer: Http;
let engine: Http;

/** Start, a user task for `taskName`, end: waits until a caseworker completes it. */
function waitingModel(key: string, taskName = 'Review'): string {
  return bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:userTask id="review" name="${taskName}" camunda:assignee="demo" /><bpmn:endEvent id="end" />
     ${chain('start', 'review', 'end')}`,
    { id: key },
  );
}

const form = (id: string) =>
  JSON.stringify({
    id,
    type: 'default',
    components: [{ key: 'reason', label: 'Begrundelse', type: 'textfield' }],
    schemaVersion: 16,
  });

/** The form of Camunda's deployment/create with several resources. */
function deployFiles(
  files: Array<[string, string]>,
  fields: Record<string, string> = {},
): ReturnType<Http['post']> {
  let request = designer.post('/engine-rest/deployment/create');
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  for (const [name, content] of files) {
    request = request.attach(name, Buffer.from(content), {
      filename: name,
      contentType: 'application/octet-stream',
    });
  }
  return request;
}

const definitionsOf = (body: {
  deployedProcessDefinitions: Record<string, { key: string; version: number }> | null;
}) =>
  Object.values(body.deployedProcessDefinitions ?? {})
    .map((definition) => `${definition.key}:${definition.version}`)
    .sort();

beforeAll(async () => {
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200' });
  designer = apps.designer;
  engine = apps.engine;
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

describe('POST /deployment/create', () => {
  it("answers Camunda's DeploymentWithDefinitionsDto for BPMN, DMN with a DRD, and a form stored as a resource", async () => {
    const dmn = dmnDocument(
      decisionTable('frist', {
        inputs: ['antal'],
        outputs: ['dage'],
        rules: [{ when: ['> 2'], then: ['7'] }],
      }) +
        decisionTable('gebyr', { inputs: ['antal'], outputs: ['kr'], rules: [{ when: ['-'], then: ['0'] }] }),
      { id: 'aktindsigt-regler' },
    );
    const response = await deployFiles(
      [
        ['aktindsigt.bpmn', waitingModel('aktindsigt')],
        ['regler.dmn', dmn],
        ['anmodning.form', form('anmodning')],
      ],
      { 'deployment-name': 'aktindsigt', 'deployment-source': 'Camunda Modeler', 'tenant-id': 'aarhus' },
    );
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    const body = response.body;
    expect(body).toMatchObject({
      name: 'aktindsigt',
      source: 'Camunda Modeler',
      tenantId: 'aarhus',
      deployedCaseDefinitions: null,
      links: [
        { method: 'GET', rel: 'self', href: expect.stringContaining(`/engine-rest/deployment/${body.id}`) },
      ],
    });
    expect(body.deploymentTime).toMatch(CAMUNDA_DATE);
    expect(definitionsOf(body)).toEqual(['aktindsigt:1']);
    const drds = Object.values(body.deployedDecisionRequirementsDefinitions) as Array<
      Record<string, unknown>
    >;
    expect(drds).toEqual([
      {
        id: expect.stringMatching(/^aktindsigt-regler:1:/),
        key: 'aktindsigt-regler',
        name: 'Test decisions',
        category: null,
        version: 1,
        resource: 'regler.dmn',
        deploymentId: body.id,
        tenantId: 'aarhus',
      },
    ]);
    const decisions = Object.values(body.deployedDecisionDefinitions) as Array<Record<string, unknown>>;
    expect(decisions.map((decision) => decision.key).sort()).toEqual(['frist', 'gebyr']);
    expect(decisions[0]).toMatchObject({
      decisionRequirementsDefinitionId: drds[0].id,
      decisionRequirementsDefinitionKey: 'aktindsigt-regler',
      tenantId: 'aarhus',
      version: 1,
    });

    const resources = await designer.get(`/engine-rest/deployment/${body.id}/resources?tenantIdIn=aarhus`);
    expect(resources.status).toBe(200);
    expect(resources.body.map((resource: { name: string }) => resource.name)).toEqual([
      'aktindsigt.bpmn',
      'anmodning.form',
      'regler.dmn',
    ]);
    const formResource = resources.body[1] as { id: string; deploymentId: string };
    expect(formResource.deploymentId).toBe(body.id);
    const one = await designer.get(
      `/engine-rest/deployment/${body.id}/resources/${formResource.id}?tenantIdIn=aarhus`,
    );
    expect(one.body).toEqual({ id: formResource.id, name: 'anmodning.form', deploymentId: body.id });
    const data = await designer
      .get(`/engine-rest/deployment/${body.id}/resources/${formResource.id}/data?tenantIdIn=aarhus`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(data.status).toBe(200);
    expect(data.headers['content-type']).toBe('application/json');
    expect(data.headers['content-disposition']).toContain('anmodning.form');
    expect((data.body as Buffer).toString('utf8')).toBe(form('anmodning'));
    const bpmnData = await designer.get(
      `/engine-rest/deployment/${body.id}/resources/${resources.body[0].id}/data?tenantIdIn=aarhus`,
    );
    expect(bpmnData.headers['content-type']).toMatch(/^application\/xml/);
  });

  it('a DMN document with one decision deploys no decision requirements definition, as in Camunda', async () => {
    const response = await deployFiles([
      [
        'enkelt.dmn',
        dmnDocument(
          decisionTable('enkelt', { inputs: ['a'], outputs: ['b'], rules: [{ when: ['-'], then: ['1'] }] }),
          {
            id: 'enkelt-regler',
          },
        ),
      ],
    ]);
    expect(response.status).toBe(200);
    expect(response.body.deployedDecisionRequirementsDefinitions).toBeNull();
    expect(response.body.deployedProcessDefinitions).toBeNull();
    expect(Object.values(response.body.deployedDecisionDefinitions)).toEqual([
      expect.objectContaining({
        key: 'enkelt',
        decisionRequirementsDefinitionId: null,
        decisionRequirementsDefinitionKey: null,
      }),
    ]);
  });

  it('enable-duplicate-filtering: unchanged resources deploy nothing; one changed resource redeploys all of them', async () => {
    const files: Array<[string, string]> = [
      ['dup-a.bpmn', waitingModel('dup-a')],
      ['dup-b.bpmn', waitingModel('dup-b')],
    ];
    const fields = { 'deployment-name': 'dup', 'enable-duplicate-filtering': 'true' };
    const first = await deployFiles(files, fields);
    expect(definitionsOf(first.body)).toEqual(['dup-a:1', 'dup-b:1']);

    const again = await deployFiles(files, fields);
    expect(again.status).toBe(200);
    // Camunda answers the existing deployment, with no definitions deployed.
    expect(again.body).toMatchObject({ id: first.body.id, deployedProcessDefinitions: null });

    const changed = await deployFiles([files[0], ['dup-b.bpmn', waitingModel('dup-b', 'Changed')]], fields);
    expect(changed.body.id).not.toBe(first.body.id);
    expect(definitionsOf(changed.body)).toEqual(['dup-a:2', 'dup-b:2']);
    const count = await designer.get('/engine-rest/deployment/count?name=dup');
    expect(count.body).toEqual({ count: 2 });
  });

  it('deploy-changed-only (what Camunda Modeler sends): only the changed resources are deployed', async () => {
    const fields = { 'deployment-name': 'changed', 'deploy-changed-only': 'true' };
    const first = await deployFiles(
      [
        ['co-a.bpmn', waitingModel('co-a')],
        ['co-b.bpmn', waitingModel('co-b')],
      ],
      fields,
    );
    expect(definitionsOf(first.body)).toEqual(['co-a:1', 'co-b:1']);
    const second = await deployFiles(
      [
        ['co-a.bpmn', waitingModel('co-a')],
        ['co-b.bpmn', waitingModel('co-b', 'Changed')],
      ],
      fields,
    );
    expect(definitionsOf(second.body)).toEqual(['co-b:2']);
    const resources = await designer.get(`/engine-rest/deployment/${second.body.id}/resources`);
    expect(resources.body.map((resource: { name: string }) => resource.name)).toEqual(['co-b.bpmn']);
    // A resource compares with the latest of its name across the deployments of that name, not only the last one.
    const third = await deployFiles(
      [
        ['co-a.bpmn', waitingModel('co-a')],
        ['co-b.bpmn', waitingModel('co-b', 'Changed')],
      ],
      fields,
    );
    expect(third.body).toMatchObject({ id: second.body.id, deployedProcessDefinitions: null });
    // Without filtering, the same models are new versions.
    const unfiltered = await deployLikeModeler(designer, 'co-a.bpmn', waitingModel('co-a'), {
      deploymentName: 'other-name',
    });
    expect(definitionsOf(unfiltered.body)).toEqual(['co-a:2']);
  });

  it('refuses a part without a filename with a 400 naming the part, and deploys nothing', async () => {
    const before = await designer.get('/engine-rest/deployment/count');
    const response = await designer
      .post('/engine-rest/deployment/create')
      .field('deployment-name', 'no-filename')
      .field('data', waitingModel('no-filename'))
      .attach('ok.bpmn', Buffer.from(waitingModel('ok-model')), { filename: 'ok.bpmn' });
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body.message).toContain("Form part 'data' has no filename");
    expect((await designer.get('/engine-rest/deployment/count')).body).toEqual(before.body);
  });

  it('is all-or-nothing: one broken model refuses the deployment of every file', async () => {
    const response = await deployFiles(
      [
        ['good.bpmn', waitingModel('all-or-nothing')],
        [
          'broken.bpmn',
          bpmnDocument(
            '<bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f" sourceRef="start" targetRef="nowhere" />',
            { id: 'broken' },
          ),
        ],
      ],
      { 'deployment-name': 'all-or-nothing' },
    );
    expect(response.status).toBe(400);
    expect(response.body.type).toBe('ParseException');
    expect((await designer.get('/engine-rest/deployment/count?name=all-or-nothing')).body).toEqual({
      count: 0,
    });
    expect((await designer.get('/engine-rest/process-definition?key=all-or-nothing')).body).toEqual([]);
  });
});

describe('GET /deployment', () => {
  it('lists DeploymentDto with the filters, sorting and paging of Camunda', async () => {
    const a = await deployFiles([['list-a.bpmn', waitingModel('list-a')]], {
      'deployment-name': 'liste-a',
      'deployment-source': 'process application',
    });
    const b = await deployFiles([['list-b.bpmn', waitingModel('list-b')]], { 'deployment-name': 'liste-b' });
    const byName = await designer.get(
      '/engine-rest/deployment?nameLike=liste-%25&sortBy=name&sortOrder=desc',
    );
    expect(byName.status).toBe(200);
    expectCamundaJson(byName);
    expect(byName.body.map((deployment: { name: string }) => deployment.name)).toEqual([
      'liste-b',
      'liste-a',
    ]);
    expect(byName.body[1]).toEqual({
      links: [expect.objectContaining({ rel: 'self' })],
      id: a.body.id,
      name: 'liste-a',
      source: 'process application',
      deploymentTime: a.body.deploymentTime,
      tenantId: null,
    });
    const bySource = await designer.get('/engine-rest/deployment?source=process%20application');
    expect(bySource.body.map((deployment: { id: string }) => deployment.id)).toEqual([a.body.id]);
    const withoutSource = await designer.get('/engine-rest/deployment?withoutSource=true&nameLike=liste-%25');
    expect(withoutSource.body.map((deployment: { id: string }) => deployment.id)).toEqual([b.body.id]);
    const paged = await designer.get(
      '/engine-rest/deployment?nameLike=liste-%25&sortBy=deploymentTime&sortOrder=asc&firstResult=1&maxResults=1',
    );
    expect(paged.body.map((deployment: { id: string }) => deployment.id)).toEqual([b.body.id]);
    const after = await designer.get(
      `/engine-rest/deployment?nameLike=liste-%25&after=${encodeURIComponent(a.body.deploymentTime)}`,
    );
    expect(after.body.map((deployment: { id: string }) => deployment.id)).toEqual([b.body.id]);
    const before = await designer.get(
      `/engine-rest/deployment?nameLike=liste-%25&before=${encodeURIComponent(b.body.deploymentTime)}`,
    );
    expect(before.body.map((deployment: { id: string }) => deployment.id)).toEqual([a.body.id]);
    expect((await designer.get(`/engine-rest/deployment?id=${b.body.id}`)).body).toHaveLength(1);
    expect((await designer.get(`/engine-rest/deployment/${a.body.id}`)).body.id).toBe(a.body.id);
  });

  it("sees a tenant's deployments only when they are asked for, and answers 404 for unknown ids", async () => {
    const tenants = await designer.get('/engine-rest/deployment?tenantIdIn=aarhus');
    expect(tenants.body.map((deployment: { tenantId: string }) => deployment.tenantId)).toEqual(['aarhus']);
    const tenantDeployment = tenants.body[0].id as string;
    expect((await designer.get(`/engine-rest/deployment/${tenantDeployment}`)).status).toBe(404);
    const unknown = await designer.get('/engine-rest/deployment/not-a-deployment');
    expect(unknown.status).toBe(404);
    expectCamundaJson(unknown);
    expect(unknown.body.message).toContain('not-a-deployment');
    expect(
      (await designer.get(`/engine-rest/deployment/${tenantDeployment}/resources/nope?tenantIdIn=aarhus`))
        .status,
    ).toBe(404);
  });

  it.each([
    ['sortBy=version&sortOrder=asc', 'sortBy'],
    ['after=yesterday', 'after'],
    ['maxResults=-1', 'maxResults'],
    ['source=x&withoutSource=true', 'withoutSource'],
  ])('refuses %s with a 400 naming the parameter', async (query, parameter) => {
    const response = await designer.get(`/engine-rest/deployment?${query}`);
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(parameter);
  });
});

describe('DELETE /deployment/{id}', () => {
  it('is refused while instances of its definitions run; cascade=true cancels them through the engine and deletes', async () => {
    const deployed = await deployLikeModeler(designer, 'slet.bpmn', waitingModel('slet'));
    const [definition] = Object.values(deployed.body.deployedProcessDefinitions) as Array<{ id: string }>;
    const instance = (await engine.post('/engine-rest/process-definition/key/slet/start').send({})).body
      .id as string;

    const refused = await designer.delete(`/engine-rest/deployment/${deployed.body.id}`);
    expect(refused.status).toBe(409);
    expectCamundaJson(refused);
    expect(refused.body.message).toContain('1 instance(s)');
    expect(refused.body.message).toContain('cascade=true');
    expect((await designer.get(`/engine-rest/deployment/${deployed.body.id}`)).status).toBe(200);

    const deleted = await designer.delete(
      `/engine-rest/deployment/${deployed.body.id}?cascade=true&skipCustomListeners=true&skipIoMappings=true`,
    );
    expect(deleted.status).toBe(204);
    expect((await designer.get(`/engine-rest/deployment/${deployed.body.id}`)).status).toBe(404);
    expect((await designer.get(`/engine-rest/process-definition/${definition.id}`)).status).toBe(404);
    // The history keeps the instance, cancelled as an operator's cancel would.
    const history = await untilHistoricState(engine, instance, 'EXTERNALLY_TERMINATED');
    expect(history.processDefinitionId).toBe(definition.id);
    expect((await engine.get('/engine-rest/task?processDefinitionKey=slet')).body).toEqual([]);
  });

  it('deletes a deployment whose instances have ended, keeping their history; unknown ids are 404', async () => {
    const deployed = await deployLikeModeler(
      designer,
      'kort.bpmn',
      bpmnDocument(`<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${chain('start', 'end')}`, {
        id: 'kort',
      }),
    );
    const instance = (await engine.post('/engine-rest/process-definition/key/kort/start').send({})).body
      .id as string;
    expect((await designer.delete(`/engine-rest/deployment/${deployed.body.id}`)).status).toBe(204);
    expect((await engine.get(`/engine-rest/history/process-instance/${instance}`)).body.state).toBe(
      'COMPLETED',
    );
    expect((await designer.delete(`/engine-rest/deployment/${deployed.body.id}`)).status).toBe(404);
  });
});
