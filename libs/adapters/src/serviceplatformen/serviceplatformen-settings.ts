/**
 * What every Serviceplatformen connector reads from its tenant's configuration: the endpoint and the
 * municipality's function certificate (mutual TLS). Certificates and keys are secrets: the configuration holds only
 * `{ "secretRef": … }` references to them.
 */
import { PermanentConnectorError } from '../contract/connector-errors.js';
import { schema, type Infer, type Schema } from '../schema/schema.js';
import { httpSettingsOf } from '../http/http-settings.js';
import { resolveTlsCredentials } from '../http/tls-credentials.js';
import type { TenantConnectorConfig } from '../tenant/tenant-connector-config.js';
import type { ClientTls } from '../soap/https-xml-transport.js';

/**
 * The `tls` block, as the shared HTTP layer reads it (`httpSettingsOf`): the function certificate as PEM
 * `certificate` and `privateKey`, or a base64 `pkcs12` bundle, optionally with `passphrase`, and the `ca` to trust —
 * each a secret reference.
 */
export const clientTlsSettings = schema.optional(
  schema.json({
    description: 'The function certificate: { certificate, privateKey } or { pkcs12 }, passphrase, ca',
  }),
);

/** An https:// URL. */
export const httpsEndpoint = schema.string({
  pattern: /^https:\/\/[^\s/?#]+[^\s]*$/,
  description: "The service's https:// URL",
});

/**
 * The tenant's settings for `config.connectorId`, checked against `settings`: a tenant without configuration, or
 * with settings that do not fit, is a permanent failure naming every path (`$.endpoint`) — an operator must fix it.
 */
export function serviceplatformenSettingsOf<S extends Schema<unknown>>(
  config: TenantConnectorConfig,
  settings: S,
): Infer<S> {
  const where = `Tenant '${config.tenantId}', connector '${config.connectorId}'`;
  if (!config.configured) {
    throw new PermanentConnectorError(
      `${where}: the tenant has no configuration for this connector (its Serviceplatformen endpoint, certificate and agreement)`,
    );
  }
  // A JSON copy: the settings are plain JSON, and a copy made in this realm passes the schema's plain-object check.
  const result = settings.validate(JSON.parse(JSON.stringify(config.settings)) as unknown);
  if (!result.ok) {
    throw new PermanentConnectorError(
      `${where}: the configuration does not fit: ${result.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`,
      { details: { issues: result.issues } },
    );
  }
  return result.value as Infer<S>;
}

/** The function certificate (and CA) the tenant's `tls` settings reference, resolved through the secret resolver. */
export async function clientTlsOf(config: TenantConnectorConfig): Promise<ClientTls> {
  const { tls } = httpSettingsOf(
    config.settings,
    `Tenant '${config.tenantId}', connector '${config.connectorId}' settings`,
  );
  return tls === undefined ? {} : (await resolveTlsCredentials(config, tls)).options;
}
