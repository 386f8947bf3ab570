import { DEFAULT_TIME_ZONE, offsetAt, parseIsoDateTime, toWallClock } from '#bpmn';
import { LoraRequestError } from '../api/lora-request.error.js';

/**
 * An instant on either time axis in epoch microseconds, PostgreSQL's `timestamptz` resolution, so every time LoRA
 * keeps is kept exactly (a `number` holds microseconds exactly only within ±285 years of 1970).
 * `-infinity`/`infinity` are {@link LORA_MINUS_INFINITY}/{@link LORA_INFINITY}: plain bigints beyond every
 * timestamp PostgreSQL can hold, so instants compare with `<` and `>` and infinity needs no special case there.
 */
export type LoraInstant = bigint;

/** PostgreSQL's `infinity`: later than every timestamp (PostgreSQL's last is in year 294276, ~9.2e18 µs is far beyond). */
export const LORA_INFINITY: LoraInstant = 2n ** 62n;
/** PostgreSQL's `-infinity`: earlier than every timestamp. */
export const LORA_MINUS_INFINITY: LoraInstant = -LORA_INFINITY;

/** A half-open period `[from, to)` on one axis. */
export interface LoraPeriod {
  from: LoraInstant;
  to: LoraInstant;
}

const MICROS_PER_MILLI = 1000n;
const MICROS_PER_SECOND = 1_000_000n;

/** True for an instant that is not `-infinity` or `infinity`. */
export function isFiniteInstant(instant: LoraInstant): boolean {
  return instant > LORA_MINUS_INFINITY && instant < LORA_INFINITY;
}

/** The instant of epoch milliseconds (a `Date.now()`). */
export function instantOfEpochMilliseconds(milliseconds: number): LoraInstant {
  return BigInt(Math.trunc(milliseconds)) * MICROS_PER_MILLI;
}

/** The next microsecond: the end of a one-instant period. `infinity` and `-infinity` stay as they are. */
export function nextInstant(instant: LoraInstant): LoraInstant {
  return isFiniteInstant(instant) ? instant + 1n : instant;
}

/** The earlier of two instants. */
export const earlier = (a: LoraInstant, b: LoraInstant): LoraInstant => (a < b ? a : b);
/** The later of two instants. */
export const later = (a: LoraInstant, b: LoraInstant): LoraInstant => (a > b ? a : b);
/** A sort order on instants, earliest first. */
export const compareInstants = (a: LoraInstant, b: LoraInstant): number => (a < b ? -1 : a > b ? 1 : 0);

/** `a / b` rounded down, and its non-negative remainder, for instants before 1970 too. */
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));
const floorMod = (a: bigint, b: bigint) => ((a % b) + b) % b;

const DATE_AND_TIME = /^(\d{4}-\d{2}-\d{2})[ T](.+)$/;
const SECONDS_FRACTION = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})[.,](\d+)(.*)$/;

/**
 * A fraction of a second's digits as whole microseconds. Digits past the sixth are rounded as PostgreSQL rounds
 * them: to the nearest microsecond, an exact half to the even one (`.0000025` → 2 µs, `.0000035` → 4 µs).
 */
function microsecondsOfFraction(digits: string): bigint {
  const micros = BigInt(digits.slice(0, 6).padEnd(6, '0'));
  const rest = digits.slice(6);
  if (rest === '' || rest[0] < '5') return micros;
  const exactHalf = /^50*$/.test(rest);
  return exactHalf && micros % 2n === 0n ? micros : micros + 1n;
}

/**
 * Reads a timestamp as LoRA (PostgreSQL) does for the forms clients use: `2014-05-19`, `2014-05-19 12:02:32`,
 * `2014-05-19T12:02:32.430647+01:00`, `…+01`, `…Z`, `infinity`, `-infinity`. A time without an offset is
 * Europe/Copenhagen wall-clock time (LoRA's database runs in that zone). A fraction of a second is kept to the
 * microsecond; more digits are rounded as PostgreSQL rounds them (a .NET client's 7-digit fractions read as LoRA's
 * database read them). `where` names the field or parameter in the 400.
 */
export function parseLoraInstant(text: unknown, where: string): LoraInstant {
  if (typeof text !== 'string')
    throw new LoraRequestError(`${where}: expected a timestamp string, found ${JSON.stringify(text)}`);
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'infinity' || trimmed === '+infinity') return LORA_INFINITY;
  if (trimmed === '-infinity') return LORA_MINUS_INFINITY;
  const match = DATE_AND_TIME.exec(text.trim());
  const iso = match ? `${match[1]}T${match[2].replace(/\s+/g, '')}` : text.trim();
  // The fraction is read here, to the microsecond; the rest (date, time, offset or zone) by the ISO reader.
  const fraction = SECONDS_FRACTION.exec(iso);
  const whole = fraction ? `${fraction[1]}${fraction[3]}` : iso;
  let milliseconds: number;
  try {
    milliseconds = parseIsoDateTime(whole, DEFAULT_TIME_ZONE).getTime();
  } catch {
    throw new LoraRequestError(
      `${where}: '${text}' is not a timestamp; expected e.g. 2014-05-19, 2014-05-19 12:02:32 (Europe/Copenhagen time), 2014-05-19T12:02:32.430647+01:00, infinity or -infinity`,
    );
  }
  return instantOfEpochMilliseconds(milliseconds) + (fraction ? microsecondsOfFraction(fraction[2]) : 0n);
}

/**
 * How an instant is kept in the stored registration: ISO 8601 in UTC, or `infinity`/`-infinity`. Whole milliseconds
 * keep the 3-digit form registrations stored before microseconds were kept have, so equal contents stay equal text.
 */
export function storedInstant(instant: LoraInstant): string {
  if (instant >= LORA_INFINITY) return 'infinity';
  if (instant <= LORA_MINUS_INFINITY) return '-infinity';
  const iso = new Date(Number(floorDiv(instant, MICROS_PER_MILLI))).toISOString();
  const submilli = floorMod(instant, MICROS_PER_MILLI);
  return submilli === 0n ? iso : iso.replace(/Z$/, `${String(submilli).padStart(3, '0')}Z`);
}

const STORED = /^(.+T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/;

/** An instant read back from the stored form ({@link storedInstant}), 3 or 6 fraction digits. */
export function instantOfStored(text: string): LoraInstant {
  if (text === 'infinity') return LORA_INFINITY;
  if (text === '-infinity') return LORA_MINUS_INFINITY;
  const match = STORED.exec(text);
  const seconds = match ? Date.parse(`${match[1]}Z`) : NaN;
  // A stored instant is written by storedInstant only: anything else is a bug, not a request error.
  if (!match || Number.isNaN(seconds)) throw new Error(`A stored LoRA instant is malformed: '${text}'`);
  return instantOfEpochMilliseconds(seconds) + BigInt((match[2] ?? '').padEnd(6, '0'));
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/**
 * An instant as LoRA answers it: PostgreSQL's text form in Europe/Copenhagen, `2014-05-19 12:02:32+02`,
 * `2002-02-14 00:00:00+01`, with a fraction (up to 6 digits, trailing zeros left out) only when there is one, and
 * `infinity`/`-infinity`.
 */
export function formatLoraInstant(instant: LoraInstant): string {
  if (instant >= LORA_INFINITY) return 'infinity';
  if (instant <= LORA_MINUS_INFINITY) return '-infinity';
  const milliseconds = Number(floorDiv(instant, MICROS_PER_MILLI));
  const wall = toWallClock(milliseconds, DEFAULT_TIME_ZONE);
  const offsetMinutes = Math.round(offsetAt(milliseconds, DEFAULT_TIME_ZONE) / 60_000);
  const micros = Number(floorMod(instant, MICROS_PER_SECOND));
  const fraction = micros === 0 ? '' : `.${pad(micros, 6).replace(/0+$/, '')}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}${Math.abs(offsetMinutes) % 60 === 0 ? '' : `:${pad(Math.abs(offsetMinutes) % 60)}`}`;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${fraction}${offset}`;
}

/**
 * A registration time as LoRA answers it (PostgreSQL's JSON form of a timestamptz): `2019-01-11T10:10:59.430647+00:00`,
 * trailing zeros of the fraction left out, from the store's UTC form with 6 fraction digits.
 */
export function formatRegistrationTime(storedUtc: string): string {
  return storedUtc
    .replace(/(\.\d*?)0+Z$/, '$1Z')
    .replace(/\.Z$/, 'Z')
    .replace(/Z$/, '+00:00');
}

/** True when two half-open periods share an instant. */
export function overlaps(a: LoraPeriod, b: LoraPeriod): boolean {
  return a.from < b.to && b.from < a.to;
}

/** A period as a PostgreSQL timestamptz bound pair (`null` for an unbounded end), exact to the microsecond. */
export function sqlBounds(period: LoraPeriod): [string | null, string | null] {
  return [
    isFiniteInstant(period.from) ? storedInstant(period.from) : null,
    isFiniteInstant(period.to) ? storedInstant(period.to) : null,
  ];
}
