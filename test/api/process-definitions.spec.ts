import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';

/**
 * Camunda's process-definition resource on the engine (and the same query on the designer-api), end to end on the
 * real PostgreSQL and Redis: the list with its filters, count, one by id or key, and the start by id that Camunda
 * Modeler's "deploy and start" calls.
 */
let apps: TestApps;
let engine: Http;
let designer: Http;
/** Definition ids by `key:version` (`:tenant` for a tenant's). */
const ids: Record<string, string> = {};

/** A user task waiting between start and end; `versionTag` and `name` as Camunda Modeler writes them. */
function model(key: string, options: { name?: string; versionTag?: string; taskName?: string } = {}): string {
  const attributes = [
    options.name ? `name="${options.name}"` : '',
    options.versionTag ? `camunda:versionTag="${options.versionTag}"` : '',
  ].join(' ');
  return bpmnDocument(
    `<bpmn:startEvent id="start" /><bpmn:userTask id="review" name="${options.taskName ?? 'Review'}" /><bpmn:endEvent id="end" />
     ${chain('start', 'review', 'end')}`,
    { id: key },
  ).replace(`id="${key}" isExecutable="true"`, `id="${key}" isExecutable="true" ${attributes}`);
}

async function deploy(key: string, xml: string, tenantId?: string): Promise<void> {
  const response = await deployLikeModeler(designer, `${key}.bpmn`, xml, tenantId ? { tenantId } : {});
  expect(response.status).toBe(200);
  for (const definition of Object.values(response.body.deployedProcessDefinitions) as Array<{
    id: string;
    version: number;
  }>) {
    ids[`${key}:${definition.version}${tenantId ? `:${tenantId}` : ''}`] = definition.id;
  }
}

beforeAll(async () => {
  apps = await startTestApps();
  engine = apps.engine;
  designer = apps.designer;
  await deploy('housing-benefit', model('housing-benefit', { name: 'Boligstøtte', versionTag: '1.0' }));
  await deploy(
    'housing-benefit',
    model('housing-benefit', { name: 'Boligstøtte', versionTag: '1.1', taskName: 'Review again' }),
  );
  await deploy('housing-allowance', model('housing-allowance', { name: 'Boligydelse' }));
  await deploy('parking-permit', model('parking-permit'), 'aarhus');
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

const keysAndVersions = (body: Array<{ key: string; version: number }>) =>
  body.map((definition) => `${definition.key}:${definition.version}`);

describe('GET /process-definition and /count', () => {
  it("lists Camunda's ProcessDefinitionDto by key, then version, without another tenant's", async () => {
    const response = await engine.get('/engine-rest/process-definition');
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(keysAndVersions(response.body)).toEqual([
      'housing-allowance:1',
      'housing-benefit:1',
      'housing-benefit:2',
    ]);
    expect(response.body[1]).toEqual({
      id: ids['housing-benefit:1'],
      key: 'housing-benefit',
      category: null,
      description: null,
      name: 'Boligstøtte',
      version: 1,
      resource: 'housing-benefit.bpmn',
      deploymentId: expect.any(String),
      diagram: null,
      suspended: false,
      tenantId: null,
      versionTag: '1.0',
      historyTimeToLive: null,
      startableInTasklist: true,
    });
    const count = await engine.get('/engine-rest/process-definition/count');
    expectCamundaJson(count);
    expect(count.body).toEqual({ count: 3 });
  });

  it.each([
    ['key=housing-benefit', ['housing-benefit:1', 'housing-benefit:2']],
    ['key=housing-benefit&latestVersion=true', ['housing-benefit:2']],
    ['latestVersion=true', ['housing-allowance:1', 'housing-benefit:2']],
    ['keyLike=housing-a%25', ['housing-allowance:1']],
    ['keysIn=housing-allowance,parking-permit', ['housing-allowance:1']],
    ['versionTag=1.0', ['housing-benefit:1']],
    ['versionTagLike=1.%25&version=2', ['housing-benefit:2']],
    ['withoutVersionTag=true', ['housing-allowance:1']],
    [
      'nameLike=Bolig%25&sortBy=version&sortOrder=desc',
      ['housing-benefit:2', 'housing-allowance:1', 'housing-benefit:1'],
    ],
    ['sortBy=versionTag&sortOrder=asc&firstResult=1&maxResults=1', ['housing-benefit:2']],
    ['suspended=true', []],
    ['active=true&key=housing-allowance', ['housing-allowance:1']],
    ['tenantIdIn=aarhus', ['parking-permit:1']],
    ['tenantIdIn=odense', []],
    [
      'tenantIdIn=aarhus&includeProcessDefinitionsWithoutTenantId=true&latestVersion=true',
      ['housing-allowance:1', 'housing-benefit:2', 'parking-permit:1'],
    ],
  ])('?%s', async (query, expected) => {
    const response = await engine.get(`/engine-rest/process-definition?${query}`);
    expect(response.status).toBe(200);
    expect(keysAndVersions(response.body)).toEqual(expected);
    const count = await engine.get(
      `/engine-rest/process-definition/count?${query.replace(/&?(firstResult|maxResults)=\d+/g, '')}`,
    );
    expect(count.body.count).toBe(query.includes('maxResults') ? 3 : expected.length);
  });

  it('filters by id, also in a list', async () => {
    const response = await engine.get(
      `/engine-rest/process-definition?processDefinitionIdIn=${ids['housing-benefit:2']},${ids['housing-allowance:1']}`,
    );
    expect(keysAndVersions(response.body)).toEqual(['housing-allowance:1', 'housing-benefit:2']);
    const one = await engine.get(
      `/engine-rest/process-definition?processDefinitionId=${ids['housing-benefit:1']}`,
    );
    expect(keysAndVersions(one.body)).toEqual(['housing-benefit:1']);
  });

  it.each([
    ['latestVersion=maybe', "Cannot set query parameter 'latestVersion' to value 'maybe'"],
    ['sortBy=color&sortOrder=asc', "Cannot set query parameter 'sortBy' to value 'color'"],
    ['sortBy=key', 'Only a single sorting parameter specified. sortBy and sortOrder required'],
    ['firstResult=-1', "Cannot set query parameter 'firstResult' to value '-1'"],
    ['version=one', "Cannot set query parameter 'version' to value 'one'"],
    ['tenantIdIn=%20bad%20tenant', "Cannot use 'tenantIdIn' value"],
    ['key=a&key=b', "Cannot set query parameter 'key': it was given more than once"],
  ])('refuses ?%s with a 400 naming the parameter', async (query, message) => {
    for (const path of ['/engine-rest/process-definition', '/engine-rest/process-definition/count']) {
      const response = await engine.get(`${path}?${query}`);
      expect(response.status).toBe(400);
      expectCamundaJson(response);
      expect(response.body).toEqual({
        type: 'InvalidRequestException',
        message: expect.stringContaining(message),
      });
    }
  });

  it('is the same query on the designer-api', async () => {
    const response = await designer.get(
      '/engine-rest/process-definition?keyLike=housing%25&latestVersion=true',
    );
    expect(response.status).toBe(200);
    expect(keysAndVersions(response.body)).toEqual(['housing-allowance:1', 'housing-benefit:2']);
    const bad = await designer.get('/engine-rest/process-definition?sortBy=color&sortOrder=asc');
    expect(bad.status).toBe(400);
  });
});

describe('GET /process-definition/{id}, /key/{key} and /key/{key}/tenant-id/{tenant-id}', () => {
  it('answers one definition by id, the latest version of a key, and a tenant’s latest', async () => {
    const byId = await engine.get(`/engine-rest/process-definition/${ids['housing-benefit:1']}`);
    expect(byId.status).toBe(200);
    expectCamundaJson(byId);
    expect(byId.body).toMatchObject({ id: ids['housing-benefit:1'], version: 1, versionTag: '1.0' });

    const latest = await engine.get('/engine-rest/process-definition/key/housing-benefit');
    expect(latest.body).toMatchObject({ id: ids['housing-benefit:2'], version: 2, tenantId: null });

    const tenants = await engine.get('/engine-rest/process-definition/key/parking-permit/tenant-id/aarhus');
    expect(tenants.status).toBe(200);
    expect(tenants.body).toMatchObject({ id: ids['parking-permit:1:aarhus'], tenantId: 'aarhus' });
    const withTenant = await engine.get(
      `/engine-rest/process-definition/${ids['parking-permit:1:aarhus']}?tenantIdIn=aarhus`,
    );
    expect(withTenant.status).toBe(200);
  });

  it("answers 404 for what does not exist — and for another tenant's definition", async () => {
    const unknownId = await engine.get('/engine-rest/process-definition/no-such-definition');
    expect(unknownId.status).toBe(404);
    expectCamundaJson(unknownId);
    expect(unknownId.body).toEqual({
      type: 'InvalidRequestException',
      message: 'No matching definition with id no-such-definition',
    });
    const otherTenant = await engine.get(`/engine-rest/process-definition/${ids['parking-permit:1:aarhus']}`);
    expect(otherTenant.status).toBe(404);
    const keyWithoutTenant = await engine.get('/engine-rest/process-definition/key/parking-permit');
    expect(keyWithoutTenant.status).toBe(404);
    expect(keyWithoutTenant.body).toEqual({
      type: 'RestException',
      message: 'No matching process definition with key: parking-permit and no tenant-id',
    });
    const wrongTenant = await engine.get(
      '/engine-rest/process-definition/key/parking-permit/tenant-id/odense',
    );
    expect(wrongTenant.status).toBe(404);
    expect(wrongTenant.body.message).toBe(
      'No matching process definition with key: parking-permit and tenant-id: odense',
    );
    const badTenant = await engine.get('/engine-rest/process-definition/key/parking-permit/tenant-id/-x');
    expect(badTenant.status).toBe(400);
    expect(badTenant.body.message).toContain("'tenant-id'");
  });
});

describe('POST /process-definition/{id}/start', () => {
  it('starts exactly that version, as Camunda Modeler’s "deploy and start" does', async () => {
    const response = await engine
      .post(`/engine-rest/process-definition/${ids['housing-benefit:1']}/start`)
      .send({
        businessKey: 'sag-7',
        variables: { income: { value: 120000, type: 'Integer' } },
        withVariablesInReturn: true,
        somethingNew: 'ignored',
      });
    expect(response.status).toBe(200);
    expectCamundaJson(response);
    expect(response.body).toMatchObject({
      definitionId: ids['housing-benefit:1'],
      definitionKey: 'housing-benefit',
      businessKey: 'sag-7',
      ended: false,
      suspended: false,
      tenantId: null,
      variables: { income: { value: 120000, type: 'Integer', valueInfo: {} } },
    });
    expect(response.body.links[0].href).toMatch(
      new RegExp(`/engine-rest/process-instance/${response.body.id}$`),
    );
    const history = await engine.get(`/engine-rest/history/process-instance/${response.body.id}`);
    expect(history.body).toMatchObject({ processDefinitionVersion: 1, state: 'ACTIVE' });
    const activities = await engine.get(
      `/engine-rest/history/activity-instance?processInstanceId=${response.body.id}&activityId=review`,
    );
    expect(activities.body).toEqual([expect.objectContaining({ activityName: 'Review' })]);
  });

  it("answers 404 for an unknown id and for another tenant's definition, 400 for a wrong variable", async () => {
    const unknown = await engine.post('/engine-rest/process-definition/no-such-definition/start').send({});
    expect(unknown.status).toBe(404);
    expectCamundaJson(unknown);
    expect(unknown.body.message).toBe('No matching definition with id no-such-definition');
    const otherTenant = await engine
      .post(`/engine-rest/process-definition/${ids['parking-permit:1:aarhus']}/start`)
      .send({});
    expect(otherTenant.status).toBe(404);
    const wrongType = await engine
      .post(`/engine-rest/process-definition/${ids['housing-benefit:2']}/start`)
      .send({ variables: { income: { value: 'a lot', type: 'Integer' } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.message).toContain("Variable 'income' in 'variables' is declared as Integer");
  });
});
