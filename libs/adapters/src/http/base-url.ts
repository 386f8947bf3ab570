import { PermanentConnectorError } from '../contract/connector-errors.js';
import type { TenantConnectorConfig } from '../tenant/tenant-connector-config.js';

/**
 * The tenant's `baseUrl` setting for a connector that calls one HTTP service, without a trailing slash; a
 * permanent failure saying what to configure when it is missing or not an http(s) URL — retrying cannot fix it.
 *
 * @example
 * const base = baseUrlOf(context.tenant.config, "set baseUrl (the SBSYS SBSIP API, https://…) and auth");
 * // 'https://sbsip.aarhus.example'
 */
export function baseUrlOf(config: TenantConnectorConfig, whatToConfigure: string): string {
  const baseUrl = config.settings['baseUrl'];
  if (!config.configured || typeof baseUrl !== 'string' || !/^https?:\/\/[^\s/]+\S*$/.test(baseUrl)) {
    throw new PermanentConnectorError(
      `Tenant '${config.tenantId}', connector '${config.connectorId}': ${whatToConfigure}`,
    );
  }
  return baseUrl.replace(/\/+$/, '');
}
