import { defineConnector } from '../../contract/connector.js';
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { schema, type Infer } from '../../schema/schema.js';
import { callLora, loraClientFor } from './lora-connector-client.js';
import { notFoundErrorCodeField, uuidField, uuidForJob } from './lora-connector-schemas.js';

const input = schema.object({
  sagUuid: uuidField('The Sag to journalise on.'),
  titel: schema.string({ minLength: 1 }),
  dokumenttype: schema.optional(schema.string({ minLength: 1 })),
  beskrivelse: schema.optional(schema.string()),
  brevdato: schema.optional(schema.string({ pattern: /^\d{4}-\d{2}-\d{2}$/ })),
  offentlighedundtaget: schema.optional(
    schema.object({ alternativtitel: schema.string(), hjemmel: schema.string() }),
  ),
  file: schema.optional(
    schema.object({
      filename: schema.string({ minLength: 1 }),
      mimetype: schema.string({ pattern: /^[\w.+-]+\/[\w.+-]+$/ }),
      /** The content: text as is, or base64 with `encoding: "base64"`. */
      content: schema.string(),
      encoding: schema.optional(schema.enum(['text', 'base64'])),
    }),
  ),
  notFoundErrorCode: notFoundErrorCodeField,
});
const output = schema.object({
  dokument: schema.object({ uuid: schema.string(), sagUuid: schema.string(), journalised: schema.boolean() }),
});

export type LoraJournaliseInput = Infer<typeof input>;
export type LoraJournaliseOutput = Infer<typeof output>;

/**
 * `connector:lora-journalise` — creates a Dokument (with its file) and journalises it on a Sag in the tenant's LoRA.
 * The dokument's uuid is derived from the job's idempotency key: a retried call adds no second journalpost.
 */
export function createLoraJournaliseConnector(options: HttpClientOptions = {}) {
  const http = new HttpClient(options);
  return defineConnector({
    id: 'lora-journalise',
    description:
      "Creates a Dokument (optionally with its file) and journalises it on a Sag in the tenant's LoRA; a retried call journalises once.",
    input,
    output,
    async execute(call, context): Promise<LoraJournaliseOutput> {
      const lora = loraClientFor(http, context);
      const { sagUuid, notFoundErrorCode, file, ...dokument } = call;
      const result = await callLora(
        () =>
          lora.journaliseDokument(sagUuid.toLowerCase(), {
            ...dokument,
            virkningFra: context.now(),
            uuid: uuidForJob(context.tenant.id, context.idempotencyKey, 'dokument'),
            ...(file === undefined
              ? {}
              : {
                  fil: {
                    filename: file.filename,
                    mimetype: file.mimetype,
                    content: Buffer.from(file.content, file.encoding === 'base64' ? 'base64' : 'utf8'),
                  },
                }),
          }),
        { notFoundErrorCode },
      );
      return {
        dokument: { uuid: result.dokumentUuid, sagUuid: result.sagUuid, journalised: result.journalised },
      };
    },
  });
}
