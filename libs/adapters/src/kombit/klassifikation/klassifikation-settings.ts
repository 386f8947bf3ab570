import type { ConnectorContext } from '../../contract/connector.js';
import { schema, type Infer } from '../../schema/schema.js';
import { kombitSettingsSection } from '../kombit-settings-section.js';

/** SF1510's entity id (`AppliesTo` of its STS tokens) unless the settings name another. */
export const DEFAULT_KLASSIFIKATION_ENTITY_ID = 'http://stoettesystemerne.dk/service/klassifikation/5';
/** How long a klasse found is kept before it is looked up again. */
export const DEFAULT_KLASSE_CACHE_TTL_MS = 60 * 60_000;
/** The facet holding KLE's emner (and gruppe, hovedgruppe): `27.24.00`, `27.24`, `27`. */
export const DEFAULT_KLE_EMNE_FACET = 'Emne';
/** The facet holding KLE's handlingsfacetter: `G01`, `K07`. */
export const DEFAULT_KLE_HANDLINGSFACET_FACET = 'Handlingsfacet';

const klassifikationSchema = schema.object({
  /** The Klassifikation services' base: `<url>/klasse/6` and `<url>/facet/6` (SOAP). */
  url: schema.string({ pattern: /^https:\/\/[^\s/]+\S*$/ }),
  entityId: schema.optional(schema.string({ minLength: 1 })),
  cacheTtlMs: schema.optional(schema.integer({ minimum: 0 })),
  kleEmneFacet: schema.optional(schema.string({ minLength: 1 })),
  kleHandlingsfacetFacet: schema.optional(schema.string({ minLength: 1 })),
  /**
   * A model's facet names mapped to this Klassifikation's facet brugervendtnoegler, so a model written for another
   * backbone runs unchanged: `{ "kle_handlingsfacet": "Handlingsfacet" }`. A facet not named here is looked up as
   * the model gives it.
   */
  facetNames: schema.optional(schema.record(schema.string({ minLength: 1 }))),
});

/**
 * The `klassifikation` section of a tenant's `backbone` settings: where Klassifikation (SF1510) answers, and how
 * long a klasse found there is kept. Its calls carry a holder-of-key assertion from the STS's SOAP variant
 * (`sts.soapIssueUrl`, required) and are signed with the function certificate (`tls`, PEM).
 *
 * @example
 * {
 *   "klassifikation": {
 *     "url": "https://klassifikation.stoettesystemerne.dk/klassifikation",
 *     "cacheTtlMs": 3600000,
 *     "facetNames": { "kle_handlingsfacet": "Handlingsfacet" }
 *   }
 * }
 */
export type KombitKlassifikationSettings = Infer<typeof klassifikationSchema>;

/** Reads and checks `klassifikation`; a permanent failure naming every wrong field. */
export function kombitKlassifikationSettingsOf(context: ConnectorContext): KombitKlassifikationSettings {
  return kombitSettingsSection(context, 'klassifikation', klassifikationSchema, 'url');
}
