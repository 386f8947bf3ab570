import type { ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError } from '../contract/connector-errors.js';
import type { Schema } from '../schema/schema.js';

/** The connector id whose settings hold a tenant's backbone: `kind`, `sts`, `tls` and one section per service. */
export const BACKBONE_CONNECTOR_ID = 'backbone';

/** Where a tenant's backbone settings are read, for messages: "Tenant 'aarhus', connector 'backbone' settings". */
export function backboneSettingsWhere(context: ConnectorContext): string {
  return `Tenant '${context.tenant.id}', connector '${context.tenant.config.connectorId}' settings`;
}

/**
 * Reads and checks one service's section (`organisation`, `klassifikation`) of the tenant's backbone settings: a
 * permanent failure naming every wrong field (`organisation.graphqlUrl expected …`) — a configuration error
 * retrying cannot fix.
 */
export function kombitSettingsSection<T>(
  context: ConnectorContext,
  section: string,
  sectionSchema: Schema<T>,
  whatItNeeds: string,
): T {
  const where = backboneSettingsWhere(context);
  // A plain copy: stored settings may come from another realm (a structured clone), which the schemas refuse.
  const raw = JSON.parse(JSON.stringify(context.tenant.config.settings[section] ?? null)) as unknown;
  if (raw === null) throw new PermanentConnectorError(`${where}: ${section} is missing (${whatItNeeds})`);
  const checked = sectionSchema.validate(raw);
  if (!checked.ok) {
    throw new PermanentConnectorError(
      `${where}: ${checked.issues.map((issue) => `${issue.path.replace(/^\$/, section)} ${issue.message}`).join('; ')}`,
    );
  }
  return checked.value;
}
