import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  connectorTestContext,
  describeConnectorConformance,
} from '../../conformance/connector-conformance.js';
import { RecordingConnectorLogger } from '../../contract/connector-logger.js';
import { ConnectorRegistry } from '../../registry/connector-registry.js';
import { runConnector } from '../../run/run-connector.js';
import { EnvFileSecretResolver } from '../../tenant/secret-resolver.js';
import type { ConnectorSettings } from '../../tenant/tenant-configuration-store.js';
import { RestConnector, type RestConnectorInput } from './rest.connector.js';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A small case API on loopback, the kind a fagsystem offers. */
const received: Received[] = [];
const api = createServer((request: IncomingMessage, response: ServerResponse) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const url = request.url ?? '';
    received.push({
      method: request.method ?? '',
      url,
      headers: request.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    });
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(
        status,
        body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      );
      response.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (request.headers['authorization'] !== 'Bearer rest-token-secret' && !url.startsWith('/open/')) {
      return send(401, { error: 'unauthorised' });
    }
    if (url.startsWith('/cases/slow')) return; // never answers
    if (url.startsWith('/cases/missing')) return send(404, { error: 'no such case' });
    if (url.startsWith('/cases/broken')) return send(503, { error: 'maintenance' });
    if (url.startsWith('/cases/refused')) return send(422, { error: 'person 0101901234 is protected' });
    if (request.method === 'POST' && url.split('?')[0] === '/cases') {
      return send(201, { id: 'S-2025-17', status: 'open' }, { location: '/cases/S-2025-17' });
    }
    if (request.method === 'GET' && url.startsWith('/cases/')) {
      return send(200, {
        id: decodeURIComponent(url.slice(7).split('?')[0]!),
        title: 'Aktindsigt',
        parties: [{ role: 'part' }],
      });
    }
    if (url.startsWith('/open/text')) {
      response.writeHead(200, { 'content-type': 'text/plain' });
      return response.end('plain words');
    }
    send(204);
  });
});
await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

const secrets = new EnvFileSecretResolver({
  env: { REST_TOKEN: 'rest-token-secret', OPEN_KEY: 'open-key-1' },
});
const settings: ConnectorSettings = {
  baseUrl,
  auth: { type: 'bearer', token: { secretRef: 'env:REST_TOKEN' } },
  endpoints: {
    open: {
      baseUrl: `${baseUrl}/open`,
      auth: { type: 'api-key', header: 'x-api-key', key: { secretRef: 'env:OPEN_KEY' } },
    },
  },
};
const fast = { retryBaseMs: 1, retryMaxMs: 5 };

async function run(input: RestConnectorInput, tenantSettings: ConnectorSettings | null = settings) {
  const log = new RecordingConnectorLogger();
  const registry = new ConnectorRegistry([new RestConnector(fast)]);
  const result = await runConnector(
    registry,
    'rest',
    input,
    connectorTestContext({
      connectorId: 'rest',
      ...(tenantSettings ? { settings: tenantSettings } : {}),
      secrets,
      log,
      idempotencyKey: 'instance-3.9',
    }),
  );
  return { result, log };
}

describe('connector:rest', () => {
  describeConnectorConformance(() => new RestConnector(fast), {
    valid: [
      { name: 'a GET', input: { url: '/cases/{id}', parameters: { id: 'S-1' } } },
      {
        name: 'a POST with a mapping',
        input: {
          method: 'POST',
          url: '/cases',
          body: { title: 'x' },
          responseMapping: { caseId: '$.body.id' },
        },
      },
    ],
    invalid: [
      { name: 'no url', input: {}, paths: ['$.url'] },
      {
        name: 'an absolute url and a bad method',
        input: { url: 'https://evil.example/x', method: 'TRACE' },
        paths: ['$.url', '$.method'],
      },
    ],
    failures: [
      {
        name: '404 mapped',
        input: { url: '/cases/missing', errorCodes: { '404': 'NOT_FOUND' } },
        expect: { bpmnErrorCode: 'NOT_FOUND' },
      },
      { name: '404 unmapped', input: { url: '/cases/missing' }, expect: 'permanent' },
      { name: '503', input: { url: '/cases/broken' }, expect: 'retryable' },
      { name: '422 naming a CPR number', input: { url: '/cases/refused' }, expect: 'permanent' },
    ],
    slow: { url: '/cases/slow' },
    tenant: { settings, secrets, secretValues: ['rest-token-secret', 'open-key-1'] },
    idempotencyKeysSeen: () => received.map((request) => String(request.headers['idempotency-key'])),
  });

  it('fills the URL template (encoded), adds the query, sends the JSON body and maps the response', async () => {
    received.length = 0;
    const { result, log } = await run({
      method: 'POST',
      url: '/cases',
      query: { kle: '27.24.00', tag: ['a b', 'c'], skip: null },
      headers: { 'x-correlation': 'c-1' },
      body: { title: 'Aktindsigt', cpr: '0101901234' },
      responseMapping: {
        caseId: '$.body.id',
        location: '$.headers.location',
        status: '$.status',
        nothing: '$.body.none[0]',
      },
    });
    expect(result).toEqual({
      status: 'completed',
      output: { caseId: 'S-2025-17', location: '/cases/S-2025-17', status: 201, nothing: null },
    });
    expect(received[0]).toMatchObject({
      method: 'POST',
      url: '/cases?kle=27.24.00&tag=a+b&tag=c',
      body: '{"title":"Aktindsigt","cpr":"0101901234"}',
      headers: expect.objectContaining({
        'x-correlation': 'c-1',
        'content-type': 'application/json',
        'idempotency-key': 'instance-3.9',
      }),
    });
    expect(log.text()).not.toMatch(/0101901234|rest-token-secret/);

    const fetched = await run({ url: '/cases/{id}', parameters: { id: 'A/1 ?x' } });
    expect(received[1]!.url).toBe('/cases/A%2F1%20%3Fx');
    expect(fetched.result).toEqual({
      status: 'completed',
      output: { statusCode: 200, body: { id: 'A/1 ?x', title: 'Aktindsigt', parties: [{ role: 'part' }] } },
    });
  });

  it('uses a named endpoint with its own authentication, and reads a text body as text', async () => {
    received.length = 0;
    const { result } = await run({ url: '/text', endpoint: 'open' });
    expect(result).toEqual({ status: 'completed', output: { statusCode: 200, body: 'plain words' } });
    expect(received[0]!.headers['x-api-key']).toBe('open-key-1');
    expect(received[0]!.headers['authorization']).toBeUndefined();
  });

  it('repeats a POST the API answered 503 within the call only for an endpoint that honours the Idempotency-Key', async () => {
    received.length = 0;
    const post = { method: 'POST' as const, url: '/cases/broken', body: { title: 'x' } };
    expect((await run(post)).result).toMatchObject({ status: 'failed', failure: { retryable: true } });
    expect(received).toHaveLength(1);
    received.length = 0;
    await run(post, { ...settings, honoursIdempotencyKey: true });
    expect(received.map((request) => request.headers['idempotency-key'])).toEqual([
      'instance-3.9',
      'instance-3.9',
      'instance-3.9',
    ]);
  });

  it('maps a status class to a BPMN error, the exact status first', async () => {
    const byClass = await run({
      url: '/cases/refused',
      errorCodes: { '4xx': 'REFUSED', '404': 'NOT_FOUND' },
    });
    expect(byClass.result).toMatchObject({
      status: 'failed',
      failure: { bpmnErrorCode: 'REFUSED', details: { status: 422 } },
    });
    const exact = await run({ url: '/cases/missing', errorCodes: { '4xx': 'REFUSED', '404': 'NOT_FOUND' } });
    expect(exact.result).toMatchObject({ status: 'failed', failure: { bpmnErrorCode: 'NOT_FOUND' } });
  });

  it('refuses what would misuse the tenant’s configuration, saying what to change', async () => {
    const cases: Array<[RestConnectorInput, ConnectorSettings | null, string]> = [
      [{ url: '/cases/{id}' }, settings, 'names {id}, but the input'],
      [
        { url: '/cases/1', headers: { Authorization: 'Bearer x' } },
        settings,
        '$.headers.Authorization cannot be set',
      ],
      [{ url: '/cases/1', endpoint: 'sbsys' }, settings, "no endpoint 'sbsys' is configured"],
      [{ url: '/cases/1' }, null, 'the tenant has no configuration'],
      [{ url: '/cases/1' }, { baseUrl: 'ftp://x' }, 'baseUrl must be an http(s) URL'],
      [
        { url: '/cases/1', parameters: { id: { nested: true } } },
        settings,
        '$.parameters.id must be a string',
      ],
      [
        { url: '/cases/1', responseMapping: { x: 'body.id' } },
        settings,
        "$.responseMapping.x: the path must start with '$'",
      ],
    ];
    for (const [input, tenantSettings, message] of cases) {
      const { result } = await run(input, tenantSettings);
      expect({ message, failed: result.status === 'failed' && !result.failure.retryable }).toEqual({
        message,
        failed: true,
      });
      expect(result.status === 'failed' ? result.failure.message : '').toContain(message);
    }
  });
});
