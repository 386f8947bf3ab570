import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import {
  FAKE_SBSYS_CLIENT,
  FAKE_SBSYS_PERSON,
  FAKE_SBSYS_TEMPLATE,
  FAKE_SBSYS_TOKEN_PATH,
  FAKE_SBSYS_USER,
  FakeSbsys,
} from '../support/fake-sbsys.js';
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
 * connector:sbsys through the running engine, against SBSIP on loopback (password grant, secrets from the
 * environment): a case created from a template, the citizen added as a party by CPR number, a journal note and a
 * status change; an unknown citizen caught as the BPMN error SBSYS_NOT_FOUND.
 */

const q = (text: string) => `=&quot;${text}&quot;`;
const task = (id: string, inputs: Array<[string, string]>) =>
  `<bpmn:serviceTask id="${id}"><bpmn:extensionElements><zeebe:taskDefinition type="connector:sbsys" /><zeebe:ioMapping>${inputs
    .map(([source, target]) => `<zeebe:input source="${source}" target="${target}" />`)
    .join('')}</zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`;

const model = bpmnDocument(
  `<bpmn:startEvent id="start" />
   ${task('createCase', [
     [q('create-case'), 'operation'],
     ['=caseTitle', 'title'],
     [`=${FAKE_SBSYS_TEMPLATE}`, 'templateId'],
     [q('27.24.00'), 'kle'],
     ['=31', 'responsibleId'],
   ])}
   ${task('addCitizen', [
     [q('add-party'), 'operation'],
     ['=caseId', 'caseId'],
     ['={idType: &quot;CPR&quot;, id: citizenCpr}', 'party'],
   ])}
   ${task('noteReceipt', [
     [q('journalise-note'), 'operation'],
     ['=caseId', 'caseId'],
     [q('Kvittering'), 'title'],
     [q('Ansøgningen er modtaget'), 'text'],
   ])}
   ${task('closeCase', [
     [q('set-status'), 'operation'],
     ['=caseId', 'caseId'],
     ['=8', 'statusId'],
   ])}
   <bpmn:boundaryEvent id="unknownCitizen" attachedToRef="addCitizen"><bpmn:errorEventDefinition errorRef="notFound" /></bpmn:boundaryEvent>
   <bpmn:endEvent id="done" />
   <bpmn:endEvent id="noCitizen" />
   ${chain('start', 'createCase', 'addCitizen', 'noteReceipt', 'closeCase', 'done')}${flow('f_unknown', 'unknownCitizen', 'noCitizen')}`,
  {
    id: 'sbsys-case',
    dialect: 'camunda8',
    rootElements: '<bpmn:error id="notFound" errorCode="SBSYS_NOT_FOUND" />',
  },
);

let sbsys: FakeSbsys;
let directory: string;
let apps: TestApps;
let engine: Http;

beforeAll(async () => {
  sbsys = await new FakeSbsys().start();
  process.env['KF_SECRET_E2E_SBSIP_CLIENT'] = FAKE_SBSYS_CLIENT.clientSecret;
  process.env['KF_SECRET_E2E_SBSIP_PASSWORD'] = FAKE_SBSYS_USER.password;
  directory = mkdtempSync(join(tmpdir(), 'kf-sbsys-e2e-'));
  const settingsFile = join(directory, 'connector-settings.json');
  writeFileSync(
    settingsFile,
    JSON.stringify({
      '': {
        sbsys: {
          baseUrl: sbsys.url,
          auth: {
            type: 'oauth2',
            grant: 'password',
            tokenUrl: `${sbsys.url}${FAKE_SBSYS_TOKEN_PATH}`,
            clientId: FAKE_SBSYS_CLIENT.clientId,
            clientSecret: { secretRef: 'env:KF_SECRET_E2E_SBSIP_CLIENT' },
            username: FAKE_SBSYS_USER.username,
            password: { secretRef: 'env:KF_SECRET_E2E_SBSIP_PASSWORD' },
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
  expect((await deployLikeModeler(apps.designer, 'sbsys-case.bpmn', model)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  await sbsys?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
  delete process.env['KF_SECRET_E2E_SBSIP_CLIENT'];
  delete process.env['KF_SECRET_E2E_SBSIP_PASSWORD'];
}, 30_000);

function start(caseTitle: string, citizenCpr: string): Promise<string> {
  return startByKey(engine, 'sbsys-case', {
    variables: {
      caseTitle: { value: caseTitle, type: 'String' },
      citizenCpr: { value: citizenCpr, type: 'String' },
    },
  });
}

describe('connector:sbsys through the engine', () => {
  it('creates a case, adds the citizen, journalises a note and closes the case', async () => {
    const instanceId = await start('Ansøgning om hjælpemidler', FAKE_SBSYS_PERSON.cpr);
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual([
      'start',
      'createCase',
      'addCitizen',
      'noteReceipt',
      'closeCase',
      'done',
    ]);
    const variables = await variablesOf(engine, instanceId);
    const sag = sbsys.cases.get(variables['caseId'] as number)!;
    expect(sag).toMatchObject({
      SagsTitel: 'Ansøgning om hjælpemidler',
      SagSkabelon: { Id: FAKE_SBSYS_TEMPLATE },
      Behandler: { Id: 31 },
      EmneplanNummer: '27.24.00',
      SagsStatus: { Id: 8, Navn: 'Afsluttet' },
      Parter: [{ PartId: FAKE_SBSYS_PERSON.partyId, PartType: 'Person' }],
      Notater: [{ Overskrift: 'Kvittering', Note: 'Ansøgningen er modtaget' }],
    });
    expect(variables).toMatchObject({
      caseNumber: sag.Nummer,
      partyId: FAKE_SBSYS_PERSON.partyId,
      noteId: expect.any(Number),
    });
  });

  it('takes the SBSYS_NOT_FOUND path for a citizen SBSYS does not know, with no incident', async () => {
    const instanceId = await start('Ukendt borger', '3112999999');
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual([
      'start',
      'createCase',
      'addCitizen',
      'unknownCitizen',
      'noCitizen',
    ]);
    expect((await engine.get(`/engine-rest/incident?processInstanceId=${instanceId}`)).body).toEqual([]);
  });
});
