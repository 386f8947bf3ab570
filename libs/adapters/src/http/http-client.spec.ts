import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { connectorTestContext } from '../conformance/connector-conformance.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { RecordingConnectorLogger } from '../contract/connector-logger.js';
import { EnvFileSecretResolver } from '../tenant/secret-resolver.js';
import type { ConnectorSettings } from '../tenant/tenant-configuration-store.js';
import { HttpClient, failForStatus, loggablePath } from './http-client.js';
import { makeTestCertificates, type TestCertificates } from '../../../../test/support/test-certificates.js';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (seen: Seen, response: ServerResponse) => void;

/** A loopback HTTP server answering each request with the next of `answers` (the last one repeats). */
async function serve(
  answers: Answer[],
  make = () => createServer(),
): Promise<{
  url: string;
  seen: Seen[];
  server: Server;
}> {
  const seen: Seen[] = [];
  const server = make();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      seen.push(entry);
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      answer(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const scheme = 'cert' in (server as unknown as { cert?: unknown }) ? 'https' : 'http';
  return { url: `${scheme}://127.0.0.1:${port}`, seen, server };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_seen, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

const servers: Server[] = [];
async function started(answers: Answer[]) {
  const running = await serve(answers);
  servers.push(running.server);
  return running;
}
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const fastRetries = { retryBaseMs: 1, retryMaxMs: 20 };

function contextWith(settings: ConnectorSettings = {}, env: Record<string, string> = {}) {
  const log = new RecordingConnectorLogger();
  const context = connectorTestContext({
    connectorId: 'rest',
    settings,
    secrets: new EnvFileSecretResolver({ env }),
    log,
    idempotencyKey: 'instance-4.2',
  });
  return { context, log };
}

describe('HttpClient: retries, idempotency and logging', () => {
  it('retries a 503 and a 429 with Retry-After, sending the same idempotency key every time', async () => {
    const api = await started([
      json(503, { error: 'busy' }),
      json(429, {}, { 'retry-after': '0' }),
      json(200, { ok: true }),
    ]);
    const http = new HttpClient({ ...fastRetries, remoteHonoursIdempotencyKey: true });
    const { context, log } = contextWith();
    const response = await http.request(
      { method: 'POST', url: `${api.url}/cases/0101901234?cpr=0101901234`, body: '{"a":1}' },
      context,
    );
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ ok: true });
    expect(api.seen.map((seen) => seen.headers['idempotency-key'])).toEqual([
      'instance-4.2',
      'instance-4.2',
      'instance-4.2',
    ]);
    expect(api.seen.map((seen) => seen.body)).toEqual(['{"a":1}', '{"a":1}', '{"a":1}']);
    expect(log.entries.map((entry) => entry.fields?.['status'])).toEqual([503, 429, 200]);
    expect(log.entries[0]!.fields).toEqual({
      method: 'POST',
      host: new URL(api.url).host,
      path: '/cases/:param',
      status: 503,
      durationMs: expect.any(Number),
      attempt: 1,
    });
    expect(log.text()).not.toContain('0101901234');
  });

  it('answers the last 5xx once its retries are spent, and failForStatus makes it retryable', async () => {
    const api = await started([json(502, {})]);
    const http = new HttpClient({ ...fastRetries, retries: 1 });
    const response = await http.request({ method: 'GET', url: api.url }, contextWith().context);
    expect(response.status).toBe(502);
    expect(api.seen).toHaveLength(2);
    expect(() => failForStatus(response, 'The API')).toThrow(RetryableConnectorError);
  });

  it('does not retry a 4xx, and failForStatus makes it permanent or the mapped BPMN error', async () => {
    const api = await started([json(404, {})]);
    const http = new HttpClient(fastRetries);
    const response = await http.request({ method: 'GET', url: api.url }, contextWith().context);
    expect(api.seen).toHaveLength(1);
    expect(() => failForStatus(response, 'The API')).toThrow(PermanentConnectorError);
    const mapped = (() => {
      try {
        failForStatus(response, 'The API', { '404': 'NOT_FOUND' });
      } catch (error) {
        return error;
      }
    })() as PermanentConnectorError;
    expect(mapped.bpmnErrorCode).toBe('NOT_FOUND');
    expect(mapped.details).toEqual({ status: 404 });
  });

  it('makes a refused connection a retryable failure after its retries, naming only the error code', async () => {
    const api = await started([json(200, {})]);
    const url = api.url;
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    const http = new HttpClient({ ...fastRetries, retries: 2 });
    const { context, log } = contextWith();
    const failure = await http.request({ method: 'GET', url: `${url}/x` }, context).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RetryableConnectorError);
    expect((failure as Error).message).toBe(
      `GET ${new URL(url).host}/x failed after 3 attempts: ECONNREFUSED`,
    );
    expect(log.entries).toHaveLength(3);
  });

  it('times out an attempt that hangs, and retries it', async () => {
    const api = await started([() => {}, json(200, { late: false })]);
    const http = new HttpClient({ ...fastRetries, timeoutMs: 100 });
    const { context, log } = contextWith();
    const response = await http.request({ method: 'GET', url: api.url }, context);
    expect(response.status).toBe(200);
    expect(log.entries[0]!.fields?.['error']).toBe('TIMEOUT');
  });

  it('stops at once when the call is aborted', async () => {
    const api = await started([() => {}]);
    const http = new HttpClient({ ...fastRetries, timeoutMs: 10_000 });
    const controller = new AbortController();
    const context = connectorTestContext({ signal: controller.signal });
    const pending = http.request({ method: 'GET', url: api.url }, context).catch((e: unknown) => e);
    setTimeout(() => controller.abort(new Error('shutting down')), 50);
    expect(await pending).toEqual(new Error('shutting down'));
  });

  it('logs a path template instead of the path, and never a query', () => {
    expect(loggablePath(new URL('http://x/cases/123/parties?cpr=1'), '/cases/{id}/parties?cpr={cpr}')).toBe(
      '/cases/{id}/parties',
    );
    expect(loggablePath(new URL('http://x/api/v2/cases/AB-12?x=1'), undefined)).toBe(
      '/api/:param/cases/:param',
    );
  });
});

describe('HttpClient: a request that is not idempotent is repeated only when it never reached the server', () => {
  /** Reads the request, then drops the connection without an answer: the server did get it. */
  const dropAfterReading: Answer = (_seen, response) => response.socket?.destroy();

  it('does not repeat a POST the server answered 503, nor one whose connection dropped after sending', async () => {
    const api = await started([json(503, {}), dropAfterReading]);
    const http = new HttpClient(fastRetries);
    const { context } = contextWith();
    const answered = await http.request({ method: 'POST', url: `${api.url}/cases`, body: '{}' }, context);
    expect(answered.status).toBe(503);
    expect(() => failForStatus(answered, 'The API')).toThrow(RetryableConnectorError);
    expect(api.seen).toHaveLength(1);

    const dropped = await http
      .request({ method: 'PATCH', url: `${api.url}/cases/1`, body: '{}' }, context)
      .catch((error: unknown) => error);
    expect(dropped).toBeInstanceOf(RetryableConnectorError);
    expect((dropped as Error).message).toMatch(
      /failed after 1 attempt: .*the PATCH may have reached the server/,
    );
    expect(api.seen.map((seen) => seen.method)).toEqual(['POST', 'PATCH']);
  });

  it('repeats a POST whose connection was refused: not one byte of it left', async () => {
    const api = await started([json(200, {})]);
    const server = servers.pop()!;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    const http = new HttpClient({ ...fastRetries, retries: 2 });
    const { context, log } = contextWith();
    const failure = await http
      .request({ method: 'POST', url: `${api.url}/cases`, body: '{}' }, context)
      .catch((error: unknown) => error);
    expect((failure as Error).message).toBe(
      `POST ${new URL(api.url).host}/cases failed after 3 attempts: ECONNREFUSED`,
    );
    expect(log.entries).toHaveLength(3);
  });

  it('repeats GET, PUT and DELETE as before, and a POST the caller or the client marks idempotent', async () => {
    const api = await started([dropAfterReading, json(503, {}), json(200, {})]);
    const http = new HttpClient(fastRetries);
    const { context } = contextWith();
    for (const method of ['GET', 'PUT', 'DELETE'] as const) {
      api.seen.length = 0;
      expect((await http.request({ method, url: api.url }, context)).status).toBe(200);
      expect(api.seen).toHaveLength(3);
    }
    api.seen.length = 0;
    const marked = await http.request(
      { method: 'POST', url: api.url, body: '{}', idempotent: true },
      context,
    );
    expect(marked.status).toBe(200);
    expect(api.seen).toHaveLength(3);

    api.seen.length = 0;
    const honouring = new HttpClient({ ...fastRetries, remoteHonoursIdempotencyKey: true });
    expect((await honouring.request({ method: 'POST', url: api.url, body: '{}' }, context)).status).toBe(200);
    expect(api.seen.map((seen) => seen.headers['idempotency-key'])).toEqual([
      'instance-4.2',
      'instance-4.2',
      'instance-4.2',
    ]);
    // Without the key on the wire the remote cannot recognise a repetition: the option then changes nothing.
    api.seen.length = 0;
    const keyless = new HttpClient({
      ...fastRetries,
      remoteHonoursIdempotencyKey: true,
      idempotencyKeyHeader: false,
    });
    await expect(keyless.request({ method: 'POST', url: api.url, body: '{}' }, context)).rejects.toThrow(
      /may have reached the server/,
    );
    expect(api.seen).toHaveLength(1);
    honouring.close();
    keyless.close();
    http.close();
  });
});

describe('HttpClient: circuit breaker per tenant and endpoint', () => {
  it('opens after consecutive failures, refuses calls without making them, and probes after the cool-down', async () => {
    const api = await started([json(500, {}), json(500, {}), json(200, { ok: true })]);
    let now = 1_000_000;
    const http = new HttpClient({
      retries: 0,
      circuitBreaker: { failureThreshold: 2, coolDownMs: 30_000 },
      now: () => now,
    });
    const { context } = contextWith();
    const call = () => http.request({ method: 'GET', url: api.url }, context);
    expect((await call()).status).toBe(500);
    expect((await call()).status).toBe(500);
    expect(http.circuitState('tenant-a', api.url)).toBe('open');
    const refused = await call().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RetryableConnectorError);
    expect(refused).toMatchObject({ retryAfterMs: 30_000 });
    expect((refused as Error).message).toContain('after 2 consecutive failures (the last: 500)');
    expect(api.seen).toHaveLength(2);
    // Another tenant's circuit to the same endpoint is its own.
    expect(http.circuitState('tenant-b', api.url)).toBe('closed');
    now += 30_000;
    expect(http.circuitState('tenant-a', api.url)).toBe('half-open');
    expect((await call()).status).toBe(200);
    expect(http.circuitState('tenant-a', api.url)).toBe('closed');
  });
});

describe('HttpClient: authentication from the tenant settings', () => {
  const secret = (name: string) => ({ secretRef: `env:${name}` });

  it('sends a bearer secret, an API key or basic credentials, and keeps the secrets out of the log', async () => {
    const api = await started([json(200, {})]);
    const http = new HttpClient();
    const env = { TOKEN: 'static-token-123', KEY: 'api-key-456', PASSWORD: 'pw-789' };
    for (const auth of [
      { type: 'bearer', token: secret('TOKEN') },
      { type: 'api-key', header: 'api-key', key: secret('KEY') },
      { type: 'basic', username: 'kf', password: secret('PASSWORD') },
    ]) {
      const { context, log } = contextWith({ auth }, env);
      await http.request({ method: 'GET', url: api.url }, context);
      expect(log.text()).not.toMatch(/static-token|api-key-456|pw-789/);
    }
    expect(api.seen.map((seen) => [seen.headers['authorization'], seen.headers['api-key']])).toEqual([
      ['Bearer static-token-123', undefined],
      [undefined, 'api-key-456'],
      [`Basic ${Buffer.from('kf:pw-789').toString('base64')}`, undefined],
    ]);
  });

  it('refuses settings that do not fit, naming the field', async () => {
    const http = new HttpClient();
    const { context } = contextWith({
      auth: { type: 'oauth2', grant: 'password', tokenUrl: 'x', clientId: 'c' },
    });
    const failure = await http.request({ method: 'GET', url: 'http://127.0.0.1:1' }, context).catch((e) => e);
    expect(failure).toBeInstanceOf(PermanentConnectorError);
    expect((failure as Error).message).toContain('auth.tokenUrl');
    const { context: other } = contextWith({ auth: { type: 'kerberos' } });
    await expect(http.request({ method: 'GET', url: 'http://127.0.0.1:1' }, other)).rejects.toThrow(
      "auth.type expected one of 'none', 'bearer', 'api-key', 'basic', 'oauth2'",
    );
  });

  it('gets an OAuth2 client-credentials token once, reuses it, renews it before expiry and once on a 401', async () => {
    let issued = 0;
    const idp = await started([
      (seen, response) => {
        issued += 1;
        const form = new URLSearchParams(seen.body);
        expect(Object.fromEntries(form)).toEqual({
          grant_type: 'client_credentials',
          client_id: 'kommune-flow',
          client_secret: 'client-secret-1',
          scope: 'cases',
        });
        json(200, { access_token: `token-${issued}`, expires_in: 300, token_type: 'Bearer' })(seen, response);
      },
    ]);
    const api = await started([json(200, {}), json(200, {}), json(200, {}), json(401, {}), json(200, {})]);
    let now = 0;
    const http = new HttpClient({ now: () => now });
    const settings = {
      auth: {
        type: 'oauth2',
        grant: 'client_credentials',
        tokenUrl: `${idp.url}/realms/kf/token`,
        clientId: 'kommune-flow',
        clientSecret: secret('CLIENT_SECRET'),
        scope: 'cases',
      },
    };
    const env = { CLIENT_SECRET: 'client-secret-1' };
    const call = async () => {
      const { context, log } = contextWith(settings, env);
      await http.request({ method: 'GET', url: api.url }, context);
      expect(log.text()).not.toMatch(/client-secret-1|token-\d/);
    };
    await call();
    await call();
    now += 240_001; // within 60 s of the 300 s expiry: renewed before use
    await call();
    await call(); // 401 → a fresh token and one more try
    expect(api.seen.map((seen) => seen.headers['authorization'])).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-2',
      'Bearer token-3',
    ]);
    expect(idp.seen).toHaveLength(3);
  });

  it('uses the password grant, and makes a refused grant a permanent failure', async () => {
    const idp = await started([
      (seen, response) => {
        const form = Object.fromEntries(new URLSearchParams(seen.body));
        if (form['password'] !== 'user-pw') return json(401, { error: 'invalid_grant' })(seen, response);
        json(200, { access_token: 'pw-token', expires_in: 60 })(seen, response);
      },
    ]);
    const api = await started([json(200, {})]);
    const http = new HttpClient();
    const auth = {
      type: 'oauth2',
      grant: 'password',
      tokenUrl: `${idp.url}/token`,
      clientId: 'sbsys',
      username: 'kf-service',
      password: secret('PW'),
    };
    await http.request({ method: 'GET', url: api.url }, contextWith({ auth }, { PW: 'user-pw' }).context);
    expect(api.seen[0]!.headers['authorization']).toBe('Bearer pw-token');
    expect(Object.fromEntries(new URLSearchParams(idp.seen[0]!.body))).toMatchObject({
      grant_type: 'password',
      username: 'kf-service',
      client_id: 'sbsys',
    });
    const refused = await new HttpClient()
      .request({ method: 'GET', url: api.url }, contextWith({ auth }, { PW: 'wrong' }).context)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PermanentConnectorError);
    expect((refused as Error).message).toContain("refused the password grant for client 'sbsys' (401)");
  });
});

describe('HttpClient: mutual TLS with a function certificate', () => {
  let certificates: TestCertificates;
  let url: string;
  let server: Server;
  const subjects: string[] = [];

  beforeAll(async () => {
    certificates = makeTestCertificates();
    const running = await serve(
      [
        (seen, response) => {
          json(200, { hello: 'mtls' })(seen, response);
        },
      ],
      () => {
        const https = createHttpsServer({
          cert: certificates.serverCertificate,
          key: certificates.serverKey,
          ca: certificates.ca,
          requestCert: true,
          rejectUnauthorized: true,
        });
        https.on('secureConnection', (socket) => {
          subjects.push(String((socket.getPeerCertificate() as { subject?: { CN?: string } }).subject?.CN));
        });
        return https as unknown as Server;
      },
    );
    url = running.url;
    server = running.server;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    certificates.remove();
  });

  const env = () => ({
    CERT: certificates.clientCertificate,
    KEY: certificates.clientKey,
    CA: certificates.ca,
    P12: certificates.clientPkcs12Base64,
    P12_PASS: certificates.pkcs12Passphrase,
    STRANGER_CERT: certificates.strangerCertificate,
    STRANGER_KEY: certificates.strangerKey,
  });

  it('presents a PEM certificate and key, trusting the configured CA', async () => {
    const http = new HttpClient();
    const { context } = contextWith(
      {
        tls: {
          certificate: { secretRef: 'env:CERT' },
          privateKey: { secretRef: 'env:KEY' },
          ca: { secretRef: 'env:CA' },
        },
      },
      env(),
    );
    const response = await http.request({ method: 'GET', url }, context);
    expect(response.json()).toEqual({ hello: 'mtls' });
    expect(subjects.at(-1)).toBe('kf-test-function-certificate');
    http.close();
  });

  it('presents a PKCS#12 bundle given as base64', async () => {
    const http = new HttpClient();
    const { context } = contextWith(
      {
        tls: {
          pkcs12: { secretRef: 'env:P12' },
          passphrase: { secretRef: 'env:P12_PASS' },
          ca: { secretRef: 'env:CA' },
        },
      },
      env(),
    );
    expect((await http.request({ method: 'GET', url }, context)).status).toBe(200);
    http.close();
  });

  it('fails retryably when the server refuses the certificate, without leaking the key', async () => {
    const http = new HttpClient({ retries: 0 });
    const { context, log } = contextWith(
      {
        tls: {
          certificate: { secretRef: 'env:STRANGER_CERT' },
          privateKey: { secretRef: 'env:STRANGER_KEY' },
          ca: { secretRef: 'env:CA' },
        },
      },
      env(),
    );
    const failure = await http.request({ method: 'GET', url }, context).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RetryableConnectorError);
    expect(log.text()).not.toContain('PRIVATE KEY');
    http.close();
  });

  it('refuses a certificate setting that is not PEM, naming it', async () => {
    const http = new HttpClient();
    const { context } = contextWith(
      { tls: { certificate: { secretRef: 'env:CA_X' }, privateKey: { secretRef: 'env:KEY' } } },
      { ...env(), CA_X: 'not a certificate' },
    );
    await expect(http.request({ method: 'GET', url }, context)).rejects.toThrow(
      'tls.certificate must hold PEM text',
    );
  });
});
