import type { ConnectorContext } from '../../contract/connector.js';
import { schema, type Infer } from '../../schema/schema.js';
import { kombitSettingsSection } from '../kombit-settings-section.js';

/** SF1500's entity id (`AppliesTo` of its STS tokens) unless the settings name another. */
export const DEFAULT_ORGANISATION_ENTITY_ID = 'http://stoettesystemerne.dk/service/organisation/3';
/** The OrganisationFunktion type whose holder is a unit's manager (FK Organisation's `Leder`). */
export const DEFAULT_MANAGER_FUNCTION_TYPE = 'Leder';
/** The membership role `Enhedsrolle (Arbejder i)`: a person's engagement in a unit (FK Klassifikation's uuid). */
export const DEFAULT_ENGAGEMENT_ROLE = '02e61900-33e0-407f-a2a7-22f70221f003';
/** The KLE opgave role `Ansvarlig` (FK Klassifikation's uuid, as the OrganisationHent documentation uses it). */
export const DEFAULT_KLE_ANSVARLIG_ROLE = '2a5f38d8-7092-4b3f-85cc-7e272c3c4bb0';

const uuid = schema.string({
  pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
});
const httpsUrl = schema.string({ pattern: /^https:\/\/[^\s/]+\S*$/ });

const organisationSchema = schema.object({
  /** OrganisationHent's GraphQL endpoint (`https://organisation.stoettesystemerne.dk/organisation/organisationhent/1`). */
  graphqlUrl: httpsUrl,
  /** The SOAP Laes/Soeg services (version 6). Not called: OrganisationHent answers every lookup the backbone makes. */
  soapUrl: schema.optional(httpsUrl),
  entityId: schema.optional(schema.string({ minLength: 1 })),
  managerFunctionType: schema.optional(schema.string({ minLength: 1 })),
  engagementRole: schema.optional(uuid),
  /** The KLE opgave role klasser; a role without one is matched on its title (`Ansvarlig`, `Udførende`) alone. */
  kleRoles: schema.optional(
    schema.object({ ansvarlig: schema.optional(uuid), udfoerende: schema.optional(uuid) }),
  ),
});

/**
 * The `organisation` section of a tenant's `backbone` settings: where Fælleskommunalt Organisationssystem (SF1500)
 * answers and how its data is read.
 *
 * @example
 * { "organisation": { "graphqlUrl": "https://organisation.stoettesystemerne.dk/organisation/organisationhent/1" } }
 */
export type KombitOrganisationSettings = Infer<typeof organisationSchema>;

/** Reads and checks `organisation`; a permanent failure naming every wrong field. */
export function kombitOrganisationSettingsOf(context: ConnectorContext): KombitOrganisationSettings {
  return kombitSettingsSection(context, 'organisation', organisationSchema, 'graphqlUrl');
}
