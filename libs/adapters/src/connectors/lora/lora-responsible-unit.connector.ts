import { defineConnector } from '../../contract/connector.js';
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { schema, type Infer } from '../../schema/schema.js';
import { callLora, loraClientFor } from './lora-connector-client.js';
import {
  klasseOutput,
  klasseSchema,
  managerSchema,
  notFoundErrorCodeField,
  unitAndManager,
  unitSchema,
} from './lora-connector-schemas.js';

const input = schema.object({
  kleNumber: schema.string({
    pattern: /^\d{2}(\.\d{2}(\.\d{2})?)?$/,
    description: 'The KLE number: emne (27.24.00), gruppe (27.24) or hovedgruppe (27).',
  }),
  role: schema.optional(schema.enum(['ansvarlig', 'udfoerende'])),
  klassifikation: schema.optional(
    schema.string({ minLength: 1, description: "The KLE klassifikation's brugervendtnoegle (default KLE)." }),
  ),
  inheritManager: schema.optional(schema.boolean()),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({ kle: klasseSchema, unit: unitSchema, manager: managerSchema });

export type LoraResponsibleUnitInput = Infer<typeof input>;
export type LoraResponsibleUnitOutput = Infer<typeof output>;

/** `connector:lora-responsible-unit` — the unit responsible for a KLE number, with its manager. */
export function createLoraResponsibleUnitConnector(options: HttpClientOptions = {}) {
  const http = new HttpClient(options);
  return defineConnector({
    id: 'lora-responsible-unit',
    description:
      "Finds the organisation unit that is 'ansvarlig' (or 'udfoerende') for a KLE number in the tenant's LoRA, with its manager.",
    input,
    output,
    async execute(call, context): Promise<LoraResponsibleUnitOutput> {
      const lora = loraClientFor(http, context);
      const found = await callLora(
        () =>
          lora.unitResponsibleForKle(call.kleNumber, call.role ?? 'ansvarlig', 'now', {
            ...(call.klassifikation === undefined ? {} : { klassifikation: call.klassifikation }),
            ...(call.inheritManager === undefined ? {} : { inheritManager: call.inheritManager }),
          }),
        { notFoundErrorCode: call.notFoundErrorCode },
      );
      return { kle: klasseOutput(found.kle), ...unitAndManager(found) };
    },
  });
}
