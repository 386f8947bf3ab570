import {
  beskedfordelerSettingsOf,
  BESKEDFORDELER_SETTINGS_ID,
  type BeskedfordelerSettings,
  type ConnectorSettings,
} from '#adapters';
import type { TenantConnectorSettings } from '../config/connector-settings-file.js';

/** A tenant that consumes a Beskedfordeler queue: its settings as written, and as checked. */
export interface BeskedfordelerTenant {
  readonly tenantId: string;
  /** As the file has them (secret references unresolved): a change here restarts the tenant's consumer. */
  readonly written: ConnectorSettings;
  readonly settings: BeskedfordelerSettings;
}

/**
 * The tenants with `beskedfordeler` settings, checked — at start-up and for every reloaded settings file alike.
 * A tenant's settings that are wrong, or that name no broker while AMQP_URL is unset, become a problem naming the
 * tenant and the field (never a value).
 */
export function beskedfordelerTenantsOf(
  all: TenantConnectorSettings,
  defaultAmqpUrl: string | undefined,
): { tenants: BeskedfordelerTenant[]; problems: string[] } {
  const tenants: BeskedfordelerTenant[] = [];
  const problems: string[] = [];
  for (const [tenantId, byConnector] of Object.entries(all)) {
    const written = byConnector[BESKEDFORDELER_SETTINGS_ID];
    if (written === undefined) continue;
    let settings: BeskedfordelerSettings;
    try {
      settings = beskedfordelerSettingsOf(tenantId, written);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    if (!settings.amqpUrl && defaultAmqpUrl === undefined) {
      problems.push(
        `The Beskedfordeler settings of tenant '${tenantId}' name no amqpUrl and AMQP_URL is not set: set one of them`,
      );
      continue;
    }
    tenants.push({ tenantId, written, settings });
  }
  return { tenants, problems };
}
