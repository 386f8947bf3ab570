import { schema, type Infer } from '../../schema/schema.js';
import {
  BACKBONE_UUID,
  notFoundErrorCodeField,
  uuidField,
  uuidForJob,
} from './backbone-connector-schemas.js';
import type { BackboneConnectorOptions } from './backbone-for-tenant.js';
import { defineBackboneConnector } from './define-backbone-connector.js';

const uuidOrUrn = new RegExp(`${BACKBONE_UUID.source.slice(0, -1)}|^urn:\\S+$`);

const input = schema.object({
  titel: schema.string({ minLength: 1 }),
  primaerklasse: uuidField(
    'The KLE emne klasse the case is about (the kle.uuid backbone-responsible-unit answers).',
  ),
  handlingsfacet: schema.optional(
    uuidField('The KLE handlingsfacet klasse: what is done in the case (G01 Generelle sager…).'),
  ),
  ansvarlig: uuidField('The responsible organisation unit.'),
  primaerpart: schema.string({
    pattern: uuidOrUrn,
    description: 'The primary party: a bruger uuid or a urn (urn:oio:cpr-nr:…, urn:oio:cvr-nr:…).',
  }),
  sagsnummer: schema.optional(schema.string({ minLength: 1 })),
  beskrivelse: schema.optional(schema.string()),
  primaerbehandler: schema.optional(uuidField('The case handler (a bruger).')),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({
  sag: schema.object({ uuid: schema.string(), sagsnummer: schema.string(), created: schema.boolean() }),
});

export type BackboneCreateSagInput = Infer<typeof input>;
export type BackboneCreateSagOutput = Infer<typeof output>;

/**
 * `connector:backbone-create-sag` — creates the case's index entry in the tenant's backbone (a LoRA Sag, or an SDI
 * entry SAPA shows), or brings it up to date. The case's uuid is derived from the job's idempotency key, so a
 * retried call updates the case it made instead of making a second one.
 */
export function createBackboneCreateSagConnector(options: BackboneConnectorOptions = {}) {
  return defineBackboneConnector(options, {
    id: 'backbone-create-sag',
    description:
      "Creates or updates a case (Sag) index entry with primaerklasse, handlingsfacet, ansvarlig and primaerpart in the tenant's backbone; a retried call makes no second case.",
    input,
    output,
    async ask(backbone, call, context): Promise<BackboneCreateSagOutput> {
      const uuid = uuidForJob(context.tenant.id, context.idempotencyKey, 'sag');
      const { notFoundErrorCode: _notFound, ...sag } = call;
      const indexed = await backbone.createOrUpdateSagIndex({ ...sag, uuid, virkningFra: context.now() });
      return { sag: { uuid: indexed.uuid, sagsnummer: indexed.sagsnummer, created: indexed.created } };
    },
  });
}
