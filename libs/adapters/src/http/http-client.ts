import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import type { ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { CircuitBreaker, DEFAULT_CIRCUIT_BREAKER, type CircuitBreakerOptions } from './circuit-breaker.js';
import { httpSettingsOf, type HttpSettings } from './http-settings.js';
import { OAuth2TokenSource } from './oauth2-token-source.js';
import { backoffDelayMs, retryAfterMs } from './retry-backoff.js';
import { resolveTlsCredentials } from './tls-credentials.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One HTTP request a connector makes. */
export interface HttpRequest {
  readonly method: HttpMethod;
  /** The absolute URL, with its query. */
  readonly url: string;
  /**
   * The path as a template (`/cases/{caseId}`), for the log line: paths hold ids and sometimes CPR numbers. Without
   * it every path segment holding a digit is logged as `:param`.
   */
  readonly pathTemplate?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Overrides the client's timeout for one attempt, in milliseconds. */
  readonly timeoutMs?: number;
  /**
   * Whether sending the request twice does no more than sending it once, so an answer lost on the way back may be
   * asked for again. Default: true for GET, HEAD, PUT and DELETE; for POST and PATCH only when the client's
   * {@link HttpClientOptions.remoteHonoursIdempotencyKey} says the remote recognises the idempotency key.
   */
  readonly idempotent?: boolean;
}

/** A response: its status, headers and body (whole, up to {@link HttpClientOptions.maxResponseBytes}). */
export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  text(): string;
  /** The body parsed as JSON; a permanent failure when it is not JSON. */
  json(): unknown;
}

export interface HttpClientOptions {
  /** One attempt's timeout in milliseconds (default 10 s); the call's own signal (the connector timeout) still applies. */
  timeoutMs?: number;
  /** Retries within one call for network errors, timeouts, 5xx and 429 (default 2). */
  retries?: number;
  /** The first retry waits up to this long (full jitter, doubling) — default 200 ms. */
  retryBaseMs?: number;
  /** No wait between retries is longer (default 5 s); a `Retry-After` beyond it ends the call as retryable. */
  retryMaxMs?: number;
  circuitBreaker?: CircuitBreakerOptions;
  /** The header carrying the idempotency key on every request (default `Idempotency-Key`; `false`: none). */
  idempotencyKeyHeader?: string | false;
  /**
   * The remote answers a repeated request carrying the same idempotency key with the first one's result (as Stripe
   * and the IETF `Idempotency-Key` draft do): then POST and PATCH are retried like GET (default false).
   */
  remoteHonoursIdempotencyKey?: boolean;
  /** Responses longer than this are refused (default 10 MB). */
  maxResponseBytes?: number;
  now?: () => number;
  random?: () => number;
}

const DEFAULTS = {
  timeoutMs: 10_000,
  retries: 2,
  retryBaseMs: 200,
  retryMaxMs: 5_000,
  idempotencyKeyHeader: 'Idempotency-Key',
  remoteHonoursIdempotencyKey: false,
  maxResponseBytes: 10 * 1024 * 1024,
} as const;

/** What the tenant's settings say about the endpoint, for the headers and the agent of one request. */
interface Prepared {
  readonly settings: HttpSettings;
  readonly agent: HttpsAgent | undefined;
}

function responseOf(status: number, headers: IncomingHttpHeaders, body: Buffer): HttpResponse {
  return {
    status,
    headers,
    body,
    text: () => body.toString('utf8'),
    json: () => {
      try {
        return JSON.parse(body.toString('utf8')) as unknown;
      } catch {
        throw new PermanentConnectorError(
          `The response (${status}) is not JSON (content-type ${String(headers['content-type'] ?? 'none')})`,
        );
      }
    },
  };
}

/** The path for the log: the template, or the path with every segment that holds a digit replaced. */
export function loggablePath(url: URL, pathTemplate: string | undefined): string {
  if (pathTemplate !== undefined) return pathTemplate.split('?')[0]!;
  return url.pathname
    .split('/')
    .map((segment) => (/\d/.test(segment) ? ':param' : segment))
    .join('/');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Methods whose repetition has the effect of one request (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

/**
 * An attempt that got no response, and whether its request may have reached the server: false only when the
 * connection (and its TLS handshake) was never established — refused, no such host, a refused certificate — so
 * not one byte of the request left this process.
 */
class NoResponse extends Error {
  constructor(
    readonly code: string,
    readonly mayHaveReachedServer: boolean,
  ) {
    super(code);
  }
}

/** A network failure's short name (`ECONNREFUSED`), never its message: that may name a full URL. */
function failureCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : 'error';
}

/**
 * The HTTP layer connectors share: one attempt times out after `timeoutMs`; network errors, timeouts, 5xx and 429
 * are retried within the call with jittered exponential backoff (honouring `Retry-After`) — for a request that is
 * not idempotent (POST, PATCH; see {@link HttpRequest.idempotent}) only when it provably never reached the server
 * (the connection or its TLS handshake failed), as a repeated POST may create twice what it creates; a circuit breaker per
 * tenant and endpoint (origin) stops calling an endpoint that keeps failing; authentication and the client
 * certificate come from the tenant's settings (`auth`, `tls`; see {@link httpSettingsOf}) — OAuth2 tokens are
 * cached and renewed shortly before they expire and once on a 401. Every request carries the call's idempotency
 * key. Each attempt is logged with method, host, path template, status and duration — never a query, a header or
 * a body.
 *
 * `request` answers every status (after its retries) and throws a {@link RetryableConnectorError} only when no
 * response came (network error, timeout, open circuit); see {@link failForStatus} for the usual reading of a
 * status. One client per connector instance: it holds the caches.
 *
 * @example
 * const response = await http.request({ method: 'GET', url: `${base}/cases/${id}`, pathTemplate: '/cases/{id}' }, context);
 * failForStatus(response, 'SBSYS');
 */
export class HttpClient {
  readonly tokens: OAuth2TokenSource;
  private readonly breakers = new Map<string, CircuitBreaker>();
  private readonly agents = new Map<string, HttpsAgent>();
  private readonly options: Required<Omit<HttpClientOptions, 'circuitBreaker'>> & {
    circuitBreaker: CircuitBreakerOptions;
  };

  constructor(options: HttpClientOptions = {}) {
    this.options = {
      ...DEFAULTS,
      now: () => Date.now(),
      random: Math.random,
      circuitBreaker: DEFAULT_CIRCUIT_BREAKER,
      ...Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)),
    } as HttpClient['options'];
    this.tokens = new OAuth2TokenSource(
      (tokenUrl, form, signal) => this.requestToken(tokenUrl, form, signal),
      this.options.now,
    );
  }

  /**
   * Sends the request for the connector call `context` (its tenant's `auth` and `tls`, its signal, its log, its
   * idempotency key), with retries and the circuit breaker. `settings` overrides where the HTTP settings are read
   * from (default: the tenant's connector settings themselves).
   */
  async request(
    request: HttpRequest,
    context: ConnectorContext,
    settings: HttpSettings = httpSettingsOf(
      context.tenant.config.settings,
      `Tenant '${context.tenant.id}', connector '${context.tenant.config.connectorId}' settings`,
    ),
  ): Promise<HttpResponse> {
    const url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new PermanentConnectorError(`Only http and https URLs can be called, not ${url.protocol}`);
    }
    const prepared: Prepared = { settings, agent: await this.agentFor(context, settings) };
    const breaker = this.breakerFor(context.tenant.id, url.origin);
    const path = loggablePath(url, request.pathTemplate);
    const idempotent = request.idempotent ?? this.isIdempotent(request.method);
    let renewedToken = false;
    for (let attempt = 1; ; attempt += 1) {
      breaker.enter();
      const headers = await this.headersFor(request, prepared, context);
      const started = this.options.now();
      let response: HttpResponse;
      try {
        response = await this.send(url, request, headers, prepared.agent, context.signal);
      } catch (error) {
        if (context.signal.aborted) {
          breaker.record(true);
          throw error;
        }
        const problem = failureCode(error);
        breaker.record(false, problem);
        context.log.warn('HTTP call failed', {
          method: request.method,
          host: url.host,
          path,
          error: problem,
          durationMs: this.options.now() - started,
          attempt,
        });
        if (error instanceof PermanentConnectorError) throw error;
        const repeatable = idempotent || (error instanceof NoResponse && !error.mayHaveReachedServer);
        if (repeatable && attempt <= this.options.retries) {
          await sleep(this.backoff(attempt), context.signal);
          continue;
        }
        throw new RetryableConnectorError(
          `${request.method} ${url.host}${path} failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${problem}` +
            (repeatable
              ? ''
              : ` (not repeated within the call: the ${request.method} may have reached the server)`),
        );
      }
      const retryable = response.status >= 500 || response.status === 429;
      breaker.record(!retryable, String(response.status));
      context.log.info('HTTP call', {
        method: request.method,
        host: url.host,
        path,
        status: response.status,
        durationMs: this.options.now() - started,
        attempt,
      });
      if (response.status === 401 && prepared.settings.auth.type === 'oauth2' && !renewedToken) {
        renewedToken = true;
        this.tokens.invalidate(context.tenant.config, prepared.settings.auth);
        attempt -= 1;
        continue;
      }
      // A non-idempotent request the server answered did reach it: repeating it might do its work twice.
      if (!retryable || !idempotent || attempt > this.options.retries) return response;
      const askedFor = retryAfterMs(headerText(response.headers['retry-after']), this.options.now());
      if (askedFor !== undefined && askedFor > this.options.retryMaxMs) return response;
      await sleep(Math.max(askedFor ?? 0, this.backoff(attempt)), context.signal);
    }
  }

  /** The state of the circuit to `origin` for the tenant (for tests and health views). */
  circuitState(tenantId: string, origin: string): CircuitBreaker['state'] {
    return this.breakerFor(tenantId, origin).state;
  }

  /** Closes pooled connections (mTLS agents). */
  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private isIdempotent(method: HttpMethod): boolean {
    return (
      IDEMPOTENT_METHODS.has(method) ||
      (this.options.remoteHonoursIdempotencyKey && this.options.idempotencyKeyHeader !== false)
    );
  }

  private backoff(attempt: number): number {
    return backoffDelayMs(
      attempt,
      { baseMs: this.options.retryBaseMs, maxMs: this.options.retryMaxMs },
      this.options.random,
    );
  }

  private breakerFor(tenantId: string, origin: string): CircuitBreaker {
    const key = JSON.stringify([tenantId, origin]);
    let breaker = this.breakers.get(key);
    if (!breaker) {
      breaker = new CircuitBreaker(origin, this.options.circuitBreaker, this.options.now);
      this.breakers.set(key, breaker);
    }
    return breaker;
  }

  private async agentFor(context: ConnectorContext, settings: HttpSettings): Promise<HttpsAgent | undefined> {
    if (!settings.tls) return undefined;
    const credentials = await resolveTlsCredentials(
      context.tenant.config,
      settings.tls,
      settingPath(settings, 'tls'),
    );
    // Per tenant as well: a pooled connection authenticated with one tenant's certificate is never another's.
    const key = JSON.stringify([context.tenant.id, credentials.fingerprint]);
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new HttpsAgent({ ...credentials.options, keepAlive: true });
      this.agents.set(key, agent);
    }
    return agent;
  }

  private async headersFor(
    request: HttpRequest,
    prepared: Prepared,
    context: ConnectorContext,
  ): Promise<Record<string, string>> {
    const headers: Record<string, string> = { ...request.headers };
    const keyHeader = this.options.idempotencyKeyHeader;
    if (keyHeader !== false && !hasHeader(headers, keyHeader)) headers[keyHeader] = context.idempotencyKey;
    const auth = prepared.settings.auth;
    const config = context.tenant.config;
    switch (auth.type) {
      case 'none':
        break;
      case 'bearer':
        headers['authorization'] =
          `Bearer ${await config.secret(settingPath(prepared.settings, 'auth.token'))}`;
        break;
      case 'api-key':
        headers[auth.header] = await config.secret(settingPath(prepared.settings, 'auth.key'));
        break;
      case 'basic': {
        const password = await config.secret(settingPath(prepared.settings, 'auth.password'));
        headers['authorization'] = `Basic ${Buffer.from(`${auth.username}:${password}`).toString('base64')}`;
        break;
      }
      case 'oauth2':
        headers['authorization'] =
          `Bearer ${await this.tokens.token(config, auth, context.signal, settingPath(prepared.settings, 'auth'))}`;
        break;
    }
    return headers;
  }

  private async requestToken(
    tokenUrl: string,
    form: URLSearchParams,
    signal: AbortSignal,
  ): Promise<{ status: number; body: string }> {
    const url = new URL(tokenUrl);
    try {
      const response = await this.send(
        url,
        { method: 'POST', url: tokenUrl },
        { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        undefined,
        signal,
        form.toString(),
      );
      return { status: response.status, body: response.text() };
    } catch (error) {
      if (signal.aborted || error instanceof PermanentConnectorError) throw error;
      throw new RetryableConnectorError(
        `The token endpoint at ${url.host} cannot be reached: ${failureCode(error)}`,
      );
    }
  }

  /** One attempt, on node:http(s), aborted by the call's signal or this attempt's timeout. */
  private send(
    url: URL,
    request: HttpRequest,
    headers: Record<string, string>,
    agent: HttpsAgent | undefined,
    callSignal: AbortSignal,
    body: string | Buffer | undefined = request.body,
  ): Promise<HttpResponse> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = AbortSignal.any([callSignal, timeout]);
    const maxBytes = this.options.maxResponseBytes;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<HttpResponse>((resolve, reject) => {
      let mayHaveReachedServer = false;
      const outgoing = send(
        url,
        {
          method: request.method,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          ...(agent ? { agent } : {}),
          signal,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          let length = 0;
          incoming.on('data', (chunk: Buffer) => {
            length += chunk.length;
            if (length > maxBytes) {
              incoming.destroy();
              reject(
                new PermanentConnectorError(
                  `The response from ${url.host} is larger than ${maxBytes} bytes and was refused`,
                ),
              );
            } else chunks.push(chunk);
          });
          incoming.on('end', () =>
            resolve(responseOf(incoming.statusCode ?? 0, incoming.headers, Buffer.concat(chunks))),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('socket', (socket: Socket) => {
        // A pooled connection may carry the request at once; a new one only once connected (and TLS agreed).
        if (outgoing.reusedSocket) mayHaveReachedServer = true;
        else
          socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
            mayHaveReachedServer = true;
          });
      });
      outgoing.on('error', (error) => {
        if (callSignal.aborted) reject(callSignal.reason);
        else if (timeout.aborted) reject(new NoResponse('TIMEOUT', mayHaveReachedServer));
        else if (error instanceof PermanentConnectorError) reject(error);
        else reject(new NoResponse(failureCode(error), mayHaveReachedServer));
      });
      outgoing.end(body);
    });
  }
}

function settingPath(settings: HttpSettings, field: string): string {
  return settings.path === '' ? field : `${settings.path}.${field}`;
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const lower = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === lower);
}

/**
 * The usual reading of a status for a connector: 2xx passes; 429 and 5xx are retryable (with the `Retry-After`);
 * any other status is permanent, with the status in `details` — and, when `bpmnErrorCodes` maps the status, with
 * that BPMN error code, so the model can catch it. Never copies the body: it may hold personal data.
 */
export function failForStatus(
  response: HttpResponse,
  what: string,
  bpmnErrorCodes: Readonly<Record<string, string>> = {},
): void {
  const { status } = response;
  const code = bpmnErrorCodes[String(status)];
  if (code !== undefined) {
    throw new PermanentConnectorError(`${what} answered ${status}`, {
      bpmnErrorCode: code,
      details: { status },
    });
  }
  if (status >= 200 && status < 300) return;
  if (status === 429 || status >= 500) {
    const wait = retryAfterMs(headerText(response.headers['retry-after']), Date.now());
    throw new RetryableConnectorError(
      `${what} answered ${status}`,
      wait === undefined ? {} : { retryAfterMs: wait },
    );
  }
  throw new PermanentConnectorError(`${what} answered ${status}`, { details: { status } });
}
