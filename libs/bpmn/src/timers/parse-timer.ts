/** parseTimer: turns the (already evaluated) text of a timeDate, timeDuration or timeCycle into a TimerSchedule. */
import { looksLikeCron, parseCronPattern } from './cron-cycle.js';
import { parseIsoDateTime } from './iso-date.js';
import { normaliseIsoDuration } from './iso-duration.js';
import { resolveTimeZone } from './time-zone.js';
import { looksLikeRepeatingInterval, parseRepeatingInterval } from './timer-cycle.js';
import { timerError } from './timer-definition-error.js';
import type { TimerKind, TimerOptions, TimerSchedule } from './timer-schedule.js';

const ONLY_IN_CYCLE = 'cron patterns are only allowed in a timeCycle';

/**
 * Parses the text of a timeDate / timeDuration / timeCycle. Throws TimerDefinitionError.
 * `timeZone` (IANA, default Europe/Copenhagen) applies to dates without an offset; cron patterns are stored as
 * written (blanks collapsed, macros such as @daily written out) and take the zone when due times are computed, so
 * pass the same zone to firstDue/nextDue. A timeCycle is either R[n]/… or a cron pattern of 6 fields, or 7 with a
 * Quartz year (accepted); cron cycles repeat unbounded. A cycle without R (plain PT1H) is rejected, not guessed at.
 */
export function parseTimer(kind: TimerKind, text: string, options?: TimerOptions): TimerSchedule {
  const timeZone = resolveTimeZone(options?.timeZone);
  if (typeof text !== 'string' || text.trim() === '') {
    throw timerError(`the text of a ${kind} timer`, text);
  }
  const trimmed = text.trim();
  switch (kind) {
    case 'date':
      if (looksLikeCron(trimmed)) {
        throw timerError('an ISO 8601 date-time such as 2026-12-01T09:00:00Z', trimmed, ONLY_IN_CYCLE);
      }
      return { kind: 'date', at: parseIsoDateTime(trimmed, timeZone).toISOString() };
    case 'duration':
      if (looksLikeCron(trimmed)) {
        throw timerError('an ISO 8601 duration such as PT1H or P2D', trimmed, ONLY_IN_CYCLE);
      }
      return { kind: 'duration', duration: normaliseIsoDuration(trimmed) };
    case 'cycle':
      if (looksLikeRepeatingInterval(trimmed)) {
        return parseRepeatingInterval(trimmed, timeZone);
      }
      if (trimmed.startsWith('@') || /\s/.test(trimmed)) {
        // Cron cycles repeat until the process stops them, as in Camunda and Zeebe.
        return { kind: 'cron', pattern: parseCronPattern(trimmed, timeZone), repetitions: null };
      }
      throw timerError(
        'a repeating interval such as R3/PT1H or R/PT10M, or a cron pattern such as 0 0 9 * * MON-FRI',
        trimmed,
        trimmed.toUpperCase().startsWith('P')
          ? 'a timeCycle needs R before the duration, e.g. R/PT1H'
          : undefined,
      );
    default:
      throw timerError("a timer kind of 'date', 'duration' or 'cycle'", kind);
  }
}
