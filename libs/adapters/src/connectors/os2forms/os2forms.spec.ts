import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import type { ConnectorSettings } from '../../tenant/tenant-configuration-store.js';
import { createTenantConnectorConfig } from '../../tenant/tenant-connector-config.js';
import { Os2formsSubmissionConnector } from './os2forms-submission.connector.js';
import {
  os2formsSubmissionStart,
  Os2formsWebhookRefusal,
  type Os2formsWebhookRequest,
} from './os2forms-webhook.js';

/** OS2forms' webform_rest API on loopback: GET /webform_rest/{webform}/submission/{sid} with an api-key header. */
const requests: IncomingMessage[] = [];
const os2forms = createServer((request: IncomingMessage, response: ServerResponse) => {
  requests.push(request);
  const send = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  if (request.headers['api-key'] !== 'os2forms-key-1') return send(403, { message: 'Access denied' });
  const match = /^\/webform_rest\/([^/]+)\/submission\/([^/?]+)\?_format=json$/.exec(request.url ?? '');
  if (!match) return send(404, { message: 'No route found' });
  const [, webform, sid] = match;
  if (sid === 'slow') return;
  if (sid === 'missing') return send(404, { message: 'Submission not found' });
  if (sid === 'down') return send(503, { message: 'Maintenance' });
  send(200, {
    entity: {
      sid: [{ value: Number(sid) }],
      uuid: [{ value: '6f1c7e2a-5b1d-4c5e-9a3b-2d7c1e0f4a11' }],
      webform_id: [{ target_id: webform }],
      completed: [{ value: '2025-01-15T09:00:00+00:00', format: 'Y-m-d\\TH:i:sP' }],
    },
    data: { navn: 'Karen Jensen', cpr: '0101901234', emne: 'Aktindsigt i sag 27.24.00', samtykke: 1 },
  });
});
await new Promise<void>((resolve) => os2forms.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(os2forms.address() as AddressInfo).port}`;
afterAll(async () => {
  os2forms.closeAllConnections();
  await new Promise((resolve) => os2forms.close(resolve));
});

const secrets = new EnvFileSecretResolver({
  env: { OS2FORMS_KEY: 'os2forms-key-1', WEBHOOK_SECRET: 'webhook-secret-1', WEBHOOK_KEY: 'webhook-key-1' },
});
const settings: ConnectorSettings = {
  baseUrl,
  auth: { type: 'api-key', header: 'api-key', key: { secretRef: 'env:OS2FORMS_KEY' } },
};

describe('connector:os2forms-submission', () => {
  describeConnectorConformance(() => new Os2formsSubmissionConnector({ retryBaseMs: 1, retryMaxMs: 5 }), {
    valid: [
      { name: 'every field', input: { webformId: 'aktindsigt', submissionId: '42' } },
      {
        name: 'chosen fields',
        input: { webformId: 'aktindsigt', submissionId: '43', fields: ['emne', 'absent'] },
      },
    ],
    invalid: [
      { name: 'nothing', input: {}, paths: ['$.webformId', '$.submissionId'] },
      {
        name: 'a path in the id',
        input: { webformId: 'a', submissionId: '../admin' },
        paths: ['$.submissionId'],
      },
    ],
    failures: [
      {
        name: 'unknown, mapped',
        input: {
          webformId: 'aktindsigt',
          submissionId: 'missing',
          notFoundErrorCode: 'SUBMISSION_NOT_FOUND',
        },
        expect: { bpmnErrorCode: 'SUBMISSION_NOT_FOUND' },
      },
      { name: 'unknown', input: { webformId: 'aktindsigt', submissionId: 'missing' }, expect: 'permanent' },
      { name: 'maintenance', input: { webformId: 'aktindsigt', submissionId: 'down' }, expect: 'retryable' },
    ],
    slow: { webformId: 'aktindsigt', submissionId: 'slow' },
    tenant: { settings, secrets, secretValues: ['os2forms-key-1'] },
    idempotencyKeysSeen: () => requests.map((request) => String(request.headers['idempotency-key'])),
  });

  it('returns the submission, only the fields asked for, and never logs its data', async () => {
    const context = connectorTestContext({ connectorId: 'os2forms-submission', settings, secrets });
    const result = await runConnector(
      new ConnectorRegistry([new Os2formsSubmissionConnector()]),
      'os2forms-submission',
      { webformId: 'aktindsigt', submissionId: '42', fields: ['emne', 'samtykke'] },
      context,
    );
    expect(result).toEqual({
      status: 'completed',
      output: {
        submission: {
          webformId: 'aktindsigt',
          submissionId: '42',
          uuid: '6f1c7e2a-5b1d-4c5e-9a3b-2d7c1e0f4a11',
          completed: '2025-01-15T09:00:00+00:00',
          data: { emne: 'Aktindsigt i sag 27.24.00', samtykke: 1 },
        },
      },
    });
    expect(JSON.stringify((context.log as unknown as { entries: unknown[] }).entries)).not.toMatch(
      /Karen|0101901234|\/42/,
    );
  });

  it('fails permanently, saying what to configure, for a tenant without settings or with a wrong key', async () => {
    const registry = new ConnectorRegistry([new Os2formsSubmissionConnector()]);
    const input = { webformId: 'aktindsigt', submissionId: '42' };
    const none = await runConnector(
      registry,
      'os2forms-submission',
      input,
      connectorTestContext({ connectorId: 'os2forms-submission' }),
    );
    expect(none).toMatchObject({
      status: 'failed',
      failure: { message: expect.stringContaining('set baseUrl') },
    });
    const wrongKey = await runConnector(
      registry,
      'os2forms-submission',
      input,
      connectorTestContext({
        connectorId: 'os2forms-submission',
        settings: {
          ...settings,
          auth: { type: 'api-key', header: 'api-key', key: { secretRef: 'env:WEBHOOK_KEY' } },
        },
        secrets,
      }),
    );
    expect(wrongKey).toMatchObject({
      status: 'failed',
      failure: { retryable: false, details: { status: 403 } },
    });
  });
});

describe('the OS2forms webhook: which process a submission starts', () => {
  const webhook = (settingsOverride: ConnectorSettings | undefined = undefined) =>
    createTenantConnectorConfig({
      tenantId: 'aarhus',
      connectorId: 'os2forms',
      settings: settingsOverride ?? {
        forms: {
          aktindsigt: { processKey: 'aktindsigt', variables: { emne: 'subject', samtykke: 'consent' } },
        },
        sharedSecret: { secretRef: 'env:WEBHOOK_SECRET' },
        apiKey: { secretRef: 'env:WEBHOOK_KEY' },
      },
      secrets,
    });
  const submission = {
    webform_id: 'aktindsigt',
    sid: 42,
    uuid: 'u-42',
    navn: 'Karen Jensen',
    emne: 'Sag 27.24.00',
    samtykke: 1,
  };
  const signed = (body: unknown, secret = 'webhook-secret-1'): Os2formsWebhookRequest => {
    const rawBody = Buffer.from(JSON.stringify(body));
    return {
      headers: {
        'x-os2forms-signature': `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`,
      },
      rawBody,
      body,
    };
  };
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) =>
        error instanceof Os2formsWebhookRefusal ? { status: error.status, message: error.message } : error,
    );

  it('starts the mapped process with the ids and only the mapped fields, keyed by the submission', async () => {
    expect(await os2formsSubmissionStart(webhook(), signed(submission))).toEqual({
      processKey: 'aktindsigt',
      idempotencyKey: 'os2forms:aktindsigt:42',
      businessKey: 'aktindsigt:42',
      variables: {
        os2formsWebformId: 'aktindsigt',
        os2formsSubmissionId: '42',
        os2formsSubmissionUuid: 'u-42',
        subject: 'Sag 27.24.00',
        consent: 1,
      },
    });
    const nested = { webform_id: 'aktindsigt', uuid: 'u-7', data: { emne: 'x' } };
    expect((await os2formsSubmissionStart(webhook(), signed(nested))).variables).toEqual({
      os2formsWebformId: 'aktindsigt',
      os2formsSubmissionId: 'u-7',
      os2formsSubmissionUuid: 'u-7',
      subject: 'x',
    });
  });

  it('accepts the API key instead of a signature', async () => {
    const request = { headers: { 'api-key': 'webhook-key-1' }, rawBody: Buffer.from('{}'), body: submission };
    expect((await os2formsSubmissionStart(webhook(), request)).processKey).toBe('aktindsigt');
  });

  it('refuses a wrong signature, a changed body, a wrong key and no credentials with 401', async () => {
    const tampered = { ...signed(submission), body: { ...submission, sid: 43 } };
    tampered.rawBody?.write('{"x"', 0);
    for (const request of [
      signed(submission, 'another-secret'),
      tampered,
      { headers: { 'api-key': 'webhook-key-2' }, rawBody: Buffer.from('{}'), body: submission },
      { headers: {}, rawBody: Buffer.from('{}'), body: submission },
    ]) {
      expect(await refusal(os2formsSubmissionStart(webhook(), request))).toMatchObject({ status: 401 });
    }
    const unconfigured = createTenantConnectorConfig({
      tenantId: 'odense',
      connectorId: 'os2forms',
      secrets,
    });
    expect(await refusal(os2formsSubmissionStart(unconfigured, signed(submission)))).toMatchObject({
      status: 401,
    });
  });

  it('names what is missing in a submission (400), an unmapped webform (404) and a misconfiguration (503)', async () => {
    expect(await refusal(os2formsSubmissionStart(webhook(), signed({ sid: 1 })))).toEqual({
      status: 400,
      message: "The submission names no webform: expected 'webform_id'",
    });
    expect(await refusal(os2formsSubmissionStart(webhook(), signed({ webform_id: 'x' })))).toMatchObject({
      status: 400,
      message: expect.stringContaining("'sid' or 'uuid'"),
    });
    expect(await refusal(os2formsSubmissionStart(webhook(), signed([1])))).toMatchObject({ status: 400 });
    expect(
      await refusal(os2formsSubmissionStart(webhook(), signed({ webform_id: 'klage', sid: 1 }))),
    ).toEqual({
      status: 404,
      message: "No process is configured for webform 'klage' (forms.klage.processKey)",
    });
    expect(
      await refusal(
        os2formsSubmissionStart(
          webhook({ forms: {}, sharedSecret: { secretRef: 'env:UNSET' } }),
          signed(submission),
        ),
      ),
    ).toMatchObject({ status: 503, message: expect.stringContaining('UNSET is not set') });
    expect(
      await refusal(os2formsSubmissionStart(webhook({ forms: { a: {} } }), signed(submission))),
    ).toMatchObject({
      status: 503,
      message: expect.stringContaining('forms.a.processKey'),
    });
  });
});
