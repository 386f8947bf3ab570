import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { bpmnDocument, chain, flow } from '../support/bpmn-xml.js';
import {
  deployLikeModeler,
  startTestApps,
  untilHistoricState,
  type Http,
  type TestApps,
  startByKey,
} from './camunda-rest-client.js';
import { activitiesOf, variablesOf } from './process-observations.js';

/**
 * connector:smtp through the running engine, to an SMTP sink on loopback that speaks real SMTP and wants a login:
 * the receipt mail arrives with the Message-ID the process records, and a mailbox that does not exist (550) is
 * caught as the BPMN error EMAIL_REJECTED.
 */

const PASSWORD = 'e2e-smtp-password';
const delivered: Array<{ to: string[]; raw: string }> = [];

const sink = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === 'kommune-flow' && auth.password === PASSWORD) return callback(null, { user: 'kf' });
    callback(Object.assign(new Error('bad login'), { responseCode: 535 }));
  },
  onRcptTo(address, _session, callback) {
    if (address.address.endsWith('@nowhere.example')) {
      return callback(Object.assign(new Error('no such mailbox'), { responseCode: 550 }));
    }
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      delivered.push({
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});

const receipt = bpmnDocument(
  `<bpmn:startEvent id="start" />
   <bpmn:serviceTask id="sendReceipt">
     <bpmn:extensionElements>
       <zeebe:taskDefinition type="connector:smtp" />
       <zeebe:ioMapping>
         <zeebe:input source="=[citizenEmail]" target="to" />
         <zeebe:input source="=&quot;Kvittering: &quot; + caseNumber" target="subject" />
         <zeebe:input source="=&quot;Vi har modtaget din anmodning om aktindsigt i sag &quot; + caseNumber + &quot;.&quot;" target="text" />
         <zeebe:input source="=&quot;EMAIL_REJECTED&quot;" target="rejectedErrorCode" />
       </zeebe:ioMapping>
     </bpmn:extensionElements>
   </bpmn:serviceTask>
   <bpmn:boundaryEvent id="rejected" attachedToRef="sendReceipt"><bpmn:errorEventDefinition errorRef="emailRejected" /></bpmn:boundaryEvent>
   <bpmn:endEvent id="sent" />
   <bpmn:endEvent id="sendLetterInstead" />
   ${chain('start', 'sendReceipt', 'sent')}${flow('f_rejected', 'rejected', 'sendLetterInstead')}`,
  {
    id: 'mail-receipt',
    dialect: 'camunda8',
    rootElements: '<bpmn:error id="emailRejected" errorCode="EMAIL_REJECTED" />',
  },
);

let directory: string;
let apps: TestApps;
let engine: Http;

beforeAll(async () => {
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink as unknown as { server: { address(): AddressInfo } }).server.address().port;
  process.env['KF_SECRET_E2E_SMTP'] = PASSWORD;
  directory = mkdtempSync(join(tmpdir(), 'kf-smtp-e2e-'));
  const settingsFile = join(directory, 'connector-settings.json');
  writeFileSync(
    settingsFile,
    JSON.stringify({
      '': {
        smtp: {
          host: '127.0.0.1',
          port,
          requireTLS: false,
          from: 'Aarhus Kommune <noreply@aarhus.example>',
          auth: { user: 'kommune-flow', pass: { secretRef: 'env:KF_SECRET_E2E_SMTP' } },
        },
      },
    }),
  );
  apps = await startTestApps({ RECONCILE_INTERVAL_MS: '200', CONNECTOR_SETTINGS_FILE: settingsFile });
  engine = apps.engine;
  expect((await deployLikeModeler(apps.designer, 'mail-receipt.bpmn', receipt)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await apps?.stop();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  if (directory) rmSync(directory, { recursive: true, force: true });
  delete process.env['KF_SECRET_E2E_SMTP'];
}, 30_000);

function start(citizenEmail: string): Promise<string> {
  return startByKey(engine, 'mail-receipt', {
    variables: {
      citizenEmail: { value: citizenEmail, type: 'String' },
      caseNumber: { value: '27.24.00-G01-17-25', type: 'String' },
    },
  });
}

describe('connector:smtp through the engine', () => {
  it('sends the receipt, and the process keeps the Message-ID the mail carries', async () => {
    const instanceId = await start('borger@citizen.example');
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual(['start', 'sendReceipt', 'sent']);
    const variables = await variablesOf(engine, instanceId);
    expect(variables).toMatchObject({ accepted: 1, rejected: 0 });
    const mail = delivered.find((candidate) => candidate.to.includes('borger@citizen.example'))!;
    expect(mail.raw).toContain(`Message-ID: ${String(variables['messageId'])}`);
    expect(mail.raw).toMatch(/^X-Kommune-Flow-Idempotency-Key: \S+/m);
    expect(mail.raw).toContain('sag 27.24.00-G01-17-25');
  });

  it('takes the EMAIL_REJECTED path when the mailbox does not exist', async () => {
    const instanceId = await start('ingen@nowhere.example');
    await untilHistoricState(engine, instanceId, 'COMPLETED');
    expect(await activitiesOf(engine, instanceId)).toEqual([
      'start',
      'sendReceipt',
      'rejected',
      'sendLetterInstead',
    ]);
  });
});
