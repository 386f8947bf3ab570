import { LoraRequestError } from '../api/lora-request.error.js';
import type { LoraObjectType } from '../object-types/lora-object-types.js';
import type { LoraContent, LoraItem } from './lora-content.js';
import {
  DOKUMENT_PART_PROPERTY_TYPES,
  DOKUMENT_VARIANT_PROPERTY_TYPES,
  LORA_TYPED_ATTRIBUTE_FIELDS,
  type LoraFieldType,
} from './lora-typed-fields.js';

/**
 * Reads a text as PostgreSQL does in LoRA's session settings and answers the value in LoRA's output form, or
 * `undefined` when PostgreSQL refuses it. Timestamps and intervals are PostgreSQL's own syntax, so PostgreSQL reads
 * them; the store provides this.
 */
export type PostgresValueReader = (
  type: 'timestamptz' | 'interval',
  text: string,
) => Promise<string | undefined>;

/** What a field's value becomes: its LoRA form, or `undefined` for "no value" (the field is left out). */
type Normalised = unknown;

const INT_RANGE = { min: -2_147_483_648, max: 2_147_483_647 };
/** Python's `strptime(…, '%Y-%m-%d')`, which LoRA reads dates with: four-digit year, month and day of one or two. */
const LORA_DATE = /^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])$/;
/** PostgreSQL's inputs that mean a different instant on every read; LoRA (dateutil) refuses them too. */
const RELATIVE_TIMES = new Set(['now', 'today', 'tomorrow', 'yesterday']);

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** LoRA's `to_bool`. */
function booleanOf(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'True' || value === '1') return true;
  if (value === 'false' || value === 'False' || value === '0') return false;
  throw new LoraRequestError(
    `${path}: expected a boolean (true, false, or the strings 'true', 'false', '1', '0'), found ${shown(value)}`,
  );
}

function intOf(value: unknown, path: string): number {
  if (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= INT_RANGE.min &&
    value <= INT_RANGE.max
  )
    return value;
  throw new LoraRequestError(
    `${path}: expected an integer from ${INT_RANGE.min} to ${INT_RANGE.max}, found ${shown(value)}`,
  );
}

function dateOf(value: unknown, path: string): string {
  const match = typeof value === 'string' ? LORA_DATE.exec(value) : null;
  if (match) {
    const [year, month, day] = match.slice(1).map((part) => Number(part.trim()));
    const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    const daysInMonth = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
    if (year > 0 && day <= daysInMonth)
      return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  }
  throw new LoraRequestError(`${path}: expected a date written YYYY-MM-DD, found ${shown(value)}`);
}

/** `offentlighedundtaget`: its non-empty strings; neither given means no value, as in LoRA. */
function offentlighedundtagetOf(value: unknown, path: string): Normalised {
  if (!isObject(value))
    throw new LoraRequestError(
      `${path}: expected an object with 'alternativtitel' and 'hjemmel', found ${shown(value)}`,
    );
  const kept: Record<string, string> = {};
  for (const key of ['alternativtitel', 'hjemmel'] as const) {
    const member = value[key];
    if (member === undefined || member === null || member === '') continue;
    if (typeof member !== 'string')
      throw new LoraRequestError(`${path}.${key}: expected a string, found ${shown(member)}`);
    kept[key] = member;
  }
  return Object.keys(kept).length > 0 ? kept : undefined;
}

async function postgresValueOf(
  type: 'timestamptz' | 'interval',
  value: unknown,
  path: string,
  read: PostgresValueReader,
): Promise<string> {
  const expected =
    type === 'interval'
      ? "a duration, e.g. '2 hours', '1 day 02:00:00' or 'P1DT2H'"
      : "a timestamp, e.g. '2014-05-19 12:02:32' (Europe/Copenhagen time) or '2014-05-19T12:02:32+02:00'";
  const text = typeof value === 'string' ? value.trim() : undefined;
  const answer =
    text !== undefined && text !== '' && !RELATIVE_TIMES.has(text.toLowerCase())
      ? await read(type, text)
      : undefined;
  if (answer === undefined)
    throw new LoraRequestError(`${path}: expected ${expected}, found ${shown(value)}`);
  return answer;
}

/** One typed value in LoRA's form. An empty string or null is left as it is (the merge's "clear" and "keep"). */
async function normalisedValue(
  fieldType: LoraFieldType,
  value: unknown,
  path: string,
  read: PostgresValueReader,
): Promise<Normalised> {
  // LoRA reads an empty interval as zero (`value or '0'`), so it sets the field rather than clearing it.
  if (fieldType === 'interval' && value === '') return postgresValueOf('interval', '0', path, read);
  if (value === '' || value === null) return value;
  switch (fieldType) {
    case 'boolean':
      return booleanOf(value, path);
    case 'int':
      return intOf(value, path);
    case 'date':
      return dateOf(value, path);
    case 'offentlighedundtaget':
      return offentlighedundtagetOf(value, path);
    case 'timestamptz':
    case 'interval':
      return postgresValueOf(fieldType, value, path, read);
  }
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
 * A request's content with every field LoRA 1.3 keeps typed (see {@link LORA_TYPED_ATTRIBUTE_FIELDS}) read as its
 * type and put in the form LoRA answers, so the stored registration holds what LoRA would answer. A value that
 * cannot be read as its type is a 400 naming its path (`attributter.dokumentegenskaber[0].brevdato`).
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
  if (type.name !== 'dokument' || content.varianter === undefined) return { ...content, attributter };
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
  return { ...content, attributter, varianter };
}
