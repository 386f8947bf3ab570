/** firstDue / nextDue: when a parsed timer fires, given the current time (the core never reads a clock). */
import { nextCronRun } from './cron-cycle.js';
import { addScaledDuration, parseIsoDuration } from './iso-duration.js';
import { isRepresentable, resolveTimeZone } from './time-zone.js';
import { firstRepeatingDue, nextRepeatingDue } from './timer-cycle.js';
import { timerError } from './timer-definition-error.js';
import type { TimerOptions, TimerSchedule } from './timer-schedule.js';

function assertInstant(value: Date, name: string): void {
  if (!(value instanceof Date) || !isRepresentable(value.getTime())) {
    throw new RangeError(`Expected ${name} to be a valid Date, but found ${String(value)}`);
  }
}

function unknownSchedule(schedule: never): never {
  throw timerError('a timer schedule of kind date, duration, cycle or cron', JSON.stringify(schedule));
}

/**
 * First due time for a schedule activated at `now`; null if it never fires (R0, or a cycle whose end is past).
 * A due time may lie before `now` (a past timeDate, a cycle start that has passed): the timer is then overdue and
 * should fire at once.
 */
export function firstDue(schedule: TimerSchedule, now: Date, options?: TimerOptions): Date | null {
  assertInstant(now, 'now');
  const timeZone = resolveTimeZone(options?.timeZone);
  switch (schedule.kind) {
    case 'date': {
      const at = new Date(schedule.at);
      if (Number.isNaN(at.getTime())) {
        throw timerError('an ISO instant as the due date', schedule.at);
      }
      return at;
    }
    case 'duration':
      return new Date(addScaledDuration(now.getTime(), parseIsoDuration(schedule.duration), 1, timeZone));
    case 'cycle':
      return firstRepeatingDue(schedule, now, timeZone);
    case 'cron':
      return schedule.repetitions === 0 ? null : nextCronRun(schedule.pattern, now, timeZone);
    default:
      return unknownSchedule(schedule);
  }
}

/**
 * Due time of the repetition after the one due at `previousDue`, which was the `firedCount`-th firing (1-based);
 * null when the cycle is exhausted (repetitions reached, end passed) or the schedule does not repeat.
 */
export function nextDue(
  schedule: TimerSchedule,
  previousDue: Date,
  firedCount: number,
  options?: TimerOptions,
): Date | null {
  assertInstant(previousDue, 'previousDue');
  if (!Number.isSafeInteger(firedCount) || firedCount < 1) {
    throw new RangeError(`Expected firedCount to be a whole number from 1, but found ${String(firedCount)}`);
  }
  const timeZone = resolveTimeZone(options?.timeZone);
  switch (schedule.kind) {
    case 'date':
    case 'duration':
      return null;
    case 'cycle':
      return nextRepeatingDue(schedule, previousDue, firedCount, timeZone);
    case 'cron':
      if (schedule.repetitions !== null && firedCount >= schedule.repetitions) {
        return null;
      }
      return nextCronRun(schedule.pattern, previousDue, timeZone);
    default:
      return unknownSchedule(schedule);
  }
}
