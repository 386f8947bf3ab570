import { parseIsoDateTime } from '../../timers/iso-date.js';
import { addDuration } from '../../timers/iso-duration.js';
import { quoteFound, TimerDefinitionError } from '../../timers/timer-definition-error.js';

/** A due or follow-up date as the task carries it (an ISO instant), none, or why the value is not a date. */
export type TaskDate = { ok: true; at: string | undefined } | { ok: false; message: string };

const EXPECTED = 'an ISO 8601 date-time such as 2026-02-01T12:00:00+01:00 or a duration from now such as P2D';

/**
 * Reads the value a user task's `dueDate`/`followUpDate` expression gave, when the task is created:
 * - an ISO 8601 date-time — with Z or an offset, a `[Zone]`/FEEL `@Zone` suffix, or local time in the engine's
 *   zone; a plain date is midnight there (a Date variable is such a text, and so is a FEEL date-time);
 * - an ISO 8601 duration (`P2D`, `PT4H`), counted from the task's creation: Camunda 7 reads a due date that way
 *   ("a time period relative to the time the task is created"); Camunda 8 would refuse it, we are lenient;
 * - null, undefined or an empty text: no date.
 * Anything else is a failure that says what was expected and what was found.
 */
export function taskDateOf(value: unknown, now: Date, timeZone: string): TaskDate {
  if (value === undefined || value === null) return { ok: true, at: undefined };
  if (value instanceof Date && Number.isFinite(value.getTime())) return { ok: true, at: value.toISOString() };
  if (typeof value !== 'string') {
    return { ok: false, message: `expected ${EXPECTED}, but found ${quoteFound(value)}` };
  }
  const text = value.trim();
  if (text === '') return { ok: true, at: undefined };
  try {
    if (/^P/i.test(text)) return { ok: true, at: addDuration(now, text, { timeZone }).toISOString() };
    // FEEL writes a zoned date-time as `…@Europe/Copenhagen`; java.time (and the timer parser) as `…[Europe/Copenhagen]`.
    const zoned = text.replace(/@([A-Za-z][\w+-]*(?:\/[\w+-]+)*)$/, '[$1]');
    return { ok: true, at: parseIsoDateTime(zoned, timeZone).toISOString() };
  } catch (error) {
    if (!(error instanceof TimerDefinitionError)) throw error;
    return { ok: false, message: `expected ${EXPECTED}, but found ${quoteFound(text)}` };
  }
}
