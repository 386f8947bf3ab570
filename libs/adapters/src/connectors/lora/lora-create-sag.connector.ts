import { defineConnector } from '../../contract/connector.js';
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { schema, type Infer } from '../../schema/schema.js';
import { callLora, loraClientFor } from './lora-connector-client.js';
import { LORA_UUID, notFoundErrorCodeField, uuidField, uuidForJob } from './lora-connector-schemas.js';

const uuidOrUrn = new RegExp(`${LORA_UUID.source.slice(0, -1)}|^urn:\\S+$`);

const input = schema.object({
  titel: schema.string({ minLength: 1 }),
  primaerklasse: uuidField(
    'The klasse the case is about (its KLE number: the kle.uuid lora-responsible-unit answers).',
  ),
  ansvarlig: uuidField('The responsible organisation unit.'),
  primaerpart: schema.string({
    pattern: uuidOrUrn,
    description: 'The primary party: a bruger uuid or a urn (urn:oio:cpr-nr:…, urn:oio:cvr-nr:…).',
  }),
  sagsnummer: schema.optional(schema.string({ minLength: 1 })),
  beskrivelse: schema.optional(schema.string()),
  kassationskode: schema.optional(schema.string()),
  primaerbehandler: schema.optional(uuidField('The case handler (a bruger).')),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({
  sag: schema.object({ uuid: schema.string(), sagsnummer: schema.string(), created: schema.boolean() }),
});

export type LoraCreateSagInput = Infer<typeof input>;
export type LoraCreateSagOutput = Infer<typeof output>;

/**
 * `connector:lora-create-sag` — creates a Sag in the tenant's LoRA. The sag's uuid is derived from the job's
 * idempotency key, so a retried call finds the sag it made instead of making a second one.
 */
export function createLoraCreateSagConnector(options: HttpClientOptions = {}) {
  const http = new HttpClient(options);
  return defineConnector({
    id: 'lora-create-sag',
    description:
      "Creates a Sag (case) with primaerklasse, ansvarlig and primaerpart in the tenant's LoRA; a retried call makes no second case.",
    input,
    output,
    async execute(call, context): Promise<LoraCreateSagOutput> {
      const lora = loraClientFor(http, context);
      const uuid = uuidForJob(context.tenant.id, context.idempotencyKey, 'sag');
      const { notFoundErrorCode, ...sag } = call;
      const created = await callLora(() => lora.createSag({ ...sag, virkningFra: context.now(), uuid }), {
        notFoundErrorCode,
      });
      return { sag: created };
    },
  });
}
