import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import {
  FAKE_CPR,
  FakeServiceplatformen,
  SF1520_PATH,
  SF1601_PATH,
} from '../support/serviceplatformen/fake-serviceplatformen.js';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates.js';
import {
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
  startByKey,
} from './camunda-rest-client.js';
import { activitiesOf, until, variablesOf } from './process-observations.js';

/**
 * The Serviceplatformen connectors through the running engine, against a local HTTPS server with mutual TLS that
 * speaks SF1520 and SF1601: a CPR lookup whose requested fields become variables (and a CPR_NOT_FOUND caught by an
 * error boundary event), and a Digital Post letter whose delivery receipt comes back to the waiting process —
 * also when the receipt outruns it.
 */

const SECRETS = {
  KF_SECRET_SP_TEST_CERT: 'clientCertificate',
  KF_SECRET_SP_TEST_KEY: 'clientKey',
  KF_SECRET_SP_TEST_CA: 'ca',
} as const;

let certificates: TestCertificates;
let fake: FakeServiceplatformen;
let apps: TestApps;
let engine: Http;

const tls = {
  certificate: { secretRef: 'env:KF_SECRET_SP_TEST_CERT' },
  privateKey: { secretRef: 'env:KF_SECRET_SP_TEST_KEY' },
  ca: { secretRef: 'env:KF_SECRET_SP_TEST_CA' },
};

const childLookup = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="lookup">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="connector:cpr" />
       <zeebe:ioMapping>
         <zeebe:input source="=childCpr" target="cprNumber" />
         <zeebe:input source="=[&quot;name&quot;, &quot;guardian&quot;]" target="fields" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:boundaryEvent id="notFound" attachedToRef="lookup"><bpmn:errorEventDefinition errorRef="cprNotFound" /></bpmn:boundaryEvent>
   <bpmn:endEvent id="found" />
   <bpmn:endEvent id="unknownChild" />
   ${chain('start', 'lookup', 'found')}${flow('f_notFound', 'notFound', 'unknownChild')}`,
  {
    id: 'child-lookup',
    dialect: 'camunda8',
    rootElements: '<bpmn:error id="cprNotFound" errorCode="CPR_NOT_FOUND" />',
  },
);

const letter = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="send">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="connector:digital-post" />
       <zeebe:ioMapping>
         <zeebe:input source="={idType: &quot;CPR&quot;, id: citizenCpr}" target="recipient" />
         <zeebe:input source="=&quot;Afgørelse om aktindsigt&quot;" target="label" />
         <zeebe:input source="=letterText" target="text" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:userTask id="archive" />
   <bpmn:intermediateCatchEvent id="receipt"><bpmn:messageEventDefinition messageRef="receiptMessage" /></bpmn:intermediateCatchEvent>
   <bpmn:endEvent id="end" />
   ${chain('start', 'send', 'archive', 'receipt', 'end')}`,
  {
    id: 'letter',
    dialect: 'camunda8',
    rootElements:
      '<bpmn:message id="receiptMessage" name="digital-post-receipt"><bpmn:extensionElements><zeebe:subscription correlationKey="=messageUuid" /></bpmn:extensionElements></bpmn:message>',
  },
);

beforeAll(async () => {
  certificates = makeTestCertificates();
  fake = new FakeServiceplatformen(certificates);
  const url = await fake.start();
  for (const [name, field] of Object.entries(SECRETS)) process.env[name] = certificates[field];
  const settingsFile = join(certificates.directory, 'connector-settings.json');
  writeFileSync(
    settingsFile,
    JSON.stringify({
      '': {
        cpr: {
          endpoint: `${url}${SF1520_PATH}`,
          invocationContext: {
            serviceAgreementUuid: '11111111-1111-4111-8111-111111111111',
            userSystemUuid: '22222222-2222-4222-8222-222222222222',
            userUuid: '33333333-3333-4333-8333-333333333333',
            serviceUuid: '44444444-4444-4444-8444-444444444444',
          },
          tls,
        },
        'digital-post': {
          endpoint: `${url}${SF1601_PATH}`,
          sender: { cvr: '55133018', label: 'Aarhus Kommune' },
          tls,
        },
      },
    }),
  );
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200', CONNECTOR_SETTINGS_FILE: settingsFile });
  engine = apps.engine;
  for (const [name, xml] of [
    ['child-lookup.bpmn', childLookup],
    ['letter.bpmn', letter],
  ] as const) {
    const deployed = await deployLikeModeler(apps.designer, name, xml);
    expect(deployed.status).toBe(200);
  }
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  await fake?.stop();
  certificates?.remove();
  for (const name of Object.keys(SECRETS)) delete process.env[name];
}, 30_000);

function start(key: string, variables: Record<string, string>): Promise<string> {
  return startByKey(engine, key, {
    variables: Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [name, { value, type: 'String' }]),
    ),
  });
}

async function taskOf(instanceId: string): Promise<string> {
  return until('the archive task', async () => {
    const tasks = (await engine.get(`/engine-rest/task?processInstanceId=${instanceId}`)).body as Array<{
      id: string;
    }>;
    return tasks[0]?.id;
  });
}

describe('connector:cpr through the engine', () => {
  it('puts only the requested fields of the child into the process, over mutual TLS', async () => {
    const instanceId = await start('child-lookup', { childCpr: FAKE_CPR.child });
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual(['start', 'lookup', 'found']);
    const variables = await variablesOf(engine, instanceId);
    expect(variables['person']).toEqual({
      name: { addressingName: 'Jensen,Alma', firstName: 'Alma', lastName: 'Jensen' },
      guardian: {
        underGuardianship: true,
        since: '2020-05-01',
        guardianName: 'Bo Ib Hansen',
        guardianCprNumber: FAKE_CPR.adult,
      },
    });
    const call = fake.calls.find((candidate) => candidate.body.includes(FAKE_CPR.child))!;
    expect(call.clientCertificateSubject).toBe('kf-test-function-certificate');
  });

  it('takes the CPR_NOT_FOUND path when CPR has no such person, with no incident', async () => {
    const instanceId = await start('child-lookup', { childCpr: FAKE_CPR.unknown });
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual(['start', 'lookup', 'notFound', 'unknownChild']);
    expect((await engine.get(`/engine-rest/incident?processInstanceId=${instanceId}`)).body).toEqual([]);
  });
});

describe('connector:digital-post through the engine, and the receipt', () => {
  it('sends the letter and brings the receipt back to the process, also when it outruns the wait', async () => {
    const instanceId = await start('letter', {
      citizenCpr: FAKE_CPR.adult,
      letterText: 'Du har fået aktindsigt.',
    });
    const taskId = await taskOf(instanceId);
    const { messageUuid, transactionId } = await variablesOf(engine, instanceId);
    expect(typeof messageUuid).toBe('string');
    expect(transactionId).toBe(messageUuid);
    expect(fake.letters.has(String(messageUuid))).toBe(true);

    // The receipt comes while the process is still at the archive task: it is kept, not lost.
    const early = await engine
      .post('/engine-rest/digital-post/receipt')
      .send({ messageUuid, status: 'delivered', statusTime: '2025-03-01T10:00:00Z' });
    expect(early.status).toBe(200);
    expectCamundaJson(early);
    expect(early.body).toEqual({ messageUuid, correlated: false });

    expect((await engine.post(`/engine-rest/task/${taskId}/complete`).send({})).status).toBe(204);
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect((await variablesOf(engine, instanceId))['digitalPostReceipt']).toEqual({
      messageUuid,
      status: 'delivered',
      statusTime: '2025-03-01T10:00:00Z',
    });
  });

  it('correlates a receipt to the process waiting for it, and to that process only', async () => {
    const waiting = await start('letter', { citizenCpr: FAKE_CPR.adult, letterText: 'Brev 1' });
    const other = await start('letter', { citizenCpr: FAKE_CPR.child, letterText: 'Brev 2' });
    for (const instanceId of [waiting, other]) {
      const taskId = await taskOf(instanceId);
      expect((await engine.post(`/engine-rest/task/${taskId}/complete`).send({})).status).toBe(204);
    }
    await until('both processes at the receipt', async () => {
      const both = await Promise.all([waiting, other].map((instanceId) => activitiesOf(engine, instanceId)));
      return both.every((activities) => activities.includes('receipt')) ? true : undefined;
    });
    const { messageUuid } = await variablesOf(engine, waiting);
    const response = await engine
      .post('/engine-rest/digital-post/receipt')
      .send({ messageUuid, status: 'failed', reason: 'Modtager er fritaget' });
    expect(response.body).toEqual({ messageUuid, correlated: true });
    await untilHistoricState(engine, waiting, 'COMPLETED');
    expect((await variablesOf(engine, waiting))['digitalPostReceipt']).toEqual({
      messageUuid,
      status: 'failed',
      reason: 'Modtager er fritaget',
    });
    const stillWaiting = await engine.get(`/engine-rest/history/process-instance/${other}`);
    expect(stillWaiting.body.state).toBe('ACTIVE');
  });

  it('answers a receipt it cannot read with a 400 naming the field', async () => {
    const response = await engine
      .post('/engine-rest/digital-post/receipt')
      .send({ messageUuid: 'nope', status: 'delivered' });
    expect(response.status).toBe(400);
    expectCamundaJson(response);
    expect(response.body.message).toContain("'messageUuid'");
    const status = await engine
      .post('/engine-rest/digital-post/receipt')
      .send({ messageUuid: '6f1c2a4e-8b7d-5c1e-9a3f-5b2d7e0c9a41', status: 'lost' });
    expect(status.status).toBe(400);
    expect(status.body.message).toContain("'status'");
  });
});
