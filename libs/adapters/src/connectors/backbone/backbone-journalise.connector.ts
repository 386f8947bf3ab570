import { schema, type Infer } from '../../schema/schema.js';
import { notFoundErrorCodeField, uuidField, uuidForJob } from './backbone-connector-schemas.js';
import type { BackboneConnectorOptions } from './backbone-for-tenant.js';
import { defineBackboneConnector } from './define-backbone-connector.js';

const input = schema.object({
  sagUuid: uuidField('The case to journalise on.'),
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

export type BackboneJournaliseInput = Infer<typeof input>;
export type BackboneJournaliseOutput = Infer<typeof output>;

/**
 * `connector:backbone-journalise` — journalises a document reference (optionally with its file) on a case in the
 * tenant's backbone. The document's uuid is derived from the job's idempotency key: a retried call journalises once.
 */
export function createBackboneJournaliseConnector(options: BackboneConnectorOptions = {}) {
  return defineBackboneConnector(options, {
    id: 'backbone-journalise',
    description:
      "Journalises a document reference (optionally with its file) on a case in the tenant's backbone; a retried call journalises once.",
    input,
    output,
    async ask(backbone, call, context): Promise<BackboneJournaliseOutput> {
      const { sagUuid, notFoundErrorCode: _notFound, file, ...dokument } = call;
      const result = await backbone.journaliseDocumentReference(sagUuid.toLowerCase(), {
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
      });
      return {
        dokument: { uuid: result.dokumentUuid, sagUuid: result.sagUuid, journalised: result.journalised },
      };
    },
  });
}
