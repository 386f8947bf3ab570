import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SMTPServer } from 'smtp-server';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { RecordingConnectorLogger } from '../../contract/connector-logger.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import type { ConnectorSettings } from '../../tenant/tenant-configuration-store.js';
import {
  IDEMPOTENCY_KEY_HEADER,
  SmtpConnector,
  messageIdFor,
  type SmtpConnectorInput,
} from './smtp.connector.js';

interface Delivered {
  from: string;
  to: string[];
  raw: string;
}

/**
 * An SMTP sink on loopback that speaks real SMTP (smtp-server): it wants a login, answers 451 for a recipient at
 * busy.example, 550 for one at nowhere.example, and never answers for one at slow.example.
 */
const delivered: Delivered[] = [];
const sink = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, _session, callback) {
    if (auth.username === 'kf' && auth.password === 'smtp-password-1') return callback(null, { user: 'kf' });
    callback(Object.assign(new Error('bad login'), { responseCode: 535 }));
  },
  onRcptTo(address, _session, callback) {
    if (address.address.endsWith('@busy.example')) {
      return callback(Object.assign(new Error('mailbox busy'), { responseCode: 451 }));
    }
    if (address.address.endsWith('@nowhere.example')) {
      return callback(Object.assign(new Error(`no mailbox ${address.address}`), { responseCode: 550 }));
    }
    if (address.address.endsWith('@slow.example')) return; // never answers
    callback();
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      delivered.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const port = (sink as unknown as { server: { address(): AddressInfo } }).server.address().port;
afterAll(() => new Promise<void>((resolve) => sink.close(() => resolve())));

const secrets = new EnvFileSecretResolver({ env: { SMTP_PASS: 'smtp-password-1', WRONG_PASS: 'nope-nope' } });
const settings: ConnectorSettings = {
  host: '127.0.0.1',
  port,
  from: 'Aarhus Kommune <noreply@aarhus.example>',
  requireTLS: false,
  auth: { user: 'kf', pass: { secretRef: 'env:SMTP_PASS' } },
  timeoutMs: 5_000,
};

const mail: SmtpConnectorInput = {
  to: ['borger@citizen.example'],
  subject: 'Kvittering for din ansøgning',
  text: 'Vi har modtaget din ansøgning om aktindsigt.',
};

function messageIdOf(raw: string): string | undefined {
  return /^Message-ID: (.+)$/im.exec(raw)?.[1]?.trim();
}

async function send(
  input: SmtpConnectorInput,
  tenantSettings: ConnectorSettings = settings,
  idempotencyKey = 'instance-5.1',
) {
  const log = new RecordingConnectorLogger();
  const result = await runConnector(
    new ConnectorRegistry([new SmtpConnector()]),
    'smtp',
    input,
    connectorTestContext({ connectorId: 'smtp', settings: tenantSettings, secrets, log, idempotencyKey }),
  );
  return { result, log };
}

describe('connector:smtp', () => {
  describeConnectorConformance(() => new SmtpConnector(), {
    valid: [
      { name: 'a text mail', input: mail },
      {
        name: 'html, cc and an attachment',
        input: {
          ...mail,
          cc: ['sagsbehandler@aarhus.example'],
          html: '<p>Vi har modtaget din ansøgning.</p>',
          attachments: [
            {
              filename: 'kvittering.txt',
              content: Buffer.from('kvittering').toString('base64'),
              contentType: 'text/plain',
            },
          ],
        },
      },
    ],
    invalid: [
      { name: 'no recipient, no subject', input: { to: [] }, paths: ['$.to', '$.subject'] },
      {
        name: 'a recipient as a string',
        input: { to: 'a@b.example', subject: 's', text: 't' },
        paths: ['$.to'],
      },
    ],
    failures: [
      { name: 'a 4xx reply', input: { ...mail, to: ['x@busy.example'] }, expect: 'retryable' },
      { name: 'a 5xx reply', input: { ...mail, to: ['x@nowhere.example'] }, expect: 'permanent' },
      {
        name: 'a 5xx reply with a BPMN error code',
        input: { ...mail, to: ['x@nowhere.example'], rejectedErrorCode: 'EMAIL_REJECTED' },
        expect: { bpmnErrorCode: 'EMAIL_REJECTED' },
      },
      { name: 'no body', input: { to: ['a@b.example'], subject: 's' }, expect: 'permanent' },
    ],
    slow: { ...mail, to: ['x@slow.example'] },
    tenant: { settings, secrets, secretValues: ['smtp-password-1'] },
    idempotencyKeysSeen: () =>
      delivered.flatMap((mail) => {
        const header = new RegExp(`^${IDEMPOTENCY_KEY_HEADER}: (.+)$`, 'im').exec(mail.raw);
        return header ? [header[1]!.trim()] : [];
      }),
  });

  it('delivers the mail with a Message-ID derived from the idempotency key, the same on a retry', async () => {
    delivered.length = 0;
    const first = await send(mail, settings, 'instance-6.2');
    const retry = await send(mail, settings, 'instance-6.2');
    const other = await send(mail, settings, 'instance-6.3');
    const expected = messageIdFor('tenant-a', 'instance-6.2', 'aarhus.example');
    expect(first.result).toEqual({
      status: 'completed',
      output: { messageId: expected, accepted: 1, rejected: 0 },
    });
    expect(retry.result).toEqual(first.result);
    expect(other.result.status).toBe('completed');
    expect(delivered.map((mail) => messageIdOf(mail.raw))).toEqual([
      expected,
      expected,
      messageIdFor('tenant-a', 'instance-6.3', 'aarhus.example'),
    ]);
    expect(delivered[0]).toMatchObject({ from: 'noreply@aarhus.example', to: ['borger@citizen.example'] });
    expect(delivered[0]!.raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(first.log.text()).not.toMatch(/borger@citizen|smtp-password/);
  });

  it('sends to the accepted recipients and counts the refused ones', async () => {
    delivered.length = 0;
    const { result } = await send({ ...mail, to: ['a@citizen.example', 'b@nowhere.example'] });
    expect(result).toMatchObject({ status: 'completed', output: { accepted: 1, rejected: 1 } });
    expect(delivered[0]!.to).toEqual(['a@citizen.example']);
  });

  it('names no recipient in a failure, and makes a refused login and a closed port what they are', async () => {
    const refused = await send({ ...mail, to: ['someone@nowhere.example'] });
    expect(refused.result).toMatchObject({
      status: 'failed',
      failure: {
        message: expect.stringContaining('refused the message with 550'),
        details: { responseCode: 550 },
      },
    });
    expect(JSON.stringify(refused.result)).not.toContain('someone@');
    const login = await send(mail, {
      ...settings,
      auth: { user: 'kf', pass: { secretRef: 'env:WRONG_PASS' } },
    });
    expect(login.result).toMatchObject({ status: 'failed', failure: { retryable: false } });
    const closed = await send(mail, { ...settings, port: 1 });
    expect(closed.result).toMatchObject({ status: 'failed', failure: { retryable: true } });
    const unconfigured = await runConnector(
      new ConnectorRegistry([new SmtpConnector()]),
      'smtp',
      mail,
      connectorTestContext({ connectorId: 'smtp' }),
    );
    expect(unconfigured).toMatchObject({
      status: 'failed',
      failure: { message: expect.stringContaining('set host, port and from') },
    });
  });
});
