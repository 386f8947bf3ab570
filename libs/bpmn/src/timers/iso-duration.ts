/** ISO 8601 durations (PnYnMnWnDTnHnMnS): parsing, normalising and adding them to instants. */
import {
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  daysInMonth,
  fromWallClock,
  isRepresentable,
  offsetAt,
  resolveTimeZone,
  toWallClock,
} from './time-zone.js';
import { timerError } from './timer-definition-error.js';

/** A parsed, non-negative duration. Seconds are kept as whole seconds plus nanoseconds so the text round-trips exactly. */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
  nanoseconds: number;
}

const EXPECTED = 'an ISO 8601 duration such as PT1H or P2D';

/** Java (Camunda, Zeebe) keeps nanoseconds, so a fraction of up to 9 digits is accepted, and the same text round-trips. */
const MAX_FRACTION_DIGITS = 9;

const DURATION_PATTERN =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d+))?S)?)?$/i;

/** A fraction on another unit than seconds, e.g. PT1.5H: recognised only to explain the error. */
const FRACTION_ELSEWHERE = /[.,]\d*[YMWDH]/i;

/** Says why a text that is not a duration was rejected, when there is something more precise to say. */
function reasonFor(text: string): string | undefined {
  if (/^\s*[-−]|P.*[-−]/i.test(text)) {
    return 'negative durations are not allowed';
  }
  if (/^PT?$/i.test(text) || /T$/i.test(text)) {
    return 'a duration needs at least one number with a unit';
  }
  if (FRACTION_ELSEWHERE.test(text)) {
    return 'only seconds may have a fraction, e.g. PT0.5S';
  }
  return undefined;
}

function toNumber(digits: string | undefined, text: string): number {
  if (digits === undefined) {
    return 0;
  }
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) {
    throw timerError(EXPECTED, text, `${digits} is too large`);
  }
  return value;
}

/** Parses an ISO 8601 duration; throws TimerDefinitionError for anything else, including negative or empty durations. */
export function parseIsoDuration(text: string): IsoDuration {
  if (typeof text !== 'string') {
    throw timerError(EXPECTED, text);
  }
  const trimmed = text.trim();
  const match = DURATION_PATTERN.exec(trimmed);
  // The pattern also accepts "P", "PT" and "P1DT", which have no unit after the P or the T.
  if (match === null || /^PT?$/i.test(trimmed) || /T$/i.test(trimmed)) {
    throw timerError(EXPECTED, trimmed, reasonFor(trimmed));
  }
  const fraction = match[8] ?? '';
  if (fraction.length > MAX_FRACTION_DIGITS) {
    throw timerError(EXPECTED, trimmed, `at most ${MAX_FRACTION_DIGITS} decimals are allowed in seconds`);
  }
  return {
    years: toNumber(match[1], trimmed),
    months: toNumber(match[2], trimmed),
    weeks: toNumber(match[3], trimmed),
    days: toNumber(match[4], trimmed),
    hours: toNumber(match[5], trimmed),
    minutes: toNumber(match[6], trimmed),
    seconds: toNumber(match[7], trimmed),
    nanoseconds: Number(fraction.padEnd(MAX_FRACTION_DIGITS, '0')),
  };
}

/** The canonical text: upper case, zero components left out, '.' as decimal sign, PT0S for nothing. */
export function formatIsoDuration(duration: IsoDuration): string {
  const { years, months, weeks, days, hours, minutes, seconds, nanoseconds } = duration;
  const date = [
    [years, 'Y'],
    [months, 'M'],
    [weeks, 'W'],
    [days, 'D'],
  ]
    .filter(([value]) => value !== 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join('');
  const fraction =
    nanoseconds === 0 ? '' : `.${String(nanoseconds).padStart(MAX_FRACTION_DIGITS, '0').replace(/0+$/, '')}`;
  const time = [
    [hours, 'H'],
    [minutes, 'M'],
  ]
    .filter(([value]) => value !== 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join('');
  const secondsPart = seconds !== 0 || nanoseconds !== 0 ? `${seconds}${fraction}S` : '';
  if (date === '' && time === '' && secondsPart === '') {
    return 'PT0S';
  }
  const timePart = time + secondsPart;
  return `P${date}${timePart === '' ? '' : `T${timePart}`}`;
}

/** Parses and re-formats, so that equal durations are stored as equal text. */
export function normaliseIsoDuration(text: string): string {
  return formatIsoDuration(parseIsoDuration(text));
}

/** The exact (H, M, S) part in milliseconds; sub-millisecond fractions are dropped because a Date cannot hold them. */
function exactMilliseconds(duration: IsoDuration): number {
  return (
    duration.hours * MS_PER_HOUR +
    duration.minutes * MS_PER_MINUTE +
    duration.seconds * MS_PER_SECOND +
    Math.floor(duration.nanoseconds / 1_000_000)
  );
}

function overflow(instant: number, duration: IsoDuration): never {
  throw timerError(
    'a duration that ends at a date JavaScript can represent',
    formatIsoDuration(duration),
    `added to ${isRepresentable(instant) ? new Date(instant).toISOString() : 'an invalid date'}`,
  );
}

/**
 * Adds `factor` times the duration to an instant. Years, months, weeks and days move the wall clock in `timeZone`
 * (so P1D keeps 09:00 across a DST change, and P1M from 31 January clamps to the end of February); hours, minutes
 * and seconds are exact. Calendar units go first, like java.time's Period then Duration. Multiplying instead of
 * adding repeatedly lets a cycle anchored at 31 January reach 31 March rather than drifting to the 28th.
 */
export function addScaledDuration(
  instant: number,
  duration: IsoDuration,
  factor: number,
  timeZone: string,
): number {
  let result = instant;
  const calendarMonths = (duration.years * 12 + duration.months) * factor;
  const calendarDays = (duration.weeks * 7 + duration.days) * factor;
  if (calendarMonths !== 0 || calendarDays !== 0) {
    const wall = toWallClock(instant, timeZone);
    const monthIndex = wall.month - 1 + calendarMonths;
    const year = wall.year + Math.floor(monthIndex / 12);
    const month = (((monthIndex % 12) + 12) % 12) + 1;
    const day = Math.min(wall.day, daysInMonth(year, month)) + calendarDays;
    if (!isRepresentable(Date.UTC(year, month - 1, day))) {
      overflow(instant, duration);
    }
    try {
      // Keeping the old offset when the new wall time is ambiguous mirrors ZonedDateTime.plus (it retains the offset).
      result = fromWallClock({ ...wall, year, month, day }, timeZone, offsetAt(instant, timeZone));
    } catch (error) {
      // Intl throws RangeError within a day or two of the last date a Date can hold.
      if (error instanceof RangeError) {
        overflow(instant, duration);
      }
      throw error;
    }
  }
  result += exactMilliseconds(duration) * factor;
  if (!isRepresentable(result)) {
    overflow(instant, duration);
  }
  return result;
}

/** Adds an ISO 8601 duration to an instant; calendar-aware for Y/M/W/D in `timeZone` (default Europe/Copenhagen). */
export function addDuration(instant: Date, isoDuration: string, options?: { timeZone?: string }): Date {
  if (!(instant instanceof Date) || !isRepresentable(instant.getTime())) {
    throw new RangeError(
      `Expected a valid Date to add ${String(isoDuration)} to, but found ${String(instant)}`,
    );
  }
  const timeZone = resolveTimeZone(options?.timeZone);
  return new Date(addScaledDuration(instant.getTime(), parseIsoDuration(isoDuration), 1, timeZone));
}
