import type { LoraObjectType } from '../object-types/lora-object-types.js';
import type { LoraContent, LoraItem } from './lora-content.js';
import {
  DOKUMENT_PART_PROPERTY_TYPES,
  DOKUMENT_VARIANT_PROPERTY_TYPES,
  LORA_TYPED_ATTRIBUTE_FIELDS,
  LORA_TYPED_RELATION_FIELDS,
  type LoraFieldType,
  type LoraRelationField,
} from './lora-typed-fields.js';
import { readTypedValue, type PostgresValueReader } from './lora-typed-value-reader.js';

export type { PostgresValueReader } from './lora-typed-value-reader.js';

/** What a field's value becomes: its LoRA form, or `undefined` for "no value" (the field is left out). */
type Normalised = unknown;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One typed value in LoRA's form. An empty string or null is left as it is (the merge's "clear" and "keep"). */
async function normalisedValue(
  fieldType: LoraFieldType,
  value: unknown,
  path: string,
  read: PostgresValueReader,
): Promise<Normalised> {
  // LoRA reads an empty interval as zero (`value or '0'`), so it sets the field rather than clearing it.
  if (fieldType === 'interval' && value === '') return readTypedValue('interval', '0', path, read);
  if (value === '' || value === null) return value;
  return readTypedValue(fieldType, value, path, read);
}

/**
 * `entry` with its typed fields in LoRA's form. A field that ends up with no value is left out on create (LoRA
 * stores NULL); on update it stays as null, which keeps the old value.
 */
async function normalisedEntry<T extends Record<string, unknown>>(
  entry: T,
  types: Readonly<Record<string, LoraFieldType>>,
  path: string,
  forUpdate: boolean,
  read: PostgresValueReader,
): Promise<T> {
  const result: Record<string, unknown> = { ...entry };
  for (const [field, fieldType] of Object.entries(types)) {
    if (!(field in entry) || entry[field] === undefined) continue;
    const value = await normalisedValue(fieldType, entry[field], `${path}.${field}`, read);
    if (value === undefined && forUpdate) result[field] = null;
    else if (value === undefined || (!forUpdate && (value === null || value === ''))) delete result[field];
    else result[field] = value;
  }
  return result as T;
}

type Part = { egenskaber?: unknown } & Record<string, unknown>;
type Variant = { egenskaber?: unknown; dele?: unknown } & Record<string, unknown>;

async function normalisedList<T extends Record<string, unknown>>(
  list: unknown,
  path: string,
  each: (entry: T, path: string) => Promise<T>,
): Promise<unknown> {
  if (!Array.isArray(list)) return list;
  const result: unknown[] = [];
  for (const [index, entry] of list.entries())
    result.push(isObject(entry) ? await each(entry as T, `${path}[${index}]`) : entry);
  return result;
}

/**
 * A relation entry with its typed fields (`indeks`, `journalnotat`, `aktoerattr`, …) in LoRA's form. Relation
 * entries are replaced whole on update, so a field with no value (`""`, null, an empty composite) is left out, and
 * so is one LoRA's database drops on this relation (`aktoerattr` on `emne`), after it was read.
 */
async function typedRelationEntry(
  entry: LoraItem,
  relation: string,
  fields: Readonly<Record<string, LoraRelationField>>,
  path: string,
  read: PostgresValueReader,
): Promise<LoraItem> {
  const result: Record<string, unknown> = { ...entry };
  for (const [field, { type, keptOn }] of Object.entries(fields)) {
    const given = entry[field];
    if (given === undefined) continue;
    const value =
      given === '' || given === null
        ? undefined
        : await readTypedValue(type, given, `${path}.${field}`, read);
    if (value === undefined || (keptOn !== undefined && !keptOn.includes(relation))) delete result[field];
    else result[field] = value;
  }
  return result as LoraItem;
}

async function withTypedRelations(
  type: LoraObjectType,
  relationer: Record<string, LoraItem[]>,
  read: PostgresValueReader,
): Promise<Record<string, LoraItem[]>> {
  const fields = LORA_TYPED_RELATION_FIELDS[type.name];
  if (!fields) return relationer;
  const result: Record<string, LoraItem[]> = {};
  for (const [relation, items] of Object.entries(relationer)) {
    result[relation] = (await normalisedList<LoraItem>(items, `relationer.${relation}`, (item, path) =>
      typedRelationEntry(item, relation, fields, path, read),
    )) as LoraItem[];
  }
  return result;
}

/**
 * A request's content with every field LoRA 1.3 keeps typed (see {@link LORA_TYPED_ATTRIBUTE_FIELDS} and
 * {@link LORA_TYPED_RELATION_FIELDS}) read as its type and put in the form LoRA answers, so the stored registration
 * holds what LoRA would answer. A value that cannot be read as its type is a 400 naming its path
 * (`attributter.dokumentegenskaber[0].brevdato`, `relationer.journalpost[0].journalnotat`).
 */
export async function withTypedValues(
  type: LoraObjectType,
  content: LoraContent,
  forUpdate: boolean,
  read: PostgresValueReader,
): Promise<LoraContent> {
  const attributter: Record<string, LoraItem[]> = { ...content.attributter };
  for (const [group, types] of Object.entries(LORA_TYPED_ATTRIBUTE_FIELDS[type.name] ?? {})) {
    const items = attributter[group];
    if (!items) continue;
    attributter[group] = (await normalisedList<LoraItem>(items, `attributter.${group}`, (item, path) =>
      normalisedEntry(item, types, path, forUpdate, read),
    )) as LoraItem[];
  }
  const relationer = await withTypedRelations(type, content.relationer, read);
  if (type.name !== 'dokument' || content.varianter === undefined)
    return { ...content, attributter, relationer };
  const properties = (types: Readonly<Record<string, LoraFieldType>>) => (entry: Part, path: string) =>
    normalisedEntry(entry, types, path, forUpdate, read);
  const withProperties = async <T extends Part>(
    entry: T,
    path: string,
    types: Readonly<Record<string, LoraFieldType>>,
  ): Promise<T> =>
    entry.egenskaber === undefined
      ? entry
      : {
          ...entry,
          egenskaber: await normalisedList(entry.egenskaber, `${path}.egenskaber`, properties(types)),
        };
  const varianter = (await normalisedList<Variant>(content.varianter, 'varianter', async (variant, path) => {
    const typed = await withProperties(variant, path, DOKUMENT_VARIANT_PROPERTY_TYPES);
    return typed.dele === undefined
      ? typed
      : {
          ...typed,
          dele: await normalisedList<Part>(typed.dele, `${path}.dele`, (part, partPath) =>
            withProperties(part, partPath, DOKUMENT_PART_PROPERTY_TYPES),
          ),
        };
  })) as unknown[];
  return { ...content, attributter, relationer, varianter };
}
