import { LoraClient } from '#lora';
import type { ConnectorContext } from '../../contract/connector.js';
import { PermanentConnectorError } from '../../contract/connector-errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { httpSettingsOf } from '../../http/http-settings.js';

/**
 * The tenant's LoRA as a {@link LoraClient} for one connector call: `baseUrl` from the tenant's backbone settings,
 * and the requests sent through the shared HTTP layer — the tenant's `auth` (OIDC client credentials: `oauth2`),
 * `tls`, retries, the circuit breaker, the call's signal and idempotency key, and log lines without queries.
 */
export function loraClientFor(http: HttpClient, context: ConnectorContext): LoraClient {
  const config = context.tenant.config;
  const where = `Tenant '${context.tenant.id}', connector settings '${config.connectorId}'`;
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
