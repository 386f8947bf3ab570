import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import {
  deployLikeModeler,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
  startByKey,
} from './camunda-rest-client.js';
import { activitiesOf, incidentsOf, variablesOf } from './process-observations.js';

/**
 * connector:rest through the running engine, against a case API on loopback that wants an OAuth2 token (client
 * credentials from the tenant's settings, the secret from the environment): the response mapped to variables, a
 * 404 caught as the BPMN error NOT_FOUND, a flaky 503 retried with the same idempotency key, and a lasting 503
 * ending as an incident that shows no secret.
 */

const CLIENT_SECRET = 'e2e-rest-client-secret';
const received: Array<{ url: string; idempotencyKey: string; authorization: string }> = [];
let flakyFailures = 0;
let tokensIssued = 0;

function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const send = (status: number, json: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(json));
  };
  if (request.url === '/oauth/token') {
    const form = new URLSearchParams(body);
    if (form.get('client_secret') !== CLIENT_SECRET) return send(401, { error: 'invalid_client' });
    tokensIssued += 1;
    return send(200, { access_token: `access-${tokensIssued}`, expires_in: 3600, token_type: 'Bearer' });
  }
  received.push({
    url: request.url ?? '',
    idempotencyKey: String(request.headers['idempotency-key']),
    authorization: String(request.headers['authorization']),
  });
  if (!String(request.headers['authorization']).startsWith('Bearer access-')) return send(401, {});
  const id = decodeURIComponent((request.url ?? '').replace(/^\/api\/cases\//, ''));
  if (id === 'missing') return send(404, { error: 'no such case' });
  if (id === 'broken') return send(503, { error: 'maintenance' });
  if (id === 'flaky' && flakyFailures < 3) {
    flakyFailures += 1;
    return send(503, { error: 'busy' });
  }
  send(200, { id, title: 'Aktindsigt i byggesag', status: 'open' });
}

const caseLookup = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="fetchCase">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="connector:rest" />
       <zeebe:ioMapping>
         <zeebe:input source="=&quot;/cases/{caseId}&quot;" target="url" />
         <zeebe:input source="={caseId: caseId}" target="parameters" />
         <zeebe:input source="={caseTitle: &quot;$.body.title&quot;, caseStatus: &quot;$.body.status&quot;}" target="responseMapping" />
         <zeebe:input source="={&quot;404&quot;: &quot;NOT_FOUND&quot;}" target="errorCodes" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:boundaryEvent id="notFound" attachedToRef="fetchCase"><bpmn:errorEventDefinition errorRef="caseNotFound" /></bpmn:boundaryEvent>
   <bpmn:endEvent id="found" />
   <bpmn:endEvent id="unknownCase" />
   ${chain('start', 'fetchCase', 'found')}${flow('f_notFound', 'notFound', 'unknownCase')}`,
  {
    id: 'case-lookup',
    dialect: 'camunda8',
    rootElements: '<bpmn:error id="caseNotFound" errorCode="NOT_FOUND" />',
  },
);

let api: Server;
let directory: string;
let apps: TestApps;
let engine: Http;

beforeAll(async () => {
  api = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  process.env['KF_SECRET_E2E_REST_CLIENT'] = CLIENT_SECRET;
  directory = mkdtempSync(join(tmpdir(), 'kf-rest-e2e-'));
  const settingsFile = join(directory, 'connector-settings.json');
  writeFileSync(
    settingsFile,
    JSON.stringify({
      '': {
        rest: {
          baseUrl: `${url}/api`,
          auth: {
            type: 'oauth2',
            grant: 'client_credentials',
            tokenUrl: `${url}/oauth/token`,
            clientId: 'kommune-flow',
            clientSecret: { secretRef: 'env:KF_SECRET_E2E_REST_CLIENT' },
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
  expect((await deployLikeModeler(apps.designer, 'case-lookup.bpmn', caseLookup)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  api?.closeAllConnections();
  await new Promise((resolve) => api?.close(resolve));
  if (directory) rmSync(directory, { recursive: true, force: true });
  delete process.env['KF_SECRET_E2E_REST_CLIENT'];
}, 30_000);

function start(caseId: string): Promise<string> {
  return startByKey(engine, 'case-lookup', { variables: { caseId: { value: caseId, type: 'String' } } });
}

describe('connector:rest through the engine', () => {
  it('maps the response of an OAuth2-protected API into variables', async () => {
    const instanceId = await start('S-2025/17');
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual(['start', 'fetchCase', 'found']);
    expect(await variablesOf(engine, instanceId)).toMatchObject({
      caseTitle: 'Aktindsigt i byggesag',
      caseStatus: 'open',
    });
    expect(received.find((request) => request.url === '/api/cases/S-2025%2F17')).toMatchObject({
      authorization: 'Bearer access-1',
    });
  });

  it('takes the NOT_FOUND path for a 404, with no incident', async () => {
    const instanceId = await start('missing');
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual(['start', 'fetchCase', 'notFound', 'unknownCase']);
    expect((await engine.get(`/engine-rest/incident?processInstanceId=${instanceId}`)).body).toEqual([]);
  });

  it('retries a flaky API with the same idempotency key until it answers', async () => {
    const instanceId = await start('flaky');
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    const calls = received.filter((request) => request.url === '/api/cases/flaky');
    expect(calls.length).toBe(4);
    expect(new Set(calls.map((call) => call.idempotencyKey)).size).toBe(1);
    expect(calls[0]!.idempotencyKey).not.toBe('undefined');
  });

  it('raises an incident for an API that stays down, naming the status and no secret', async () => {
    const instanceId = await start('broken');
    const [incident] = await incidentsOf(engine, instanceId);
    expect(incident).toMatchObject({
      activityId: 'fetchCase',
      incidentMessage: expect.stringContaining('503'),
    });
    expect(JSON.stringify(incident)).not.toMatch(/e2e-rest-client-secret|access-\d/);
  });
});
