/** ISO 8601 dates and date-times (with Z, an offset, a [Zone] suffix or nothing), resolved to instants. */
import { MS_PER_HOUR, MS_PER_MINUTE, daysInMonth, fromWallClock, resolveTimeZone } from './time-zone.js';
import { timerError } from './timer-definition-error.js';

const EXPECTED =
  'an ISO 8601 date-time such as 2026-12-01T09:00:00Z, 2026-12-01T09:00:00+01:00 or 2026-12-01';

/**
 * Extended format only: date, optional time (seconds and fraction optional), optional Z or ±hh[:mm], and the
 * optional [Region/City] suffix that Zeebe (java.time's ISO_ZONED_DATE_TIME) writes.
 */
const DATE_TIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]\s]+)\])?)?$/i;

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The largest offset java.time accepts; anything beyond is a typo, not a place. */
const MAX_OFFSET_HOURS = 18;

/** Offset in milliseconds of "Z", "+01", "+0100" or "+01:00". */
function parseOffset(offset: string, text: string): number {
  if (offset.toUpperCase() === 'Z') {
    return 0;
  }
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (digits.length === 3 || hours > MAX_OFFSET_HOURS || minutes > 59) {
    throw timerError(EXPECTED, text, `'${offset}' is not a UTC offset between -18:00 and +18:00`);
  }
  return sign * (hours * MS_PER_HOUR + minutes * MS_PER_MINUTE);
}

/**
 * Parses a timeDate. A text with Z or an offset is an exact instant; a text without is wall-clock time in its
 * [Zone] suffix, else in `timeZone` (default Europe/Copenhagen); a plain date means midnight there.
 * A local time skipped by DST moves forward by the gap, an ambiguous one takes the earlier instant (as java.time).
 */
export function parseIsoDateTime(text: string, timeZone?: string): Date {
  if (typeof text !== 'string') {
    throw timerError(EXPECTED, text);
  }
  const trimmed = text.trim();
  const match = DATE_TIME_PATTERN.exec(trimmed);
  if (match === null) {
    throw timerError(EXPECTED, trimmed);
  }
  const [, y, mo, d, h = '00', mi = '00', s = '00', fraction = '', offset, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (year < 1) {
    throw timerError(EXPECTED, trimmed, 'the year must be 0001 or later');
  }
  if (month < 1 || month > 12) {
    throw timerError(EXPECTED, trimmed, `there is no month ${mo}`);
  }
  if (day < 1 || day > daysInMonth(year, month)) {
    throw timerError(EXPECTED, trimmed, `${MONTH_NAMES[month - 1]} ${y} has no day ${d}`);
  }
  if (hour > 23 || minute > 59 || second > 59) {
    throw timerError(EXPECTED, trimmed, `${h}:${mi}:${s} is not a time of day`);
  }
  const wall = {
    year,
    month,
    day,
    hour,
    minute,
    second,
    millisecond: Number(fraction.padEnd(3, '0').slice(0, 3)),
  };
  // Validate a suffix zone even when an offset fixes the instant: a misspelt zone is still a modelling error.
  const zoneToUse = resolveTimeZone(zone ?? timeZone);
  if (offset !== undefined) {
    const utc = fromWallClock(wall, 'UTC');
    return new Date(utc - parseOffset(offset, trimmed));
  }
  return new Date(fromWallClock(wall, zoneToUse));
}

/** True when the text starts like a date (yyyy-mm-dd), used to tell the parts of a repeating interval apart. */
export function looksLikeIsoDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(text.trim());
}
