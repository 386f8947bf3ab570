import { schema, type Infer } from '../../schema/schema.js';
import {
  engagementOutput,
  engagementSchema,
  notFoundErrorCodeField,
  uuidField,
} from './backbone-connector-schemas.js';
import type { BackboneConnectorOptions } from './backbone-for-tenant.js';
import { defineBackboneConnector } from './define-backbone-connector.js';

const input = schema.object({
  personUuid: uuidField('The person (a bruger uuid).'),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({ engagements: schema.array(engagementSchema) });

export type BackbonePersonEngagementsInput = Infer<typeof input>;
export type BackbonePersonEngagementsOutput = Infer<typeof output>;

/** `connector:backbone-person-engagements` — a person's active engagements (employments) in units, now. */
export function createBackbonePersonEngagementsConnector(options: BackboneConnectorOptions = {}) {
  return defineBackboneConnector(options, {
    id: 'backbone-person-engagements',
    description:
      "Lists a person's active engagements (employments) in organisation units, sorted by unit, from the tenant's backbone; none is an empty list.",
    input,
    output,
    async ask(backbone, call): Promise<BackbonePersonEngagementsOutput> {
      const engagements = await backbone.personEngagements(call.personUuid.toLowerCase());
      return { engagements: engagements.map(engagementOutput) };
    },
  });
}
