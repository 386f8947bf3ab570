/** ISO 8601 repeating intervals in a timeCycle (R3/PT1H, R/PT10M, R5/start/P1D, R2/PT1H/end) and their due times. */
import { looksLikeIsoDate, parseIsoDateTime } from './iso-date.js';
import { addScaledDuration, formatIsoDuration, parseIsoDuration, type IsoDuration } from './iso-duration.js';
import { TimerDefinitionError, timerError } from './timer-definition-error.js';
import type { IsoCycleSchedule } from './timer-schedule.js';

const EXPECTED =
  'a repeating interval such as R3/PT1H, R/PT10M, R5/2026-12-01T08:00:00Z/P1D or R2/PT1H/2026-12-31T00:00:00Z';

/** True when a timeCycle text is meant as an ISO repeating interval rather than a cron pattern. */
export function looksLikeRepeatingInterval(text: string): boolean {
  return /^R(\d|\/|$)/i.test(text.trim());
}

/** Parses the interval part, naming the whole cycle in the error so the modeller can find it. */
function parseInterval(part: string, cycle: string): IsoDuration {
  let interval: IsoDuration;
  try {
    interval = parseIsoDuration(part);
  } catch (error) {
    if (error instanceof TimerDefinitionError) {
      throw new TimerDefinitionError(`${error.message} in the timeCycle '${cycle}'`);
    }
    throw error;
  }
  // A zero interval would make every repetition due at once: an endless loop in the engine.
  const noCalendarPart =
    interval.years === 0 && interval.months === 0 && interval.weeks === 0 && interval.days === 0;
  const underOneMs =
    interval.hours === 0 && interval.minutes === 0 && interval.seconds === 0 && interval.nanoseconds < 1e6;
  if (noCalendarPart && underOneMs) {
    throw timerError(EXPECTED, cycle, 'the interval must be at least one millisecond long');
  }
  return interval;
}

function parseBound(part: string, cycle: string, timeZone: string): string {
  try {
    return parseIsoDateTime(part, timeZone).toISOString();
  } catch (error) {
    if (error instanceof TimerDefinitionError) {
      throw new TimerDefinitionError(`${error.message} in the timeCycle '${cycle}'`);
    }
    throw error;
  }
}

/** Parses R[n]/duration, R[n]/start/duration or R[n]/duration/end; a missing n means unbounded. */
export function parseRepeatingInterval(text: string, timeZone: string): IsoCycleSchedule {
  const cycle = text.trim();
  const parts = cycle.split('/');
  const head = /^R(\d*)$/i.exec(parts[0] ?? '');
  if (head === null || parts.length < 2) {
    throw timerError(EXPECTED, cycle, 'it must start with R or Rn (n ≥ 0 firings) followed by /');
  }
  const count = head[1] ?? '';
  const repetitions = count === '' ? null : Number(count);
  if (repetitions !== null && !Number.isSafeInteger(repetitions)) {
    throw timerError(
      EXPECTED,
      cycle,
      `${count} repetitions are too many; leave the number out for unbounded`,
    );
  }
  if (parts.length === 2) {
    return { kind: 'cycle', repetitions, interval: formatIsoDuration(parseInterval(parts[1] ?? '', cycle)) };
  }
  if (parts.length === 3) {
    const [, first = '', second = ''] = parts;
    const firstIsDate = looksLikeIsoDate(first);
    const secondIsDate = looksLikeIsoDate(second);
    if (firstIsDate && !secondIsDate) {
      const start = parseBound(first, cycle, timeZone);
      return { kind: 'cycle', repetitions, start, interval: formatIsoDuration(parseInterval(second, cycle)) };
    }
    if (!firstIsDate && secondIsDate) {
      const interval = formatIsoDuration(parseInterval(first, cycle));
      return { kind: 'cycle', repetitions, interval, end: parseBound(second, cycle, timeZone) };
    }
    if (firstIsDate && secondIsDate) {
      throw timerError(
        EXPECTED,
        cycle,
        'a start and an end without an interval is not supported; give start/interval',
      );
    }
    throw timerError(EXPECTED, cycle, 'after Rn there may be one duration and at most one date');
  }
  throw timerError(EXPECTED, cycle, `it has ${parts.length} parts separated by /, at most 3 are allowed`);
}

/** Reads an instant stored in a schedule; state may have been edited by hand, so it is checked. */
function storedInstant(value: string, what: string): number {
  const ms = new Date(value).getTime();
  if (Number.isNaN(ms)) {
    throw timerError(`an ISO instant as the cycle's ${what}`, value);
  }
  return ms;
}

function withinEnd(schedule: IsoCycleSchedule, due: number): Date | null {
  if (schedule.end !== undefined && due > storedInstant(schedule.end, 'end')) {
    return null;
  }
  return new Date(due);
}

/**
 * First due time: the start itself when there is one (even when it has passed: an overdue timer is due at once,
 * exactly like a past timeDate, and the firing still counts), else one interval after activation.
 */
export function firstRepeatingDue(schedule: IsoCycleSchedule, now: Date, timeZone: string): Date | null {
  if (schedule.repetitions === 0) {
    return null;
  }
  const interval = parseIsoDuration(schedule.interval);
  const due =
    schedule.start !== undefined
      ? storedInstant(schedule.start, 'start')
      : addScaledDuration(now.getTime(), interval, 1, timeZone);
  return withinEnd(schedule, due);
}

/**
 * Due time after the `firedCount`-th firing. With a start, the n-th firing is start + (n - 1) × interval, computed
 * from the start so that calendar intervals do not drift (monthly from 31 January: 28 February, then 31 March);
 * without one, the only anchor is the previous due time.
 */
export function nextRepeatingDue(
  schedule: IsoCycleSchedule,
  previousDue: Date,
  firedCount: number,
  timeZone: string,
): Date | null {
  if (schedule.repetitions !== null && firedCount >= schedule.repetitions) {
    return null;
  }
  const interval = parseIsoDuration(schedule.interval);
  const due =
    schedule.start !== undefined
      ? addScaledDuration(storedInstant(schedule.start, 'start'), interval, firedCount, timeZone)
      : addScaledDuration(previousDue.getTime(), interval, 1, timeZone);
  return withinEnd(schedule, due);
}
