import { defineConnector } from '../../contract/connector.js';
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { schema, type Infer } from '../../schema/schema.js';
import { callLora, loraClientFor } from './lora-connector-client.js';
import { klasseOutput, klasseSchema, notFoundErrorCodeField } from './lora-connector-schemas.js';

const input = schema.object({
  brugervendtnoegle: schema.string({ minLength: 1, description: "The klasse's brugervendtnoegle (exact)." }),
  facet: schema.optional(schema.string({ minLength: 1, description: "The facet's brugervendtnoegle." })),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({ klasse: klasseSchema });

export type LoraKlasseInput = Infer<typeof input>;
export type LoraKlasseOutput = Infer<typeof output>;

/** `connector:lora-klasse` — a klasse by its brugervendtnoegle (in a facet). */
export function createLoraKlasseConnector(options: HttpClientOptions = {}) {
  const http = new HttpClient(options);
  return defineConnector({
    id: 'lora-klasse',
    description: "Finds a klasse by its brugervendtnoegle, optionally within a facet, in the tenant's LoRA.",
    input,
    output,
    async execute(call, context): Promise<LoraKlasseOutput> {
      const lora = loraClientFor(http, context);
      const klasse = await callLora(
        () => lora.klasseByBrugervendtnoegle(call.brugervendtnoegle, 'now', call.facet),
        {
          notFoundErrorCode: call.notFoundErrorCode,
        },
      );
      return { klasse: klasseOutput(klasse) };
    },
  });
}
