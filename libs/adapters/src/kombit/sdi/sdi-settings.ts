import type { ConnectorContext } from '../../contract/connector.js';
import { schema, type Infer } from '../../schema/schema.js';
import { kombitSettingsSection } from '../kombit-settings-section.js';

/** SF1470's entity id (`AppliesTo` of its STS tokens) unless the settings name another: see the service agreement. */
export const DEFAULT_SDI_ENTITY_ID = 'http://stoettesystemerne.dk/service/sagdokumentindeks/6';

const uuidOrUrn = schema.string({
  pattern: /^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|urn:\S+)$/,
  description: 'a klasse uuid or a urn',
});

const sdiSchema = schema.object({
  /** The SagDokumentIndeks SOAP endpoint (`https://sagdokumentindeks.stoettesystemerne.dk/sagdokumentindeks/6`). */
  url: schema.string({ pattern: /^https:\/\/[^\s/]+\S*$/ }),
  entityId: schema.optional(schema.string({ minLength: 1 })),
  /**
   * The relation roles SDI knows the relations by (klasse uuids in KOMBIT's Klassifikation, or urns), where they
   * differ from this client's urns (`urn:oio:sagdok:rolle:primaerklasse` …).
   */
  roles: schema.optional(
    schema.object({
      primaerklasse: schema.optional(uuidOrUrn),
      handlingsklasse: schema.optional(uuidOrUrn),
      ansvarlig: schema.optional(uuidOrUrn),
      primaerbehandler: schema.optional(uuidOrUrn),
      primaerpart: schema.optional(uuidOrUrn),
      sag: schema.optional(uuidOrUrn),
    }),
  ),
});

/**
 * The `sdi` section of a tenant's `backbone` settings: where Sags- og Dokumentindeks (SF1470) answers, its entity id
 * and, if needed, its relation roles. The token comes from the STS's SOAP variant (`sts.soapIssueUrl`); the
 * function certificate (`tls`, PEM) carries the mutual TLS and signs each request.
 *
 * @example
 * {
 *   "kind": "kombit",
 *   "sts": { "soapIssueUrl": "https://adgangsstyring.stoettesystemerne.dk/runtime/services/kombittrust/14/certificatemixed", "cvr": "29189846" },
 *   "tls": { "certificate": { "secretRef": "file:/run/secrets/oces3.crt" }, "privateKey": { "secretRef": "file:/run/secrets/oces3.key" } },
 *   "sdi": { "url": "https://sagdokumentindeks.stoettesystemerne.dk/sagdokumentindeks/6" }
 * }
 */
export type KombitSdiSettings = Infer<typeof sdiSchema>;

/** Reads and checks `sdi`; a permanent failure naming every wrong field. */
export function kombitSdiSettingsOf(context: ConnectorContext): KombitSdiSettings {
  return kombitSettingsSection(context, 'sdi', sdiSchema, 'url');
}
