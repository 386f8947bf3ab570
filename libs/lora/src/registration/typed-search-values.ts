import type { LoraParameters } from '../api/lora-parameters.js';
import type { LoraObjectType } from '../object-types/lora-object-types.js';
import { searchableFieldType } from './lora-typed-fields.js';
import { readTypedValue, type PostgresValueReader } from './lora-typed-value-reader.js';

/**
 * The values of the search parameters that name typed attribute fields (`afleveret`, `brevdato`, `major`,
 * `starttidspunkt`, `tidsforbrug`, …), by parameter: each read as its type and put in the form the store keeps it
 * in, lower-cased as the search rows are, so the search compares them for equality, as LoRA compares typed columns.
 */
export type TypedSearchValues = ReadonlyMap<string, readonly string[]>;

/** A query string holds only text: an integer parameter is read as a number first (`major=02` is 2). */
const INTEGER_TEXT = /^\s*[+-]?\d+\s*$/;

/**
 * Reads the typed fields' search values with the reader every write uses, so `starttidspunkt=2017-01-01T11:00:00Z`
 * finds the value stored from `2017-01-01 12:00` and `afleveret=True` a stored `true`. A value that cannot be read
 * is a 400 naming the parameter.
 */
export async function typedSearchValuesOf(
  type: LoraObjectType,
  parameters: LoraParameters,
  read: PostgresValueReader,
): Promise<TypedSearchValues> {
  const typed = new Map<string, string[]>();
  for (const [name, texts] of parameters) {
    const fieldType = searchableFieldType(type.name, name);
    if (fieldType === undefined) continue;
    const values: string[] = [];
    for (const text of texts) {
      const given = fieldType === 'int' && INTEGER_TEXT.test(text) ? Number(text.trim()) : text;
      values.push(String(await readTypedValue(fieldType, given, name, read)).toLowerCase());
    }
    typed.set(name, values);
  }
  return typed;
}
