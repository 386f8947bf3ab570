/** Cron patterns in a timeCycle (Quartz for Camunda 7, Spring for Zeebe): validation and next run times via croner. */
import { Cron, type CronOptions } from 'croner';
import { timerError } from './timer-definition-error.js';

/** Quartz numbers weekdays 1 = SUN … 7 = SAT; Spring (Zeebe) numbers them 0 or 7 = SUN, 1 = MON … 6 = SAT. */
export type CronDialect = 'quartz' | 'spring';

const EXPECTED =
  'a cron pattern with seconds first, such as 0 0 9 * * MON-FRI (Spring, Zeebe) or 0 0 9 ? * MON-FRI (Quartz, Camunda 7)';

/** Spring's macros, written out as 6-field patterns; names rather than numbers keep them dialect-free. */
const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 0 1 JAN *',
  '@annually': '0 0 0 1 JAN *',
  '@monthly': '0 0 0 1 * *',
  '@weekly': '0 0 0 * * SUN',
  '@daily': '0 0 0 * * *',
  '@midnight': '0 0 0 * * *',
  '@hourly': '0 0 * * * *',
};

/** Characters any cron field may hold; ':' in particular would make croner read the text as a date. */
const FIELD_PATTERN = /^[0-9A-Za-z*?,/#+-]+$/;

const DAY_OF_MONTH = 3;
const DAY_OF_WEEK = 5;

/** True when a text is shaped like a cron pattern (5 to 7 fields, or a macro), to reject it where only ISO is allowed. */
export function looksLikeCron(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.startsWith('@')) {
    return true;
  }
  const fields = trimmed.split(/\s+/);
  return fields.length >= 5 && fields.length <= 7 && fields.every((field) => FIELD_PATTERN.test(field));
}

/**
 * Which weekday numbering a pattern uses. Quartz demands '?' in the day-of-month or day-of-week field and is the only
 * dialect with a 7th (year) field; Spring merely tolerates '?'. So '?' or a year means Quartz, anything else Spring.
 * Weekday names (MON-FRI) mean the same in both, which is why they are the safe choice in models.
 */
export function cronDialect(pattern: string): CronDialect {
  const fields = pattern.trim().split(/\s+/);
  const questionMark =
    fields[DAY_OF_MONTH]?.includes('?') === true || fields[DAY_OF_WEEK]?.includes('?') === true;
  return fields.length === 7 || questionMark ? 'quartz' : 'spring';
}

/** Rewrites what croner reads differently from Quartz/Spring, and rejects what it would silently misread. */
function toCronerPattern(pattern: string, fields: string[], dialect: CronDialect): string {
  const dayOfMonth = fields[DAY_OF_MONTH] ?? '';
  // croner drops every 'L' from the field and adds "last day", so "L-3" or "15L" would quietly mean something else.
  if (/L/i.test(dayOfMonth) && !/^LW?$/i.test(dayOfMonth)) {
    throw timerError(
      EXPECTED,
      pattern,
      `'${dayOfMonth}': in day-of-month only L (last day) and LW (last weekday) are supported`,
    );
  }
  // Quartz reads a lone L in day-of-week as 7, i.e. Saturday.
  if (dialect === 'quartz' && /^L$/i.test(fields[DAY_OF_WEEK] ?? '')) {
    return [...fields.slice(0, DAY_OF_WEEK), 'SAT', ...fields.slice(DAY_OF_WEEK + 1)].join(' ');
  }
  return fields.join(' ');
}

function cronerOptions(dialect: CronDialect, timeZone: string): CronOptions {
  return {
    timezone: timeZone,
    mode: '6-or-7-parts',
    // Quartz and Spring require both day fields to match (croner's default is Vixie cron's "either").
    domAndDow: true,
    alternativeWeekdays: dialect === 'quartz',
    // Both dialects accept "0/5" (from 0, every 5), which croner calls sloppy.
    sloppyRanges: true,
  };
}

/** croner's messages describe its own model; these hints translate the common cases into the modeller's terms. */
function withHint(croner: string, dialect: CronDialect): string {
  // croner reports days and months zero-based (and Quartz weekdays shifted by one); show the value as written.
  const reason = croner.replace(
    /Invalid value for (day|month|nearestWeekdays|dayOfWeek): (-?\d+)/,
    (_, field, value) => {
      const shift = field === 'dayOfWeek' ? (dialect === 'quartz' ? 1 : 0) : 1;
      return `Invalid value for ${field === 'nearestWeekdays' ? 'day' : field}: ${Number(value) + shift}`;
    },
  );
  if (/dayOfWeek/.test(reason)) {
    const numbering =
      dialect === 'quartz'
        ? "with '?' or a year field the pattern is read as Quartz, where 1 = SUN … 7 = SAT"
        : "without '?' the pattern is read as Spring, where 0 or 7 = SUN, 1 = MON … 6 = SAT";
    return `${reason}; ${numbering}; names such as MON-FRI work in both`;
  }
  if (/From value is larger than to value/.test(reason)) {
    return `${reason}; ranges cannot wrap around, write them as a list such as SAT,SUN or 22-23,0-2`;
  }
  return reason;
}

interface CompiledCron {
  cron: Cron;
  pattern: string;
}

function compile(text: string, timeZone: string): CompiledCron {
  const trimmed = text.trim();
  const pattern = MACROS[trimmed.toLowerCase()] ?? trimmed.split(/\s+/).join(' ');
  if (trimmed.startsWith('@') && MACROS[trimmed.toLowerCase()] === undefined) {
    throw timerError(EXPECTED, trimmed, `the known macros are ${Object.keys(MACROS).join(', ')}`);
  }
  const fields = pattern.split(' ');
  if (fields.length < 6 || fields.length > 7) {
    throw timerError(
      EXPECTED,
      trimmed,
      `it has ${fields.length} field${fields.length === 1 ? '' : 's'}; 6 are needed, or 7 with a Quartz year`,
    );
  }
  const badField = fields.find((field) => !FIELD_PATTERN.test(field));
  if (badField !== undefined) {
    throw timerError(EXPECTED, trimmed, `'${badField}' is not a cron field`);
  }
  const dialect = cronDialect(pattern);
  const cronerPattern = toCronerPattern(trimmed, fields, dialect);
  try {
    // No callback is passed, so croner only parses: it starts no timer.
    return { cron: new Cron(cronerPattern, cronerOptions(dialect, timeZone)), pattern };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error);
    throw timerError(EXPECTED, trimmed, withHint(reason, dialect));
  }
}

/** Validates a cron pattern and returns it normalised (single spaces, macros written out). */
export function parseCronPattern(text: string, timeZone: string): string {
  return compile(text, timeZone).pattern;
}

/** The first time strictly after `after` (whole seconds) that the pattern matches in `timeZone`, or null if none. */
export function nextCronRun(pattern: string, after: Date, timeZone: string): Date | null {
  return compile(pattern, timeZone).cron.nextRun(after);
}
