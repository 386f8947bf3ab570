/** Wall-clock arithmetic in IANA time zones, computed with Intl.DateTimeFormat only (no date library, no clock). */
import { timerError } from './timer-definition-error.js';

/** The zone the engine runs in unless a model or the caller says otherwise: Danish municipalities. */
export const DEFAULT_TIME_ZONE = 'Europe/Copenhagen';

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** The largest distance from 1970 a JavaScript Date can represent. */
const MAX_EPOCH_MS = 8.64e15;

/** Whole 400-year Gregorian cycles have a fixed length, which lets years 0–99 avoid Date.UTC's 1900 mapping. */
const MS_PER_400_YEARS = 146_097 * MS_PER_DAY;

/** A local date and time as shown on a wall clock; month is 1–12. Fields may overflow (e.g. day 32) before normalising. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Formatters are costly to build and immutable, so one per zone is kept. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw timerError('an IANA time zone such as Europe/Copenhagen or UTC', timeZone);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Returns the zone to use, the default when none is given; throws TimerDefinitionError for an unknown zone. */
export function resolveTimeZone(timeZone: string | undefined): string {
  const zone = timeZone ?? DEFAULT_TIME_ZONE;
  if (typeof zone !== 'string' || zone.trim() === '') {
    throw timerError('an IANA time zone such as Europe/Copenhagen or UTC', zone);
  }
  formatterFor(zone);
  return zone;
}

/** True when the number is an instant a Date can hold. */
export function isRepresentable(epochMs: number): boolean {
  return Number.isFinite(epochMs) && Math.abs(epochMs) <= MAX_EPOCH_MS;
}

/** Epoch milliseconds of a wall clock read as UTC; overflowing fields roll over like Date.UTC. */
export function wallClockAsUtc(wall: WallClock): number {
  const { year, month, day, hour, minute, second, millisecond } = wall;
  if (year >= 0 && year < 100) {
    return Date.UTC(year + 400, month - 1, day, hour, minute, second, millisecond) - MS_PER_400_YEARS;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

/** The wall clock in `timeZone` at an instant. */
export function toWallClock(epochMs: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(epochMs);
  const field = (type: Intl.DateTimeFormatPartTypes): number => {
    const part = parts.find((p) => p.type === type);
    return part === undefined ? 0 : Number.parseInt(part.value, 10);
  };
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    // Some ICU versions print midnight as 24 despite h23.
    hour: field('hour') % 24,
    minute: field('minute'),
    second: field('second'),
    millisecond: ((epochMs % MS_PER_SECOND) + MS_PER_SECOND) % MS_PER_SECOND,
  };
}

/** Offset of `timeZone` from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function offsetAt(epochMs: number, timeZone: string): number {
  return wallClockAsUtc(toWallClock(epochMs, timeZone)) - epochMs;
}

/**
 * The instant at which the wall clock in `timeZone` shows `wall`.
 * A time skipped by a DST change is moved forward by the length of the gap (02:30 becomes 03:30), and a time that
 * occurs twice takes `preferredOffset` when it is one of the two, else the earlier one — the same rules as
 * java.time.ZonedDateTime, so results agree with Camunda and Zeebe.
 */
export function fromWallClock(wall: WallClock, timeZone: string, preferredOffset?: number): number {
  const local = wallClockAsUtc(wall);
  // Zones change offset at most once a day, so the offsets a day either side are the only candidates.
  const before = offsetAt(local - MS_PER_DAY, timeZone);
  const after = offsetAt(local + MS_PER_DAY, timeZone);
  const valid = [...new Set([before, after])]
    .filter((offset) => offsetAt(local - offset, timeZone) === offset)
    .map((offset) => local - offset);
  if (valid.length === 0) {
    return local - before;
  }
  if (preferredOffset !== undefined && valid.includes(local - preferredOffset)) {
    return local - preferredOffset;
  }
  return Math.min(...valid);
}

/** Days in a month of the proleptic Gregorian calendar; month is 1–12. */
export function daysInMonth(year: number, month: number): number {
  return new Date(
    wallClockAsUtc({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 }),
  ).getUTCDate();
}
