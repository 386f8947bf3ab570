import { LoraRequestError } from '../api/lora-request.error.js';
import type { LoraCompositeType, LoraEnumType, LoraFieldType } from './lora-typed-fields.js';

/**
 * Reads a text as PostgreSQL does in LoRA's session settings and answers the value in LoRA's output form, or
 * `undefined` when PostgreSQL refuses it. Timestamps and intervals are PostgreSQL's own syntax, so PostgreSQL reads
 * them; the store provides this.
 */
export type PostgresValueReader = (
  type: 'timestamptz' | 'interval',
  text: string,
) => Promise<string | undefined>;

const INT_RANGE = { min: -2_147_483_648, max: 2_147_483_647 };
/** Python's `strptime(…, '%Y-%m-%d')`, which LoRA reads dates with: four-digit year, month and day of one or two. */
const LORA_DATE = /^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])$/;
/** PostgreSQL's inputs that mean a different instant on every read; LoRA (dateutil) refuses them too. */
const RELATIVE_TIMES = new Set(['now', 'today', 'tomorrow', 'yesterday']);
const UUID = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;

const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);
const quotedList = (names: readonly string[]) => {
  const quoted = names.map((name) => `'${name}'`);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0];
};

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

/** A `text` column keeps a string; a number or boolean becomes its text, as PostgreSQL's cast would make it. */
function textOf(value: unknown, path: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new LoraRequestError(`${path}: expected a string, found ${shown(value)}`);
}

function uuidOf(value: unknown, path: string): string {
  if (typeof value === 'string' && UUID.test(value)) return value.toLowerCase();
  throw new LoraRequestError(`${path}: expected a uuid, found ${shown(value)}`);
}

function enumValueOf(type: LoraEnumType, value: unknown, path: string): string {
  if (typeof value === 'string' && type.values.includes(value)) return value;
  throw new LoraRequestError(`${path}: expected one of ${quotedList(type.values)}, found ${shown(value)}`);
}

/** A composite: its members with a value, each read as its type; none left means no value, as in LoRA. */
async function compositeOf(
  type: LoraCompositeType,
  value: unknown,
  path: string,
  read: PostgresValueReader,
): Promise<Record<string, unknown> | undefined> {
  if (!isObject(value))
    throw new LoraRequestError(
      `${path}: expected an object with ${quotedList(Object.keys(type.members))}, found ${shown(value)}`,
    );
  const kept: Record<string, unknown> = {};
  for (const [member, memberType] of Object.entries(type.members)) {
    const given = value[member];
    if (given === undefined || given === null || given === '') continue;
    const typed = await readTypedValue(memberType, given, `${path}.${member}`, read);
    if (typed !== undefined) kept[member] = typed;
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

/**
 * `value` read as `fieldType` and put in the form LoRA answers it (`undefined`: a composite with no member left,
 * which has no value); a value that cannot be read is a 400 naming `path`. Every write and every search reads typed
 * fields with this, so both agree on what a value means.
 */
export async function readTypedValue(
  fieldType: LoraFieldType,
  value: unknown,
  path: string,
  read: PostgresValueReader,
): Promise<unknown> {
  if (typeof fieldType === 'object')
    return fieldType.kind === 'enum'
      ? enumValueOf(fieldType, value, path)
      : compositeOf(fieldType, value, path, read);
  switch (fieldType) {
    case 'boolean':
      return booleanOf(value, path);
    case 'int':
      return intOf(value, path);
    case 'date':
      return dateOf(value, path);
    case 'text':
      return textOf(value, path);
    case 'uuid':
      return uuidOf(value, path);
    case 'timestamptz':
    case 'interval':
      return postgresValueOf(fieldType, value, path, read);
  }
}
