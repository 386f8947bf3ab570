import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect as amqpConnect, type Channel, type ChannelModel } from 'amqplib';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haendelsesbeskedXml } from '#adapters';
import { BeskedfordelerConsumers } from '../../apps/engine/src/beskedfordeler/beskedfordeler-consumers.service.js';
import type { TenantConnectorSettings } from '../../apps/engine/src/config/connector-settings-file.js';
import { ConnectorSettingsReloader } from '../../apps/engine/src/config/connector-settings-reloader.js';
import { bpmnDocument, chain } from '../support/bpmn-xml.js';
import {
  deployLikeModeler,
  startByKey,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
} from './camunda-rest-client.js';
import { until } from './process-observations.js';

/**
 * CONNECTOR_SETTINGS_FILE changed under a running engine: the next connector call uses the new endpoint and the
 * rotated client secret (no token got with the old one is served), a file that is wrong is logged and changes
 * nothing, and a tenant's Beskedfordeler settings added, changed and removed start, restart and stop its consumer
 * on the real RabbitMQ.
 */

const BROKER = 'amqp://guest:guest@127.0.0.1:5672';
const OLD_SECRET = 'reload-e2e-old-client-secret';
const NEW_SECRET = 'reload-e2e-new-client-secret';
const FLYTNING = 'a3b1c2d4-0000-4000-8000-0000000000aa';
const run = randomBytes(4).toString('hex');
const firstQueue = `kf-test-reload-${run}-a`;
const secondQueue = `kf-test-reload-${run}-b`;

const received: Array<{ url: string; authorization: string }> = [];
let tokensIssued = 0;

/** A token endpoint that names the secret a token was got with, and the case API behind it. */
function answer(request: IncomingMessage, response: ServerResponse, body: string): void {
  const send = (status: number, json: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(json));
  };
  if (request.url === '/oauth/token') {
    const secret = new URLSearchParams(body).get('client_secret');
    if (secret !== OLD_SECRET && secret !== NEW_SECRET) return send(401, { error: 'invalid_client' });
    tokensIssued += 1;
    const generation = secret === OLD_SECRET ? 'old' : 'new';
    return send(200, { access_token: `${generation}-${tokensIssued}`, expires_in: 3600 });
  }
  received.push({ url: request.url ?? '', authorization: String(request.headers['authorization']) });
  send(200, { title: 'Byggesag' });
}

const caseLookup = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="fetchCase">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="connector:rest" />
       <zeebe:ioMapping>
         <zeebe:input source="=&quot;/cases/&quot; + caseId" target="url" />
         <zeebe:input source="={caseTitle: &quot;$.body.title&quot;}" target="responseMapping" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:endEvent id="end" />
   ${chain('start', 'fetchCase', 'end')}`,
  { id: 'reload-case-lookup', dialect: 'camunda8' },
);

const flytning = bpmnDocument(
  `<bpmn:startEvent id="received" /><bpmn:endEvent id="done" />${chain('received', 'done')}`,
  { id: 'reload-flytning', dialect: 'camunda8' },
);

let api: Server;
let apiUrl: string;
let directory: string;
let settingsFile: string;
let apps: TestApps;
let engine: Http;
let admin: ChannelModel;
let channel: Channel;
const logLines: string[] = [];

function restSettings(path: string, secret: 'OLD' | 'NEW'): TenantConnectorSettings[string] {
  return {
    rest: {
      baseUrl: `${apiUrl}/${path}`,
      auth: {
        type: 'oauth2',
        grant: 'client_credentials',
        tokenUrl: `${apiUrl}/oauth/token`,
        clientId: 'kommune-flow',
        clientSecret: { secretRef: `env:KF_SECRET_RELOAD_${secret}` },
      },
    },
  };
}

function beskedfordelerSettings(queue: string): TenantConnectorSettings[string] {
  return {
    beskedfordeler: {
      amqpUrl: { secretRef: 'env:KF_SECRET_RELOAD_AMQP' },
      queue,
      routes: [{ beskedtype: FLYTNING, startProcess: 'reload-flytning' }],
    },
  };
}

/** Writes the file as a deployment tool would: in full beside it, then renamed into place. */
function writeSettings(content: TenantConnectorSettings | string): void {
  const staged = `${settingsFile}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(staged, typeof content === 'string' ? content : JSON.stringify(content));
  renameSync(staged, settingsFile);
}

function reloader(): ConnectorSettingsReloader {
  return apps.servers.engine!.get(ConnectorSettingsReloader);
}

function consumers(): BeskedfordelerConsumers {
  return apps.servers.engine!.get(BeskedfordelerConsumers);
}

async function untilInUse(
  what: string,
  holds: (settings: TenantConnectorSettings) => boolean,
): Promise<void> {
  await until(what, async () => (holds(reloader().settings) ? true : undefined), 10_000);
}

async function lookUpCase(caseId: string): Promise<{ url: string; authorization: string }> {
  const instanceId = await startByKey(engine, 'reload-case-lookup', {
    variables: { caseId: { value: caseId, type: 'String' } },
  });
  await untilHistoricState(engine, instanceId, 'COMPLETED');
  const call = received.find((request) => request.url.endsWith(`/cases/${caseId}`));
  expect(call).toBeDefined();
  return call!;
}

function publish(queue: string, objektId: string): void {
  const body = haendelsesbeskedXml({
    beskedId: randomUUID(),
    beskedtype: FLYTNING,
    transaktionsId: randomUUID(),
    transaktionsTid: new Date(),
    objektId,
    objektType: 'Person',
    opgaveEmne: '27.24.00',
    handling: 'Flyttet',
  });
  channel.sendToQueue(queue, Buffer.from(body), { persistent: true, contentType: 'application/xml' });
}

/** The odense instance started for the envelope with `objektId` (its business key), once there is one. */
function untilStartedFor(objektId: string): Promise<unknown> {
  return until(`an instance for ${objektId}`, async () => {
    const response = await engine.get(
      `/engine-rest/history/process-instance?processDefinitionKey=reload-flytning&tenantIdIn=odense&businessKey=${objektId}`,
    );
    return (response.body as unknown[]).length > 0 ? response.body : undefined;
  });
}

beforeAll(async () => {
  api = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  process.env['KF_SECRET_RELOAD_OLD'] = OLD_SECRET;
  process.env['KF_SECRET_RELOAD_NEW'] = NEW_SECRET;
  process.env['KF_SECRET_RELOAD_AMQP'] = BROKER;
  admin = await amqpConnect(BROKER);
  channel = await admin.createChannel();
  for (const queue of [firstQueue, secondQueue]) await channel.assertQueue(queue, { durable: true });
  directory = mkdtempSync(join(tmpdir(), 'kf-settings-reload-e2e-'));
  settingsFile = join(directory, 'connector-settings.json');
  writeSettings({ '': restSettings('old', 'OLD') });
  apps = await startTestApps(
    { RECONCILE_INTERVAL_MS: '200', CONNECTOR_SETTINGS_FILE: settingsFile },
    { logger: ['log', 'error'], logDestination: { write: (line: string) => logLines.push(line) } },
  );
  engine = apps.engine;
  expect((await deployLikeModeler(apps.designer, 'case.bpmn', caseLookup)).status).toBe(200);
  const deployed = await deployLikeModeler(apps.designer, 'flytning.bpmn', flytning, { tenantId: 'odense' });
  expect(deployed.status).toBe(200);
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  api?.closeAllConnections();
  await new Promise((resolve) => api?.close(resolve));
  for (const queue of [firstQueue, secondQueue]) {
    await channel?.deleteQueue(queue);
    await channel?.deleteQueue(`${queue}.dlq`);
  }
  await admin?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
  for (const name of ['OLD', 'NEW', 'AMQP']) delete process.env[`KF_SECRET_RELOAD_${name}`];
}, 30_000);

describe('connector settings changed under a running engine', () => {
  it('the next connector call uses the new endpoint and the rotated secret', async () => {
    expect(await lookUpCase('before')).toEqual({ url: '/old/cases/before', authorization: 'Bearer old-1' });

    writeSettings({ '': restSettings('new', 'NEW') });
    await untilInUse('the new settings', (settings) =>
      String(settings['']?.['rest']?.['baseUrl']).endsWith('/new'),
    );

    const after = await lookUpCase('after');
    expect(after.url).toBe('/new/cases/after');
    expect(after.authorization).toMatch(/^Bearer new-\d+$/);
    expect(logLines.join('\n')).toContain('CONNECTOR_SETTINGS_FILE reloaded');
  }, 30_000);

  it('logs a wrong file, naming the problem and no secret, and keeps the settings in use', async () => {
    writeSettings(`{ "": { "rest": { "baseUrl": "${apiUrl}/broken", "password": "${NEW_SECRET}" `);
    await until(
      'the refusal in the log',
      async () => (logLines.some((line) => line.includes('a file that is not JSON')) ? true : undefined),
      10_000,
    );
    writeSettings({ '': restSettings('broken', 'NEW'), odense: { beskedfordeler: { routes: [] } } });
    await until(
      'the refusal of the Beskedfordeler settings',
      async () =>
        logLines.some((line) => line.includes("The Beskedfordeler settings of tenant 'odense' are wrong"))
          ? true
          : undefined,
      10_000,
    );

    expect((await lookUpCase('still')).url).toBe('/new/cases/still');
    const refusals = logLines.filter((line) => line.includes('the previous ones stay'));
    expect(refusals).toHaveLength(2);
    expect(refusals.join('\n')).not.toContain(NEW_SECRET);
    expect(consumers().consumerOf('odense')).toBeUndefined();
  }, 30_000);

  it("starts, restarts and stops a tenant's Beskedfordeler consumer as its settings come, change and go", async () => {
    const rest = restSettings('new', 'NEW');
    writeSettings({ '': rest, odense: beskedfordelerSettings(firstQueue) });
    await until(
      'the consumer of odense',
      async () => consumers().consumerOf('odense')?.consuming || undefined,
    );
    publish(firstQueue, 'objekt-added');
    await untilStartedFor('objekt-added');

    const first = consumers().consumerOf('odense');
    writeSettings({ '': rest, odense: beskedfordelerSettings(secondQueue) });
    await until('a new consumer of odense', async () => {
      const now = consumers().consumerOf('odense');
      return now !== first && now?.consuming ? true : undefined;
    });
    expect(first?.consuming).toBe(false);
    publish(secondQueue, 'objekt-changed');
    await untilStartedFor('objekt-changed');

    writeSettings({ '': rest });
    await until('odense without a consumer', async () =>
      consumers().consumerOf('odense') === undefined ? true : undefined,
    );
    publish(secondQueue, 'objekt-removed');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await channel.checkQueue(secondQueue)).messageCount).toBe(1);
  }, 60_000);
});
