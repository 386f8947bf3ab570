import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { schema, type Infer, type JsonValue } from '../../schema/schema.js';
import type { TenantConnectorConfig } from '../../tenant/tenant-connector-config.js';

/** The id under which a tenant configures the webhook (`CONNECTOR_SETTINGS_FILE`: `{ "<tenant>": { "os2forms": … } }`). */
export const OS2FORMS_WEBHOOK_SETTINGS_ID = 'os2forms';
/** `sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`. */
export const OS2FORMS_SIGNATURE_HEADER = 'x-os2forms-signature';
/** The header OS2forms' REST API uses for its keys; the webhook accepts the same. */
export const OS2FORMS_API_KEY_HEADER = 'api-key';

const secretRef = schema.object({ secretRef: schema.string({ minLength: 1 }) });
const webhookSettings = schema.object(
  {
    forms: schema.record(
      schema.object({
        processKey: schema.string({ minLength: 1 }),
        /** Submission field → process variable; only these fields reach the process. */
        variables: schema.optional(schema.record(schema.string({ pattern: /^[A-Za-z_][A-Za-z0-9_]*$/ }))),
      }),
    ),
    sharedSecret: schema.optional(secretRef),
    apiKey: schema.optional(secretRef),
  },
  { unknownFields: 'allow' },
);
export type Os2formsWebhookSettings = Infer<typeof webhookSettings>;

/** Why a webhook call is refused, with the HTTP status to answer. */
export class Os2formsWebhookRefusal extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'Os2formsWebhookRefusal';
  }
}

/** The start a submission asks for. */
export interface Os2formsSubmissionStart {
  readonly processKey: string;
  /** Derived from webform and submission: a repeated delivery of one submission starts no second instance. */
  readonly idempotencyKey: string;
  readonly businessKey: string;
  readonly variables: Record<string, JsonValue>;
}

export interface Os2formsWebhookRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body exactly as it arrived, for the signature. */
  readonly rawBody: Buffer | undefined;
  /** The body parsed as JSON. */
  readonly body: unknown;
}

function header(request: Os2formsWebhookRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Compares in constant time; digests first, so the lengths never differ. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function secretOf(config: TenantConnectorConfig, path: string): Promise<string> {
  try {
    return await config.secret(path);
  } catch (error) {
    throw new Os2formsWebhookRefusal(503, (error as Error).message);
  }
}

async function authenticate(
  config: TenantConnectorConfig,
  settings: Os2formsWebhookSettings,
  request: Os2formsWebhookRequest,
): Promise<void> {
  const signature = header(request, OS2FORMS_SIGNATURE_HEADER);
  if (signature !== undefined && settings.sharedSecret !== undefined && request.rawBody !== undefined) {
    const secret = await secretOf(config, 'sharedSecret');
    const expected = createHmac('sha256', secret).update(request.rawBody).digest('hex');
    if (sameSecret(signature.replace(/^sha256=/, '').toLowerCase(), expected)) return;
  }
  const apiKey = header(request, OS2FORMS_API_KEY_HEADER);
  if (apiKey !== undefined && settings.apiKey !== undefined) {
    if (sameSecret(apiKey, await secretOf(config, 'apiKey'))) return;
  }
  throw new Os2formsWebhookRefusal(
    401,
    `The webhook call is not authenticated: send ${OS2FORMS_SIGNATURE_HEADER}: sha256=<HMAC-SHA256 of the body> or the ${OS2FORMS_API_KEY_HEADER} header the tenant configured`,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  if (typeof value === 'string' && /^[\x21-\x7e]{1,128}$/.test(value)) return value;
  return undefined;
}

const ENVELOPE_FIELDS = new Set([
  'webform_id',
  'webform',
  'sid',
  'uuid',
  'serial',
  'data',
  'created',
  'changed',
  'completed',
]);

/**
 * Checks a webform submission OS2forms posted for a tenant (Drupal webform's remote post handler: `webform_id`,
 * `sid`, `uuid` and the element values — flat, or under `data`) and says which process to start with which
 * variables. The caller is authenticated first: by an HMAC-SHA256 of the raw body with the tenant's shared secret,
 * or by its API key (both compared in constant time). Only the fields the tenant maps to variables reach the
 * process; the submission's other data can be fetched later with `connector:os2forms-submission`.
 */
export async function os2formsSubmissionStart(
  config: TenantConnectorConfig,
  request: Os2formsWebhookRequest,
): Promise<Os2formsSubmissionStart> {
  if (!config.configured) {
    throw new Os2formsWebhookRefusal(
      401,
      'The webhook call is not authenticated: no OS2forms webhook is configured for this tenant',
    );
  }
  const checked = webhookSettings.validate(JSON.parse(JSON.stringify(config.settings)));
  if (!checked.ok) {
    throw new Os2formsWebhookRefusal(
      503,
      `The OS2forms webhook of tenant '${config.tenantId}' is misconfigured: ${checked.issues
        .map((issue) => `${issue.path.replace(/^\$\.?/, '')} ${issue.message}`)
        .join('; ')}`,
    );
  }
  const settings = checked.value;
  if (settings.sharedSecret === undefined && settings.apiKey === undefined) {
    throw new Os2formsWebhookRefusal(
      503,
      `The OS2forms webhook of tenant '${config.tenantId}' has neither sharedSecret nor apiKey configured`,
    );
  }
  await authenticate(config, settings, request);

  const body = request.body;
  if (!isObject(body))
    throw new Os2formsWebhookRefusal(400, 'The body must be a JSON object: a webform submission');
  const webformId = idOf(body['webform_id'] ?? body['webform']);
  if (webformId === undefined)
    throw new Os2formsWebhookRefusal(400, "The submission names no webform: expected 'webform_id'");
  const submissionId = idOf(body['sid']) ?? idOf(body['uuid']);
  if (submissionId === undefined)
    throw new Os2formsWebhookRefusal(400, "The submission has no id: expected 'sid' or 'uuid'");
  const form = settings.forms[webformId];
  if (form === undefined) {
    throw new Os2formsWebhookRefusal(
      404,
      `No process is configured for webform '${webformId}' (forms.${webformId}.processKey)`,
    );
  }
  const data = isObject(body['data'])
    ? body['data']
    : Object.fromEntries(Object.entries(body).filter(([field]) => !ENVELOPE_FIELDS.has(field)));
  const variables: Record<string, JsonValue> = {
    os2formsWebformId: webformId,
    os2formsSubmissionId: submissionId,
  };
  const uuid = idOf(body['uuid']);
  if (uuid !== undefined) variables['os2formsSubmissionUuid'] = uuid;
  for (const [field, variable] of Object.entries(form.variables ?? {})) {
    if (Object.hasOwn(data, field))
      variables[variable] = JSON.parse(JSON.stringify(data[field] ?? null)) as JsonValue;
  }
  return {
    processKey: form.processKey,
    idempotencyKey: `os2forms:${webformId}:${submissionId}`,
    businessKey: `${webformId}:${submissionId}`,
    variables,
  };
}
