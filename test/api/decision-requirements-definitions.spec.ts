import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decisionTable, dmnDocument } from '../support/dmn-xml.js';
import { expectCamundaJson, startTestApps, type Http, type TestApps } from './camunda-rest-client.js';

/**
 * Camunda's decision requirements definitions on the designer-api, end to end on the real PostgreSQL: a DMN document
 * with two decisions (one requiring the other) is a DRD of its own version; listed, counted, found by id and key, its
 * XML answered, and named by its decisions.
 */
let apps: TestApps;
let designer: Http;

/** Two decisions, `gebyr` requiring `frist`: a decision requirements graph. */
const graph = dmnDocument(
  `${decisionTable('frist', { inputs: ['antal'], outputs: ['dage'], rules: [{ when: ['> 2'], then: ['7'] }] })}
   ${decisionTable('gebyr', {
     inputs: ['dage'],
     outputs: ['belob'],
     rules: [{ when: ['> 5'], then: ['100'] }],
     requires: ['frist'],
   })}`,
  { id: 'sagsregler' },
);

/** One decision: Camunda deploys no DRD for it. */
const single = dmnDocument(
  decisionTable('alene', { inputs: ['x'], outputs: ['y'], rules: [{ when: ['> 1'], then: ['2'] }] }),
  { id: 'enkelt' },
);

async function deployDmn(name: string, xml: string): Promise<string> {
  const response = await designer
    .post('/engine-rest/deployment/create')
    .attach(name, Buffer.from(xml), { filename: name });
  expect(response.status).toBe(200);
  return response.body.id as string;
}

beforeAll(async () => {
  apps = await startTestApps();
  designer = apps.designer;
}, 60_000);

afterAll(() => apps?.stop(), 30_000);

describe('GET /decision-requirements-definition', () => {
  let firstDeployment: string;
  let secondDeployment: string;

  beforeAll(async () => {
    firstDeployment = await deployDmn('sagsregler.dmn', graph);
    secondDeployment = await deployDmn('sagsregler.dmn', graph);
    await deployDmn('enkelt.dmn', single);
  });

  it("lists Camunda's DecisionRequirementsDefinitionDto, one per deployed version, and counts them", async () => {
    const list = await designer.get('/engine-rest/decision-requirements-definition');
    expect(list.status).toBe(200);
    expectCamundaJson(list);
    expect(list.body).toEqual([
      {
        id: expect.stringMatching(/^sagsregler:1:/),
        key: 'sagsregler',
        name: 'Test decisions',
        category: null,
        version: 1,
        resource: 'sagsregler.dmn',
        deploymentId: firstDeployment,
        tenantId: null,
      },
      expect.objectContaining({ key: 'sagsregler', version: 2, deploymentId: secondDeployment }),
    ]);
    expect((await designer.get('/engine-rest/decision-requirements-definition/count')).body).toEqual({
      count: 2,
    });
  });

  it('filters by id, key, name, version, latestVersion and tenant, and pages', async () => {
    const all = (await designer.get('/engine-rest/decision-requirements-definition')).body as Array<{
      id: string;
    }>;
    const ids = async (query: string): Promise<string[]> => {
      const response = await designer.get(`/engine-rest/decision-requirements-definition?${query}`);
      expect(response.status).toBe(200);
      return (response.body as Array<{ id: string }>).map((definition) => definition.id);
    };
    const [first, second] = all.map((definition) => definition.id);
    expect(await ids(`id=${first}`)).toEqual([first]);
    expect(await ids(`decisionRequirementsDefinitionId=${second}`)).toEqual([second]);
    expect(await ids(`decisionRequirementsDefinitionIdIn=${first},${second}`)).toEqual([first, second]);
    expect(await ids('key=sagsregler&version=2')).toEqual([second]);
    expect(await ids('latestVersion=true')).toEqual([second]);
    expect(await ids('name=Test%20decisions')).toEqual([first, second]);
    expect(await ids('key=enkelt')).toEqual([]);
    expect(await ids('tenantIdIn=nogen')).toEqual([]);
    expect(await ids('withoutTenantId=true')).toEqual([first, second]);
    expect(await ids('sortBy=version&sortOrder=desc&firstResult=0&maxResults=1')).toEqual([second]);
    expect(
      (await designer.get('/engine-rest/decision-requirements-definition/count?latestVersion=true')).body,
    ).toEqual({ count: 1 });
    expect(
      (await designer.get('/engine-rest/decision-requirements-definition?sortBy=nope&sortOrder=asc')).status,
    ).toBe(400);
  });

  it('answers one by id and the latest version by key, with its DMN XML; unknown ones are 404', async () => {
    const latest = await designer.get('/engine-rest/decision-requirements-definition/key/sagsregler');
    expect(latest.status).toBe(200);
    expect(latest.body).toMatchObject({ key: 'sagsregler', version: 2, deploymentId: secondDeployment });
    const id = latest.body.id as string;
    expect((await designer.get(`/engine-rest/decision-requirements-definition/${id}`)).body).toEqual(
      latest.body,
    );
    expect((await designer.get(`/engine-rest/decision-requirements-definition/${id}/xml`)).body).toEqual({
      id,
      dmnXml: graph,
    });
    expect(
      (await designer.get('/engine-rest/decision-requirements-definition/key/sagsregler/xml')).body,
    ).toEqual({
      id,
      dmnXml: graph,
    });
    expect((await designer.get('/engine-rest/decision-requirements-definition/nope')).status).toBe(404);
    expect((await designer.get('/engine-rest/decision-requirements-definition/key/enkelt')).status).toBe(404);
  });

  it('names the DRD on the decisions deployed with it, and none on a single decision', async () => {
    const drd = (await designer.get('/engine-rest/decision-requirements-definition/key/sagsregler')).body as {
      id: string;
    };
    const decisions = (
      await designer.get(`/engine-rest/decision-definition?decisionRequirementsDefinitionId=${drd.id}`)
    ).body as Array<Record<string, unknown>>;
    expect(decisions.map((decision) => decision.key).sort()).toEqual(['frist', 'gebyr']);
    for (const decision of decisions) {
      expect(decision).toMatchObject({
        decisionRequirementsDefinitionId: drd.id,
        decisionRequirementsDefinitionKey: 'sagsregler',
      });
    }
    const [alone] = (await designer.get('/engine-rest/decision-definition?key=alene')).body as Array<
      Record<string, unknown>
    >;
    expect(alone).toMatchObject({
      decisionRequirementsDefinitionId: null,
      decisionRequirementsDefinitionKey: null,
    });
  });
});
