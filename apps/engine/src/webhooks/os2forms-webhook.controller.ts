import { Body, Controller, HttpCode, Inject, Logger, Param, Post, Req } from '@nestjs/common';
import {
  loadTenantConnectorConfig,
  os2formsSubmissionStart,
  Os2formsWebhookRefusal,
  OS2FORMS_WEBHOOK_SETTINGS_ID,
  type SecretResolver,
  type TenantConfigurationStore,
} from '#adapters';
import { typedVariablesOf } from '#bpmn';
import {
  CamundaRestException,
  invalidRequest,
  notFound,
  PublicEndpoint,
  TENANT_ID_PATTERN,
} from '#camunda-rest';
import { CONNECTOR_SECRETS, TENANT_CONFIGURATIONS } from '../connectors/connector-settings.tokens.js';
import { EngineRuntime } from '../runtime/engine-runtime.js';
import { NoSuchDefinitionError, type StartOutcome } from '../runtime/instance-commands.js';

/** What the webhook answers: the instance the submission started (or had started, for a repeated delivery). */
export interface Os2formsWebhookAnswer {
  processInstanceId: string;
  processDefinitionKey: string;
  businessKey: string;
  /** The submission had been delivered before: no new instance, the first one's id. */
  replayed: boolean;
}

const REFUSAL_TYPES: Record<Os2formsWebhookRefusal['status'], string> = {
  400: 'InvalidRequestException',
  401: 'AuthenticationException',
  404: 'InvalidRequestException',
  503: 'ConfigurationException',
};

/** The request as Express hands it over, with the raw body Nest keeps (`rawBody: true`) for the signature. */
interface WebhookHttpRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody?: Buffer;
}

/**
 * `POST /webhooks/os2forms/{tenantId}` — OS2forms posts a webform submission (Drupal webform's remote post handler,
 * JSON) and the engine starts the process the tenant maps the webform to. Not behind the engine's API keys: OS2forms
 * authenticates with the tenant's own shared secret (an HMAC-SHA256 of the body in `X-Os2forms-Signature`) or API
 * key (`api-key`), from the tenant's `os2forms` settings. A repeated delivery of one submission starts nothing new:
 * the start's idempotency key is derived from the webform and the submission id.
 */
@PublicEndpoint()
@Controller('webhooks/os2forms')
export class Os2formsWebhookController {
  private readonly logger = new Logger('Os2formsWebhook');

  constructor(
    private readonly runtime: EngineRuntime,
    @Inject(TENANT_CONFIGURATIONS) private readonly tenantConfigurations: TenantConfigurationStore,
    @Inject(CONNECTOR_SECRETS) private readonly secrets: SecretResolver,
  ) {}

  @Post(':tenantId')
  @HttpCode(200)
  async receive(
    @Param('tenantId') tenantId: string,
    @Req() request: WebhookHttpRequest,
    @Body() body: unknown,
  ): Promise<Os2formsWebhookAnswer> {
    if (!TENANT_ID_PATTERN.test(tenantId)) {
      throw invalidRequest(
        `Cannot use '${tenantId}' as a tenant id: expected 1-64 letters, digits, '.', '_' or '-'`,
      );
    }
    const config = await loadTenantConnectorConfig(
      this.tenantConfigurations,
      this.secrets,
      tenantId,
      OS2FORMS_WEBHOOK_SETTINGS_ID,
    );
    let start;
    try {
      start = await os2formsSubmissionStart(config, {
        headers: request.headers,
        rawBody: request.rawBody,
        body,
      });
    } catch (error) {
      if (!(error instanceof Os2formsWebhookRefusal)) throw error;
      if (error.status === 503) this.logger.error(`Tenant '${tenantId}': ${error.message}`);
      else this.logger.warn(`Tenant '${tenantId}': refused a webhook call (${error.status})`);
      throw new CamundaRestException(error.status, REFUSAL_TYPES[error.status], error.message);
    }
    let outcome: StartOutcome;
    try {
      outcome = await this.runtime.commands.start({
        tenantId,
        definitionKey: start.processKey,
        variables: typedVariablesOf(start.variables),
        businessKey: start.businessKey,
        idempotencyKey: start.idempotencyKey,
      });
    } catch (error) {
      if (error instanceof NoSuchDefinitionError) {
        throw notFound(
          `The tenant maps the webform to process '${start.processKey}', which is not deployed for it`,
        );
      }
      throw error;
    }
    this.logger.log(
      `Tenant '${tenantId}': webform '${String(start.variables['os2formsWebformId'])}' ${outcome.replayed ? 'delivered again' : 'started'} instance ${outcome.instanceId}`,
    );
    return {
      processInstanceId: outcome.instanceId,
      processDefinitionKey: outcome.definition.key,
      businessKey: start.businessKey,
      replayed: outcome.replayed === true,
    };
  }
}
