import { LoraClient, LoraClientError, LoraLookupError } from '#lora';
import type { ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../../contract/connector-errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { httpSettingsOf } from '../../http/http-settings.js';

/**
 * The tenant's LoRA as a {@link LoraClient} for one connector call: `baseUrl` from the connector's settings, and
 * the requests sent through the shared HTTP layer — the tenant's `auth` (OIDC client credentials: `oauth2`), `tls`,
 * retries, the circuit breaker, the call's signal and idempotency key, and log lines without queries.
 */
export function loraClientFor(http: HttpClient, context: ConnectorContext): LoraClient {
  const config = context.tenant.config;
  const where = `Tenant '${context.tenant.id}', connector '${config.connectorId}'`;
  const baseUrl = config.settings['baseUrl'];
  if (!config.configured || typeof baseUrl !== 'string' || !/^https?:\/\/\S+$/.test(baseUrl)) {
    throw new PermanentConnectorError(
      `${where}: set baseUrl (the LoRA endpoint, e.g. https://lora.example/lora) for the tenant`,
    );
  }
  const settings = httpSettingsOf(config.settings, `${where} settings`);
  return new LoraClient({
    baseUrl,
    transport: async (request) => {
      const response = await http.request(
        {
          method: request.method,
          url: request.url,
          pathTemplate: request.pathTemplate,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
        },
        context,
        settings,
      );
      return {
        status: response.status,
        header: (name) => {
          const value = response.headers[name.toLowerCase()];
          return Array.isArray(value) ? value[0] : value;
        },
        body: response.text(),
      };
    },
  });
}

/** What a lookup's "not found" becomes: the model's BPMN error when it names one, else an incident. */
export interface LoraFailureMapping {
  notFoundErrorCode?: string | undefined;
}

/**
 * A LoRA failure as the connector contract classifies it: 429/5xx retryable; a 404, 410 or a lookup that found
 * nothing permanent (the model's BPMN error when it names one); anything else permanent with LoRA's message, which
 * names fields, not values. Other errors pass on (the contract retries them).
 */
export function connectorFailureOf(error: unknown, mapping: LoraFailureMapping = {}): unknown {
  const code = mapping.notFoundErrorCode;
  if (error instanceof LoraLookupError) {
    return new PermanentConnectorError(
      `LoRA: ${error.message}`,
      error.code === 'NOT_FOUND' && code !== undefined ? { bpmnErrorCode: code } : {},
    );
  }
  if (error instanceof LoraClientError) {
    const message = `LoRA answered ${error.method} ${error.pathTemplate} with ${error.status}`;
    if (error.retryable) return new RetryableConnectorError(message);
    const notFound = error.kind === 'not-found' || error.kind === 'deleted';
    return new PermanentConnectorError(`${message}: ${error.loraMessage}`, {
      ...(notFound && code !== undefined ? { bpmnErrorCode: code } : {}),
      details: { status: error.status },
    });
  }
  return error;
}

/** Runs a LoRA operation, classifying its failure ({@link connectorFailureOf}). */
export async function callLora<T>(operation: () => Promise<T>, mapping: LoraFailureMapping = {}): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw connectorFailureOf(error, mapping);
  }
}
