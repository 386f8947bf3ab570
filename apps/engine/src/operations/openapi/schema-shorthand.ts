import type { ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * A short way to write the OpenAPI schemas of Camunda's JSON shapes, so that the catalogue reads like the DTOs it
 * describes: `{ id: 'string', businessKey: 'string?', suspended: 'boolean' }`. A trailing `?` means the value may be
 * `null` (Camunda sends every field, `null` when it has no value); `date` is Camunda's date text.
 */
export type FieldType =
  | 'string'
  | 'string?'
  | 'integer'
  | 'integer?'
  | 'number'
  | 'boolean'
  | 'boolean?'
  | 'date'
  | 'date?'
  | 'object?'
  | 'null'
  | 'strings'
  | SchemaObject
  | ReferenceObject;

/** Camunda's date format, as its REST API writes and reads dates (see `CAMUNDA_DATE_FORMAT`). */
export const CAMUNDA_DATE_DESCRIPTION =
  "Camunda's date format yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2026-01-05T08:00:00.000+0100";

/** The schema of one field written in the shorthand. */
export function schemaOf(type: FieldType): SchemaObject | ReferenceObject {
  if (typeof type !== 'string') return type;
  const nullable = type.endsWith('?');
  const base = nullable ? type.slice(0, -1) : type;
  const schema: SchemaObject =
    base === 'date'
      ? { type: 'string', description: CAMUNDA_DATE_DESCRIPTION }
      : base === 'object'
        ? { type: 'object', additionalProperties: true }
        : base === 'strings'
          ? { type: 'array', items: { type: 'string' } }
          : base === 'null'
            ? {
                nullable: true,
                description: 'Always null: this engine has no such concept (kept for Camunda clients)',
              }
            : { type: base as SchemaObject['type'] };
  return nullable ? { ...schema, nullable: true } : schema;
}

/**
 * An object schema. `required` names the fields a request must give; a field given as `[type, description]` is
 * documented with its description.
 */
export function objectSchema(
  fields: Record<string, FieldType | [FieldType, string]>,
  options: { required?: string[]; description?: string; example?: unknown } = {},
): SchemaObject {
  const properties: Record<string, SchemaObject | ReferenceObject> = {};
  for (const [name, field] of Object.entries(fields)) {
    if (Array.isArray(field)) {
      const [type, description] = field;
      const schema = schemaOf(type);
      // A field's own description comes first; what the type says (a date's format) stays after it.
      const typeSays = 'description' in schema ? schema.description : undefined;
      properties[name] = { ...schema, description: typeSays ? `${description}. ${typeSays}` : description };
    } else {
      properties[name] = schemaOf(field);
    }
  }
  return {
    type: 'object',
    properties,
    ...(options.required?.length ? { required: options.required } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(options.example !== undefined ? { example: options.example } : {}),
  };
}

/** A reference to a schema of `components.schemas`. */
export function ref(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

/** A JSON list of `items`. */
export function listOf(items: SchemaObject | ReferenceObject): SchemaObject {
  return { type: 'array', items };
}

/** The kinds of query parameter the readers in `#camunda-rest` (`textParameter`, `listParameter`, …) accept. */
export type ParameterKind = 'text' | 'list' | 'boolean' | 'integer' | 'date';

/** A query parameter of `kind`, as Camunda's REST API takes it: text in the URL, lists comma-separated. */
export function queryParameter(
  name: string,
  kind: ParameterKind,
  description: string,
  options: { required?: boolean; enum?: string[] } = {},
): ParameterObject {
  const schema: SchemaObject =
    kind === 'boolean'
      ? { type: 'boolean' }
      : kind === 'integer'
        ? { type: 'integer' }
        : kind === 'list'
          ? { type: 'string', description: 'A comma-separated list' }
          : kind === 'date'
            ? { type: 'string', description: CAMUNDA_DATE_DESCRIPTION }
            : { type: 'string', ...(options.enum ? { enum: options.enum } : {}) };
  return {
    name,
    in: 'query',
    required: options.required ?? false,
    description: kind === 'list' ? `${description} (comma-separated)` : description,
    schema,
  };
}
