import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  apiKeysSetting,
  deployLikeModeler,
  expectCamundaJson,
  startTestApps,
  type Http,
  type TestApiKey,
  type TestApps,
} from './camunda-rest-client.js';
import { activitiesOf, variablesOf } from './process-observations.js';

/**
 * OS2forms through the running engine, with authentication on: a webform submission posted to the webhook (signed
 * with the tenant's shared secret, no engine API key) starts the tenant's process once, however often it is
 * delivered; the process then fetches the submission's data from OS2forms' webform_rest API on loopback with the
 * tenant's api-key.
 */

const WEBHOOK_SECRET = 'e2e-os2forms-webhook-secret';
const OS2FORMS_KEY = 'e2e-os2forms-api-key';
const OPERATOR: TestApiKey = {
  name: 'aarhus-operator',
  tenant: 'aarhus',
  roles: ['process-starter', 'process-owner', 'operator', 'monitoring'],
  key: randomBytes(24).toString('hex'),
};
const auth = { authorization: `Bearer ${OPERATOR.key}` };

const fetches: string[] = [];
let os2forms: Server;
let directory: string;
let apps: TestApps;
let engine: Http;

const aktindsigt = bpmnDocument(
  `<bpmn:startEvent id="submitted" />
   <bpmn:serviceTask id="fetchSubmission">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="connector:os2forms-submission" />
       <zeebe:ioMapping>
         <zeebe:input source="=os2formsWebformId" target="webformId" />
         <zeebe:input source="=os2formsSubmissionId" target="submissionId" />
         <zeebe:input source="=[&quot;emne&quot;, &quot;sagsnummer&quot;]" target="fields" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:endEvent id="registered" />
   ${chain('submitted', 'fetchSubmission', 'registered')}`,
  { id: 'os2forms-aktindsigt', dialect: 'camunda8' },
);

const submission = {
  webform_id: 'aktindsigt',
  sid: '4711',
  uuid: '0b8e3c1a-6f2d-4e7b-9c1a-2f3e4d5c6b7a',
  emne: 'Byggesag',
};

function signed(body: unknown, secret = WEBHOOK_SECRET): { raw: string; signature: string } {
  const raw = JSON.stringify(body);
  return { raw, signature: `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}` };
}

function post(body: unknown, secret?: string) {
  const { raw, signature } = signed(body, secret);
  return engine
    .post('/webhooks/os2forms/aarhus')
    .set('content-type', 'application/json')
    .set('x-os2forms-signature', signature)
    .send(raw);
}

beforeAll(async () => {
  os2forms = createServer((request, response) => {
    fetches.push(request.url ?? '');
    response.setHeader('content-type', 'application/json');
    if (request.headers['api-key'] !== OS2FORMS_KEY) {
      response.statusCode = 403;
      return response.end('{"message":"Access denied"}');
    }
    response.end(
      JSON.stringify({
        entity: {
          sid: [{ value: 4711 }],
          uuid: [{ value: submission.uuid }],
          completed: [{ value: '2025-02-03T10:00:00+01:00' }],
        },
        data: { emne: 'Byggesag', sagsnummer: '02.34.02-G01-3-25', navn: 'Karen Jensen', cpr: '0101901234' },
      }),
    );
  });
  await new Promise<void>((resolve) => os2forms.listen(0, '127.0.0.1', resolve));
  process.env['KF_SECRET_E2E_OS2FORMS_WEBHOOK'] = WEBHOOK_SECRET;
  process.env['KF_SECRET_E2E_OS2FORMS_KEY'] = OS2FORMS_KEY;
  directory = mkdtempSync(join(tmpdir(), 'kf-os2forms-e2e-'));
  const settingsFile = join(directory, 'connector-settings.json');
  writeFileSync(
    settingsFile,
    JSON.stringify({
      aarhus: {
        os2forms: {
          forms: { aktindsigt: { processKey: 'os2forms-aktindsigt', variables: { emne: 'subject' } } },
          sharedSecret: { secretRef: 'env:KF_SECRET_E2E_OS2FORMS_WEBHOOK' },
        },
        'os2forms-submission': {
          baseUrl: `http://127.0.0.1:${(os2forms.address() as AddressInfo).port}`,
          auth: { type: 'api-key', header: 'api-key', key: { secretRef: 'env:KF_SECRET_E2E_OS2FORMS_KEY' } },
        },
      },
    }),
  );
  apps = await startTestApps({
    RECONCILE_INTERVAL_MS: '200',
    CONNECTOR_SETTINGS_FILE: settingsFile,
    AUTH: 'on',
    API_KEYS: apiKeysSetting([OPERATOR]),
  });
  engine = apps.engine;
  const deployed = await deployLikeModeler(apps.designer, 'os2forms-aktindsigt.bpmn', aktindsigt, {
    tenantId: 'aarhus',
  }).set(auth);
  expect(deployed.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  os2forms?.closeAllConnections();
  await new Promise((resolve) => os2forms?.close(resolve));
  if (directory) rmSync(directory, { recursive: true, force: true });
  delete process.env['KF_SECRET_E2E_OS2FORMS_WEBHOOK'];
  delete process.env['KF_SECRET_E2E_OS2FORMS_KEY'];
}, 30_000);

describe('OS2forms through the engine', () => {
  it('starts the process once per submission and fetches the submission’s requested fields', async () => {
    const first = await post(submission);
    expect(first.status).toBe(200);
    expectCamundaJson(first);
    expect(first.body).toEqual({
      processInstanceId: expect.any(String),
      processDefinitionKey: 'os2forms-aktindsigt',
      businessKey: 'aktindsigt:4711',
      replayed: false,
    });
    const again = await post(submission);
    expect(again.body).toEqual({ ...first.body, replayed: true });

    const instanceId = first.body.processInstanceId as string;
    await untilCompleted(instanceId);
    expect(await activitiesOf(engine, instanceId, 'aarhus', auth)).toEqual([
      'submitted',
      'fetchSubmission',
      'registered',
    ]);
    const variables = await variablesOf(engine, instanceId, 'aarhus', auth);
    expect(variables).toMatchObject({
      os2formsWebformId: 'aktindsigt',
      os2formsSubmissionId: '4711',
      subject: 'Byggesag',
      submission: {
        webformId: 'aktindsigt',
        submissionId: '4711',
        uuid: submission.uuid,
        completed: '2025-02-03T10:00:00+01:00',
        data: { emne: 'Byggesag', sagsnummer: '02.34.02-G01-3-25' },
      },
    });
    expect(JSON.stringify(variables)).not.toMatch(/Karen|0101901234/);
    expect(fetches).toContain('/webform_rest/aktindsigt/submission/4711?_format=json');
  }, 20_000);

  it('refuses a wrong signature (401), an unmapped webform (404) and a submission without id (400)', async () => {
    const forged = await post(submission, 'guessed-secret');
    expect(forged.status).toBe(401);
    expectCamundaJson(forged);
    expect(forged.body.message).toContain('not authenticated');
    const unsigned = await engine.post('/webhooks/os2forms/aarhus').send(submission);
    expect(unsigned.status).toBe(401);
    expect((await post({ webform_id: 'klage', sid: '1' })).status).toBe(404);
    const noId = await post({ webform_id: 'aktindsigt' });
    expect(noId.status).toBe(400);
    expect(noId.body.message).toContain("'sid' or 'uuid'");
    const otherTenant = await engine
      .post('/webhooks/os2forms/odense')
      .set('content-type', 'application/json')
      .set('x-os2forms-signature', signed(submission).signature)
      .send(signed(submission).raw);
    expect(otherTenant.status).toBe(401);
  });
});

/** Like untilHistoricState, with the operator's key (authentication is on here). */
async function untilCompleted(instanceId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const response = await engine
      .get(`/engine-rest/history/process-instance/${instanceId}?tenantIdIn=aarhus`)
      .set(auth);
    if (response.status === 200 && response.body.state === 'COMPLETED') return;
    if (Date.now() > deadline) {
      const incidents = await engine.get(`/engine-rest/incident?processInstanceId=${instanceId}`).set(auth);
      throw new Error(
        `Instance ${instanceId} is ${JSON.stringify(response.body)}, incidents ${JSON.stringify(incidents.body)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
