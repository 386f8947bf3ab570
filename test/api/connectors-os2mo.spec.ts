import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import { FAKE_OS2MO, FAKE_OS2MO_CLIENT, FAKE_OS2MO_TOKEN_PATH, FakeOs2mo } from '../support/fake-os2mo.js';
import {
  deployLikeModeler,
  startByKey,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';
import { activitiesOf, variablesOf } from './process-observations.js';

/**
 * connector:os2mo through the running engine, against OS2mo's GraphQL API and a Keycloak token endpoint on loopback:
 * the unit's name and its manager (inherited from the parent unit) become process variables — only those; an
 * unknown unit is caught as the BPMN error OS2MO_NOT_FOUND.
 */

const model = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="findManager">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="connector:os2mo" />
       <zeebe:ioMapping>
         <zeebe:input source="=&quot;unit-manager&quot;" target="operation" />
         <zeebe:input source="=unitUuid" target="uuid" />
         <zeebe:input source="=[&quot;uuid&quot;, &quot;name&quot;]" target="fields" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:boundaryEvent id="unknownUnit" attachedToRef="findManager"><bpmn:errorEventDefinition errorRef="notFound" /></bpmn:boundaryEvent>
   <bpmn:endEvent id="found" />
   <bpmn:endEvent id="noUnit" />
   ${chain('start', 'findManager', 'found')}${flow('f_unknown', 'unknownUnit', 'noUnit')}`,
  {
    id: 'os2mo-manager',
    dialect: 'camunda8',
    rootElements: '<bpmn:error id="notFound" errorCode="OS2MO_NOT_FOUND" />',
  },
);

let os2mo: FakeOs2mo;
let directory: string;
let apps: TestApps;
let engine: Http;

beforeAll(async () => {
  os2mo = await new FakeOs2mo().start();
  process.env['KF_SECRET_E2E_OS2MO_CLIENT'] = FAKE_OS2MO_CLIENT.clientSecret;
  directory = mkdtempSync(join(tmpdir(), 'kf-os2mo-e2e-'));
  const settingsFile = join(directory, 'connector-settings.json');
  writeFileSync(
    settingsFile,
    JSON.stringify({
      '': {
        os2mo: {
          baseUrl: os2mo.url,
          auth: {
            type: 'oauth2',
            grant: 'client_credentials',
            tokenUrl: `${os2mo.url}${FAKE_OS2MO_TOKEN_PATH}`,
            clientId: FAKE_OS2MO_CLIENT.clientId,
            clientSecret: { secretRef: 'env:KF_SECRET_E2E_OS2MO_CLIENT' },
          },
        },
      },
    }),
  );
  apps = await startTestApps({
    RECONCILE_INTERVAL_MS: '200',
    JOB_RETRIES: '2',
    JOB_RETRY_BASE_MS: '10',
    CONNECTOR_SETTINGS_FILE: settingsFile,
  });
  engine = apps.engine;
  expect((await deployLikeModeler(apps.designer, 'os2mo-manager.bpmn', model)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  await os2mo?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
  delete process.env['KF_SECRET_E2E_OS2MO_CLIENT'];
}, 30_000);

function start(unitUuid: string): Promise<string> {
  return startByKey(engine, 'os2mo-manager', {
    variables: { unitUuid: { value: unitUuid, type: 'String' } },
  });
}

describe('connector:os2mo through the engine', () => {
  it("puts the unit's inherited manager into the process, with only the requested fields", async () => {
    const [, social, children] = FAKE_OS2MO.units;
    const instanceId = await start(children!.uuid);
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual(['start', 'findManager', 'found']);
    const variables = await variablesOf(engine, instanceId);
    expect(variables['manager']).toEqual({
      uuid: 'b1a5e5b7-0000-4000-8000-000000000002',
      name: 'Bent Chef',
      orgUnit: { uuid: social!.uuid, name: 'Social' },
    });
    expect(Object.keys(variables).sort()).toEqual(['fields', 'manager', 'operation', 'unitUuid', 'uuid']);
    expect(os2mo.tokensIssued).toBe(1);
  });

  it('takes the OS2MO_NOT_FOUND path for a unit OS2mo does not know', async () => {
    const instanceId = await start('00000000-0000-4000-8000-000000000404');
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual(['start', 'findManager', 'unknownUnit', 'noUnit']);
    expect((await engine.get(`/engine-rest/incident?processInstanceId=${instanceId}`)).body).toEqual([]);
  });
});
