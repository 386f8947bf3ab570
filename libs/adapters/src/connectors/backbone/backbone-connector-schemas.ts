import { createHash } from 'node:crypto';
import type { BackboneEngagement, BackboneKlasse, BackboneOrgUnitWithManager } from '#lora';
import { schema } from '../../schema/schema.js';

/** A uuid (lower or upper case), as both backbones name objects. */
export const BACKBONE_UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** A KLE number: emne (27.24.00), gruppe (27.24) or hovedgruppe (27). */
export const KLE_NUMBER = /^\d{2}(\.\d{2}(\.\d{2})?)?$/;

export const uuidField = (description: string) => schema.string({ pattern: BACKBONE_UUID, description });

export const kleNumberField = (description: string) => schema.string({ pattern: KLE_NUMBER, description });

export const notFoundErrorCodeField = schema.optional(
  schema.string({
    minLength: 1,
    description:
      "BPMN error code thrown when the tenant's backbone has no such object; an incident without it.",
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

export const engagementSchema = schema.object({
  uuid: schema.string(),
  personUuid: schema.string(),
  unitUuid: schema.string(),
  brugervendtnoegle: schema.nullable(schema.string()),
});

/** Plain copies of the backbone's answers, as the output schemas take them (no extra fields). */
export function unitAndManager(found: BackboneOrgUnitWithManager) {
  const { unit, manager } = found;
  return {
    unit: { uuid: unit.uuid, brugervendtnoegle: unit.brugervendtnoegle, enhedsnavn: unit.enhedsnavn },
    manager:
      manager === null
        ? null
        : {
            uuid: manager.uuid,
            brugervendtnoegle: manager.brugervendtnoegle,
            brugernavn: manager.brugernavn,
            unitUuid: manager.unitUuid,
          },
  };
}
export function klasseOutput(klasse: BackboneKlasse) {
  return {
    uuid: klasse.uuid,
    brugervendtnoegle: klasse.brugervendtnoegle,
    titel: klasse.titel,
    facetUuid: klasse.facetUuid,
  };
}
export function engagementOutput(engagement: BackboneEngagement) {
  return {
    uuid: engagement.uuid,
    personUuid: engagement.personUuid,
    unitUuid: engagement.unitUuid,
    brugervendtnoegle: engagement.brugervendtnoegle,
  };
}

/**
 * The uuid an object written for this job gets: derived from the tenant and the job's idempotency key, so a retried
 * call writes the same object (the backbone updates or skips it) instead of a second one.
 */
export function uuidForJob(tenantId: string, idempotencyKey: string, what: string): string {
  const hex = createHash('sha256')
    .update(JSON.stringify([tenantId, idempotencyKey, what]))
    .digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
