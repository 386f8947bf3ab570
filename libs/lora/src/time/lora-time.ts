import { DEFAULT_TIME_ZONE, offsetAt, parseIsoDateTime, toWallClock } from '#bpmn';
import { LoraRequestError } from '../api/lora-request.error.js';

/** An instant on either time axis, in epoch milliseconds; `-Infinity`/`Infinity` are PostgreSQL's `-infinity`/`infinity`. */
export type LoraInstant = number;

/** A half-open period `[from, to)` on one axis. */
export interface LoraPeriod {
  from: LoraInstant;
  to: LoraInstant;
}

const DATE_AND_TIME = /^(\d{4}-\d{2}-\d{2})[ T](.+)$/;

/**
 * Reads a timestamp as LoRA (PostgreSQL) does for the forms clients use: `2014-05-19`, `2014-05-19 12:02:32`,
 * `2014-05-19T12:02:32.5+01:00`, `…+01`, `…Z`, `infinity`, `-infinity`. A time without an offset is Europe/Copenhagen
 * wall-clock time (LoRA's database runs in that zone). `where` names the field or parameter in the 400.
 */
export function parseLoraInstant(text: unknown, where: string): LoraInstant {
  if (typeof text !== 'string')
    throw new LoraRequestError(`${where}: expected a timestamp string, found ${JSON.stringify(text)}`);
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'infinity' || trimmed === '+infinity') return Infinity;
  if (trimmed === '-infinity') return -Infinity;
  const match = DATE_AND_TIME.exec(text.trim());
  const iso = match ? `${match[1]}T${match[2].replace(/\s+/g, '')}` : text.trim();
  try {
    return parseIsoDateTime(iso, DEFAULT_TIME_ZONE).getTime();
  } catch {
    throw new LoraRequestError(
      `${where}: '${text}' is not a timestamp; expected e.g. 2014-05-19, 2014-05-19 12:02:32 (Europe/Copenhagen time), 2014-05-19T12:02:32+01:00, infinity or -infinity`,
    );
  }
}

/** How an instant is kept in the stored registration: ISO 8601 in UTC, or `infinity`/`-infinity`. */
export function storedInstant(instant: LoraInstant): string {
  if (instant === Infinity) return 'infinity';
  if (instant === -Infinity) return '-infinity';
  return new Date(instant).toISOString();
}

/** An instant read back from the stored form ({@link storedInstant}). */
export function instantOfStored(text: string): LoraInstant {
  if (text === 'infinity') return Infinity;
  if (text === '-infinity') return -Infinity;
  return Date.parse(text);
}

const pad = (value: number, width = 2) => String(Math.abs(value)).padStart(width, '0');

/**
 * An instant as LoRA answers it: PostgreSQL's text form in Europe/Copenhagen, `2014-05-19 12:02:32+02`,
 * `2002-02-14 00:00:00+01`, with a fraction only when there is one, and `infinity`/`-infinity`.
 */
export function formatLoraInstant(instant: LoraInstant): string {
  if (instant === Infinity) return 'infinity';
  if (instant === -Infinity) return '-infinity';
  const wall = toWallClock(instant, DEFAULT_TIME_ZONE);
  const offsetMinutes = Math.round(offsetAt(instant, DEFAULT_TIME_ZONE) / 60_000);
  const fraction = wall.millisecond === 0 ? '' : `.${pad(wall.millisecond, 3).replace(/0+$/, '')}`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = `${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}${Math.abs(offsetMinutes) % 60 === 0 ? '' : `:${pad(Math.abs(offsetMinutes) % 60)}`}`;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${fraction}${offset}`;
}

/** True when two half-open periods share an instant. */
export function overlaps(a: LoraPeriod, b: LoraPeriod): boolean {
  return a.from < b.to && b.from < a.to;
}

/** A period as a PostgreSQL timestamptz bound pair (`null` for an unbounded end). */
export function sqlBounds(period: LoraPeriod): [string | null, string | null] {
  return [
    Number.isFinite(period.from) ? new Date(period.from).toISOString() : null,
    Number.isFinite(period.to) ? new Date(period.to).toISOString() : null,
  ];
}
