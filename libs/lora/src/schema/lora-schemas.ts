import schemas from './lora-schemas.json' with { type: 'json' };

/** A JSON Schema document as LoRA 1.3 ships it (draft 4 style: `id`, `$schema`, `definitions`). */
export type LoraJsonSchema = Record<string, unknown>;

/**
 * LoRA 1.3's own JSON Schemas, one per type, keyed by LoRA's class name (`OrganisationEnhed`, `Sag`…): copied
 * unchanged from magenta-aps/mox (MPL 2.0, see LICENSE-MPL-2.0.txt beside them). Both the validation and the
 * structure of every type (its attribute fields, states, relations and their cardinality) are read from them, so
 * the service accepts exactly what LoRA accepts.
 */
export const LORA_SCHEMAS: Readonly<Record<string, LoraJsonSchema>> = schemas as Record<
  string,
  LoraJsonSchema
>;
