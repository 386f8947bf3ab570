import { createHash } from 'node:crypto';
import type { LoraKlasse, LoraOrgUnitWithManager } from '#lora';
import { schema } from '../../schema/schema.js';

/** A LoRA uuid (lower or upper case). */
export const LORA_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export const uuidField = (description: string) => schema.string({ pattern: LORA_UUID, description });

export const notFoundErrorCodeField = schema.optional(
  schema.string({
    minLength: 1,
    description: 'BPMN error code thrown when LoRA has no such object; an incident without it.',
  }),
);

export const unitSchema = schema.object({
  uuid: schema.string(),
  brugervendtnoegle: schema.nullable(schema.string()),
  enhedsnavn: schema.nullable(schema.string()),
});

export const managerSchema = schema.nullable(
  schema.object({
    uuid: schema.string(),
    brugervendtnoegle: schema.nullable(schema.string()),
    brugernavn: schema.nullable(schema.string()),
    unitUuid: schema.string(),
  }),
);

export const klasseSchema = schema.object({
  uuid: schema.string(),
  brugervendtnoegle: schema.nullable(schema.string()),
  titel: schema.nullable(schema.string()),
  facetUuid: schema.nullable(schema.string()),
});

/** Plain copies of the client's answers, as the output schemas take them. */
export function unitAndManager(found: LoraOrgUnitWithManager) {
  return { unit: { ...found.unit }, manager: found.manager === null ? null : { ...found.manager } };
}
export function klasseOutput(klasse: LoraKlasse) {
  return { ...klasse };
}

/**
 * The uuid an object written for this job gets: derived from the tenant and the job's idempotency key, so a retried
 * call writes the same object (the client imports only when it does not exist) instead of a second one.
 */
export function uuidForJob(tenantId: string, idempotencyKey: string, what: string): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([tenantId, idempotencyKey, what]))
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
