import { schema, type Infer } from '../../schema/schema.js';
import {
  klasseOutput,
  klasseSchema,
  kleNumberField,
  managerSchema,
  notFoundErrorCodeField,
  unitAndManager,
  unitSchema,
} from './backbone-connector-schemas.js';
import type { BackboneConnectorOptions } from './backbone-for-tenant.js';
import { defineBackboneConnector } from './define-backbone-connector.js';

const input = schema.object({
  kleNumber: kleNumberField('The KLE number: emne (27.24.00), gruppe (27.24) or hovedgruppe (27).'),
  role: schema.optional(schema.enum(['ansvarlig', 'udfoerende'])),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({ kle: klasseSchema, unit: unitSchema, manager: managerSchema });

export type BackboneResponsibleUnitInput = Infer<typeof input>;
export type BackboneResponsibleUnitOutput = Infer<typeof output>;

/** `connector:backbone-responsible-unit` — the unit responsible for a KLE number, with its manager. */
export function createBackboneResponsibleUnitConnector(options: BackboneConnectorOptions = {}) {
  return defineBackboneConnector(options, {
    id: 'backbone-responsible-unit',
    description:
      "Finds the organisation unit that is 'ansvarlig' (or 'udfoerende') for a KLE number in the tenant's backbone, with its manager.",
    input,
    output,
    async ask(backbone, call): Promise<BackboneResponsibleUnitOutput> {
      const found = await backbone.unitResponsibleForKle(call.kleNumber, call.role ?? 'ansvarlig');
      return { kle: klasseOutput(found.kle), ...unitAndManager(found) };
    },
  });
}
