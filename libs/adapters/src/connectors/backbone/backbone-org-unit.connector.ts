import { schema, type Infer } from '../../schema/schema.js';
import {
  managerSchema,
  notFoundErrorCodeField,
  unitAndManager,
  unitSchema,
  uuidField,
} from './backbone-connector-schemas.js';
import type { BackboneConnectorOptions } from './backbone-for-tenant.js';
import { defineBackboneConnector } from './define-backbone-connector.js';

const input = schema.object({
  unitUuid: uuidField('The organisation unit.'),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({ unit: unitSchema, manager: managerSchema });

export type BackboneOrgUnitInput = Infer<typeof input>;
export type BackboneOrgUnitOutput = Infer<typeof output>;

/** `connector:backbone-org-unit` — an organisation unit and its manager, now, from the tenant's backbone. */
export function createBackboneOrgUnitConnector(options: BackboneConnectorOptions = {}) {
  return defineBackboneConnector(options, {
    id: 'backbone-org-unit',
    description:
      "Reads an organisation unit and its manager (inherited from the nearest unit above it without one) from the tenant's backbone (LoRA or KOMBIT's Organisation).",
    input,
    output,
    async ask(backbone, call): Promise<BackboneOrgUnitOutput> {
      return unitAndManager(await backbone.orgUnitWithManager(call.unitUuid.toLowerCase()));
    },
  });
}
