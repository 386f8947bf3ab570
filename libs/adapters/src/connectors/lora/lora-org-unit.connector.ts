import { defineConnector } from '../../contract/connector.js';
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { schema, type Infer } from '../../schema/schema.js';
import { callLora, loraClientFor } from './lora-connector-client.js';
import {
  managerSchema,
  notFoundErrorCodeField,
  unitAndManager,
  unitSchema,
  uuidField,
} from './lora-connector-schemas.js';

const input = schema.object({
  unitUuid: uuidField('The organisationenhed.'),
  inheritManager: schema.optional(
    schema.boolean({ description: 'A unit without a manager gets the nearest one above it (default true).' }),
  ),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({ unit: unitSchema, manager: managerSchema });

export type LoraOrgUnitInput = Infer<typeof input>;
export type LoraOrgUnitOutput = Infer<typeof output>;

/** `connector:lora-org-unit` — an organisation unit and its manager, now, from the tenant's LoRA. */
export function createLoraOrgUnitConnector(options: HttpClientOptions = {}) {
  const http = new HttpClient(options);
  return defineConnector({
    id: 'lora-org-unit',
    description:
      "Reads an organisation unit and its manager (a 'Leder' organisationfunktion, inherited from the units above) from the tenant's LoRA.",
    input,
    output,
    async execute(call, context): Promise<LoraOrgUnitOutput> {
      const lora = loraClientFor(http, context);
      const found = await callLora(
        () => lora.orgUnitWithManager(call.unitUuid.toLowerCase(), 'now', call.inheritManager ?? true),
        { notFoundErrorCode: call.notFoundErrorCode },
      );
      return unitAndManager(found);
    },
  });
}
