import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { schema, type Infer } from '../../schema/schema.js';
import {
  klasseOutput,
  klasseSchema,
  kleNumberField,
  notFoundErrorCodeField,
} from './backbone-connector-schemas.js';
import type { BackboneConnectorOptions } from './backbone-for-tenant.js';
import { defineBackboneConnector } from './define-backbone-connector.js';

const input = schema.object({
  brugervendtnoegle: schema.optional(
    schema.string({
      minLength: 1,
      description: "The klasse's brugervendtnoegle (exact); or give kleNumber.",
    }),
  ),
  facet: schema.optional(
    schema.string({ minLength: 1, description: "The facet's brugervendtnoegle (with brugervendtnoegle)." }),
  ),
  kleNumber: schema.optional(
    kleNumberField('A KLE number (27.24.00, 27.24 or 27): its emne, gruppe or hovedgruppe klasse.'),
  ),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({ klasse: klasseSchema });

export type BackboneKlasseInput = Infer<typeof input>;
export type BackboneKlasseOutput = Infer<typeof output>;

/** `connector:backbone-klasse` — a klasse by its brugervendtnoegle (in a facet), or by KLE number. */
export function createBackboneKlasseConnector(options: BackboneConnectorOptions = {}) {
  return defineBackboneConnector(options, {
    id: 'backbone-klasse',
    description:
      "Finds a klasse in the tenant's backbone by its brugervendtnoegle (optionally within a facet) or by KLE number.",
    input,
    output,
    async ask(backbone, call): Promise<BackboneKlasseOutput> {
      const { brugervendtnoegle, facet, kleNumber } = call;
      if ((brugervendtnoegle === undefined) === (kleNumber === undefined)) {
        throw new PermanentConnectorError(
          `Connector 'backbone-klasse': give either brugervendtnoegle (with an optional facet) or kleNumber, found ${
            kleNumber === undefined ? 'neither' : 'both'
          }`,
        );
      }
      if (kleNumber !== undefined && facet !== undefined) {
        throw new PermanentConnectorError(
          "Connector 'backbone-klasse': facet goes with brugervendtnoegle; a kleNumber names its KLE klasse alone",
        );
      }
      const klasse =
        kleNumber === undefined
          ? await backbone.klasseByBrugervendtnoegle(brugervendtnoegle!, facet)
          : await backbone.klasseByKleNumber(kleNumber);
      return { klasse: klasseOutput(klasse) };
    },
  });
}
