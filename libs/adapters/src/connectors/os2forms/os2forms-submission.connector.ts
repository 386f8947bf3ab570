import type { Connector, ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { HttpClient, failForStatus, type HttpClientOptions } from '../../http/http-client.js';
import { httpSettingsOf } from '../../http/http-settings.js';
import { schema, type Infer, type JsonValue } from '../../schema/schema.js';

const submissionInput = schema.object({
  webformId: schema.string({
    minLength: 1,
    pattern: /^[A-Za-z0-9_]+$/,
    description: "The webform's machine name.",
  }),
  submissionId: schema.string({
    minLength: 1,
    pattern: /^[A-Za-z0-9-]+$/,
    description: 'The submission id (sid) or uuid.',
  }),
  fields: schema.optional(
    schema.array(schema.string({ minLength: 1 }), {
      description: 'Only these fields of the submission data become output; all of them when absent.',
    }),
  ),
  notFoundErrorCode: schema.optional(
    schema.string({
      minLength: 1,
      description: 'BPMN error code thrown when the submission does not exist; an incident without it.',
    }),
  ),
});

const submissionOutput = schema.object({
  submission: schema.object({
    webformId: schema.string(),
    submissionId: schema.string(),
    uuid: schema.nullable(schema.string()),
    completed: schema.nullable(schema.string()),
    data: schema.record(schema.json()),
  }),
});

export type Os2formsSubmissionInput = Infer<typeof submissionInput>;
export type Os2formsSubmissionOutput = Infer<typeof submissionOutput>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Drupal entity field, `[{ "value": … }]` or `[{ "target_id": … }]`, as a string. */
function fieldText(entity: Record<string, unknown>, name: string): string | null {
  const items = entity[name];
  const first = Array.isArray(items) ? (items[0] as Record<string, unknown> | undefined) : undefined;
  const value = first?.['value'] ?? first?.['target_id'];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * `connector:os2forms-submission` — fetches a webform submission from the tenant's OS2forms (Drupal webform_rest:
 * `GET /webform_rest/{webform}/submission/{sid}`, authenticated with the `api-key` header OS2forms' REST API uses,
 * or any auth the HTTP layer offers) and hands its data to the process — only the `fields` asked for, when given.
 */
export class Os2formsSubmissionConnector implements Connector<
  Os2formsSubmissionInput,
  Os2formsSubmissionOutput
> {
  readonly id = 'os2forms-submission';
  readonly description =
    "Fetches a webform submission's data from the tenant's OS2forms (webform_rest API with an api-key), optionally only the named fields.";
  readonly input = submissionInput;
  readonly output = submissionOutput;
  private readonly http: HttpClient;

  constructor(options: HttpClientOptions = {}) {
    this.http = new HttpClient(options);
  }

  async execute(
    input: Os2formsSubmissionInput,
    context: ConnectorContext,
  ): Promise<Os2formsSubmissionOutput> {
    const config = context.tenant.config;
    const where = `Tenant '${context.tenant.id}', connector 'os2forms-submission'`;
    const baseUrl = config.settings['baseUrl'];
    if (!config.configured || typeof baseUrl !== 'string' || !/^https?:\/\/\S+$/.test(baseUrl)) {
      throw new PermanentConnectorError(
        `${where}: set baseUrl (the OS2forms site, https://…) and auth (api-key) for the tenant`,
      );
    }
    const settings = httpSettingsOf(config.settings, `${where} settings`);
    const pathTemplate = '/webform_rest/{webform}/submission/{sid}';
    const url = `${baseUrl.replace(/\/+$/, '')}/webform_rest/${encodeURIComponent(input.webformId)}/submission/${encodeURIComponent(input.submissionId)}?_format=json`;
    const response = await this.http.request(
      { method: 'GET', url, pathTemplate, headers: { accept: 'application/json' } },
      context,
      settings,
    );
    failForStatus(
      response,
      `OS2forms (${new URL(url).host})`,
      input.notFoundErrorCode === undefined ? {} : { '404': input.notFoundErrorCode },
    );
    const body = response.json();
    if (!isObject(body) || !isObject(body['data'])) {
      throw new PermanentConnectorError(
        `OS2forms (${new URL(url).host}) answered a submission without 'data'`,
      );
    }
    const entity = isObject(body['entity']) ? body['entity'] : {};
    const all = body['data'] as Record<string, JsonValue>;
    const data = input.fields
      ? Object.fromEntries(
          input.fields.filter((field) => Object.hasOwn(all, field)).map((field) => [field, all[field]!]),
        )
      : all;
    return {
      submission: {
        webformId: input.webformId,
        submissionId: input.submissionId,
        uuid: fieldText(entity, 'uuid'),
        completed: fieldText(entity, 'completed'),
        data: JSON.parse(JSON.stringify(data)) as Record<string, JsonValue>,
      },
    };
  }
}
