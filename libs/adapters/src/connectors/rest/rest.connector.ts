import type { Connector, ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import {
  HttpClient,
  failForStatus,
  type HttpClientOptions,
  type HttpMethod,
} from '../../http/http-client.js';
import { httpSettingsOf } from '../../http/http-settings.js';
import { schema, type Infer, type JsonValue } from '../../schema/schema.js';
import { parseResponsePath, readPath, type PathSegment } from './response-path.js';
import { expandUrlTemplate } from './url-template.js';

const restInput = schema.object({
  method: schema.optional(
    schema.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], { description: 'The HTTP method (default GET).' }),
  ),
  url: schema.string({
    minLength: 1,
    pattern: /^\//,
    description:
      "The path (and query) under the endpoint's baseUrl, as a template: /cases/{caseId}/parties. Placeholders are filled from `parameters`, percent-encoded.",
  }),
  endpoint: schema.optional(
    schema.string({
      minLength: 1,
      description:
        "Which of the tenant's configured endpoints (settings.endpoints.<name>); default: the top-level one.",
    }),
  ),
  parameters: schema.optional(
    schema.record(schema.json(), {
      description: 'Values for the URL template’s placeholders: strings, numbers, booleans.',
    }),
  ),
  query: schema.optional(
    schema.record(schema.json(), {
      description: 'Query parameters, encoded; an array repeats the parameter; null leaves it out.',
    }),
  ),
  headers: schema.optional(schema.record(schema.string(), { description: 'Extra request headers.' })),
  body: schema.optional(schema.json({ description: 'The request body, sent as JSON.' })),
  responseMapping: schema.optional(
    schema.record(schema.string({ minLength: 1 }), {
      description:
        'Output variable → path in the response: $.status, $.headers.location, $.body.items[0].id. Without it the output is { statusCode, body }.',
    }),
  ),
  errorCodes: schema.optional(
    schema.record(schema.string({ minLength: 1 }), {
      description: 'Status → BPMN error code thrown at the task: { "404": "NOT_FOUND", "4xx": "REFUSED" }.',
    }),
  ),
});

const restOutput = schema.record(schema.json(), {
  description: 'The mapped response parts, or { statusCode, body }.',
});

export type RestConnectorInput = Infer<typeof restInput>;
export type RestConnectorOutput = Record<string, JsonValue>;

/** Headers a task may not set: the tenant's configuration authenticates, and the transport frames the request. */
const RESERVED_HEADERS = new Set([
  'authorization',
  'cookie',
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'proxy-authorization',
]);

function fail(message: string): never {
  throw new PermanentConnectorError(message);
}

function scalarOrFail(value: unknown, where: string): string | number | boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return fail(`${where} must be a string, a number or a boolean`);
}

function queryString(query: Readonly<Record<string, JsonValue>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === null) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) search.append(name, String(scalarOrFail(item, `$.query.${name}`)));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The BPMN error code the task maps `status` to: the exact code first, then its class (`4xx`). */
function mappedErrorCode(errorCodes: Readonly<Record<string, string>>, status: number): string | undefined {
  return errorCodes[String(status)] ?? errorCodes[`${Math.floor(status / 100)}xx`];
}

/**
 * `connector:rest` — one call to a JSON/REST API of the tenant's configuration: method, URL template, headers,
 * body, response mapping and status codes → BPMN errors from the task's input; base URL, authentication (none,
 * bearer, API key, basic, OAuth2) and client certificate from the tenant's settings, over the shared HTTP layer
 * (timeouts, retries, circuit breaker). 5xx, 429 and timeouts are retryable, other 4xx permanent.
 *
 * Only paths under a configured `baseUrl` can be called: a model cannot send a tenant's credentials elsewhere.
 */
export class RestConnector implements Connector<RestConnectorInput, RestConnectorOutput> {
  readonly id = 'rest';
  readonly description =
    'Calls a JSON/REST API configured for the tenant (base URL, auth, client certificate): method, URL template, headers, body, response mapping, status codes to BPMN errors.';
  readonly input = restInput;
  readonly output = restOutput;
  readonly timeoutMs = 60_000;
  private readonly http: HttpClient;

  constructor(options: HttpClientOptions = {}) {
    this.http = new HttpClient(options);
  }

  async execute(input: RestConnectorInput, context: ConnectorContext): Promise<RestConnectorOutput> {
    const config = context.tenant.config;
    const where = `Tenant '${context.tenant.id}', connector 'rest'`;
    if (!config.configured) {
      fail(`${where}: the tenant has no configuration; set at least baseUrl (and auth) for it`);
    }
    const path = input.endpoint === undefined ? '' : `endpoints.${input.endpoint}`;
    const endpoint = (
      input.endpoint === undefined
        ? config.settings
        : (config.settings['endpoints'] as Record<string, unknown> | undefined)?.[input.endpoint]
    ) as Readonly<Record<string, unknown>> | undefined;
    if (typeof endpoint !== 'object' || endpoint === null) {
      fail(`${where}: no endpoint '${input.endpoint}' is configured (settings.endpoints.${input.endpoint})`);
    }
    const baseUrl = endpoint['baseUrl'];
    if (typeof baseUrl !== 'string' || !/^https?:\/\/[^\s/]+/.test(baseUrl)) {
      fail(`${where}: ${path === '' ? '' : `${path}.`}baseUrl must be an http(s) URL`);
    }
    const settings = httpSettingsOf(endpoint, `${where} settings`, path);
    const timeoutMs = typeof endpoint['timeoutMs'] === 'number' ? endpoint['timeoutMs'] : undefined;
    // The endpoint answers a repeated Idempotency-Key with the first result: a POST or PATCH may then be repeated.
    const honoursIdempotencyKey = endpoint['honoursIdempotencyKey'] === true;

    const parameters = Object.fromEntries(
      Object.entries(input.parameters ?? {}).map(([name, value]) => [
        name,
        scalarOrFail(value, `$.parameters.${name}`),
      ]),
    );
    const [pathTemplate] = input.url.split('?');
    const target = `${baseUrl.replace(/\/+$/, '')}${expandUrlTemplate(input.url, parameters)}`;
    const url = input.query
      ? `${target}${target.includes('?') ? '&' : ''}${queryString(input.query).slice(target.includes('?') ? 1 : 0)}`
      : target;

    const headers: Record<string, string> = { accept: 'application/json' };
    for (const [name, value] of Object.entries(input.headers ?? {})) {
      if (RESERVED_HEADERS.has(name.toLowerCase())) {
        fail(
          `$.headers.${name} cannot be set by a task: authentication comes from the tenant's configuration`,
        );
      }
      headers[name] = value;
    }
    if (input.body !== undefined) headers['content-type'] = 'application/json';

    const mapping: Array<[string, PathSegment[]]> = Object.entries(input.responseMapping ?? {}).map(
      ([variable, responsePath]) => {
        const parsed = parseResponsePath(responsePath);
        if (!parsed.ok) fail(`$.responseMapping.${variable}: the path ${parsed.message}`);
        return [variable, parsed.segments];
      },
    );

    const method: HttpMethod = input.method ?? 'GET';
    const response = await this.http.request(
      {
        method,
        url,
        pathTemplate: pathTemplate!,
        headers,
        ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(honoursIdempotencyKey ? { idempotent: true } : {}),
      },
      context,
      settings,
    );
    const what = `${method} ${new URL(url).host}${pathTemplate}`;
    const errorCode = mappedErrorCode(input.errorCodes ?? {}, response.status);
    failForStatus(response, what, errorCode === undefined ? {} : { [response.status]: errorCode });

    const contentType = String(response.headers['content-type'] ?? '');
    const text = response.text();
    const body: JsonValue =
      text === '' ? null : /[/+]json\b/i.test(contentType) ? (response.json() as JsonValue) : text;
    if (mapping.length === 0) return { statusCode: response.status, body };
    const whole = {
      status: response.status,
      headers: Object.fromEntries(
        Object.entries(response.headers).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : (value ?? null),
        ]),
      ),
      body,
    };
    return Object.fromEntries(
      mapping.map(([variable, segments]) => [variable, (readPath(whole, segments) ?? null) as JsonValue]),
    );
  }

  /** Closes pooled mTLS connections. */
  close(): void {
    this.http.close();
  }
}
