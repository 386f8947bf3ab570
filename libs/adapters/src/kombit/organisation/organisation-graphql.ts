import { randomUUID } from 'node:crypto';
import { LoraLookupError } from '#lora';
import type { ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import { maskSensitiveText } from '../../contract/sensitive-text.js';
import { failForStatus, type HttpClient, type HttpResponse } from '../../http/http-client.js';
import type { StsTokenService } from '../../sts/sts-token-service.js';
import { kombitHttpSettings, TOKEN_EXPIRED, withStsToken } from '../kombit-token-call.js';
import { DEFAULT_ORGANISATION_ENTITY_ID, kombitOrganisationSettingsOf } from './organisation-settings.js';

const SERVICE = 'FK Organisation (SF1500 OrganisationHent)';

/** One GraphQL operation: its document, its variables, and what it looks for (for a NOT_FOUND message). */
export interface OrganisationQuery {
  readonly operationName: string;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** "organisation unit 5dbc66a1-…": never a CPR number or a name. */
  readonly lookingFor: string;
}

/** An entry of GraphQL's `errors`, with OrganisationHent's extensions. */
interface GraphqlError {
  readonly message?: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: { readonly classification?: string; readonly type?: string };
}

/**
 * OrganisationHent, SF1500's GraphQL service, as its documentation (KOMBIT's org-graphql) describes the wire:
 *
 * - `POST <graphqlUrl>` with `{ operationName, query, variables }` as JSON, over mutual TLS with the function
 *   certificate, and the headers `Authorization: Bearer <STS token for the service's entity id>`,
 *   `x-TransaktionsId: <a uuid per call>` and `x-TransaktionsTid: <ISO 8601 time>`.
 * - Before the query runs, a failure is an HTTP status with `{ timestamp, status, error, message, path }`: 400 a
 *   missing or invalid `x-Transaktions*` header, 401 a missing, invalid or expired token, 500/503 the service.
 * - A query that ran answers 200 with `data` and, where something went wrong, `errors[]` whose
 *   `extensions.classification` is `NotFound`, `ValidationError`, `InvalidSyntax`, `Unauthorized` (a data
 *   restriction the token lacks), `NullValueInNonNullableField` or `ServerError`, and whose `extensions.type` is
 *   `ERROR` or `WARNING` (warnings are information only).
 *
 * Classified here: 401 → a fresh token and one more try; `NotFound` → `LoraLookupError` NOT_FOUND; a refused query
 * (400, `ValidationError`, `InvalidSyntax`, `Unauthorized`) → permanent, naming the field; 429, 5xx and
 * `ServerError` → retryable. The service's message is masked (CPR numbers) before it reaches an error.
 */
export class OrganisationGraphql {
  constructor(
    private readonly http: HttpClient,
    private readonly sts: StsTokenService,
    private readonly transactionId: () => string = randomUUID,
  ) {}

  /** Runs the operation for the calling tenant and answers its `data`. */
  async run<T>(context: ConnectorContext, operation: OrganisationQuery): Promise<T> {
    const settings = kombitOrganisationSettingsOf(context);
    const http = kombitHttpSettings(context);
    const entityId = settings.entityId ?? DEFAULT_ORGANISATION_ENTITY_ID;
    const body = JSON.stringify({
      operationName: operation.operationName,
      query: operation.query,
      variables: operation.variables,
    });
    const response = await withStsToken(this.sts, context, entityId, SERVICE, async (token) => {
      const answer = await this.http.request(
        {
          method: 'POST',
          // A read: a failed attempt may be repeated within the call.
          idempotent: true,
          url: settings.graphqlUrl,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            accept: 'application/json',
            'x-TransaktionsId': this.transactionId(),
            'x-TransaktionsTid': context.now().toISOString(),
          },
          body,
        },
        context,
        http,
      );
      return answer.status === 401 ? TOKEN_EXPIRED : answer;
    });
    return dataOf<T>(response, operation);
  }
}

function dataOf<T>(response: HttpResponse, operation: OrganisationQuery): T {
  if (response.status === 400) {
    throw new PermanentConnectorError(
      `${SERVICE} refused the request for ${operation.operationName} (400): ${serviceMessage(response)}`,
      { details: { status: 400 } },
    );
  }
  if (response.status === 403) {
    throw new PermanentConnectorError(
      `${SERVICE} refused the caller (403): check the service agreement for Organisation and its data restrictions`,
      { details: { status: 403 } },
    );
  }
  failForStatus(response, SERVICE);
  const answer = response.json() as { data?: unknown; errors?: GraphqlError[] } | null;
  const errors = (answer?.errors ?? []).filter((error) => error.extensions?.type !== 'WARNING');
  for (const error of errors) {
    const classification = error.extensions?.classification ?? 'ServerError';
    const where = error.path && error.path.length > 0 ? error.path.join('.') : operation.operationName;
    const message = maskSensitiveText(error.message ?? 'no message');
    if (classification === 'NotFound') {
      throw new LoraLookupError('NOT_FOUND', `FK Organisation has no ${operation.lookingFor}`);
    }
    if (['ValidationError', 'InvalidSyntax', 'Unauthorized'].includes(classification)) {
      throw new PermanentConnectorError(
        `${SERVICE} refused field '${where}' of ${operation.operationName} (${classification}): ${message}`,
        { details: { classification, field: where } },
      );
    }
    throw new RetryableConnectorError(`${SERVICE} failed at '${where}' (${classification}): ${message}`);
  }
  if (typeof answer?.data !== 'object' || answer.data === null) {
    throw new RetryableConnectorError(`${SERVICE} answered ${operation.operationName} without data`);
  }
  return answer.data as T;
}

/** The `message` of a pre-execution error, masked; never the whole body. */
function serviceMessage(response: HttpResponse): string {
  try {
    const message = (response.json() as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? maskSensitiveText(message) : 'no message';
  } catch {
    return 'no message';
  }
}
