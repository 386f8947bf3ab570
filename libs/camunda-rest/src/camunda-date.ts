/**
 * Camunda 7's REST date format, `yyyy-MM-dd'T'HH:mm:ss.SSSZ`. Dates go out in UTC (`2026-01-05T08:00:00.000+0000`);
 * dates coming in may carry any offset, written `+0200`, `+02:00` or `Z`.
 */
export const CAMUNDA_DATE_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZ";

/** A date as Camunda writes it, in UTC; `null` for no date (or one PostgreSQL keeps as `infinity`). */
export function formatCamundaDate(value: Date | string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (!Number.isFinite(date.getTime())) return null;
  return date.toISOString().replace(/Z$/, '+0000');
}

const CAMUNDA_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Reads a date in Camunda's format (milliseconds optional, offset required); `undefined` when the text is not one,
 * or names a day or time that does not exist (`2026-02-30`).
 */
export function parseCamundaDate(text: string): Date | undefined {
  const match = CAMUNDA_DATE.exec(text.trim());
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second, millis = '0', offset] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const local = Date.UTC(
    fields[0],
    fields[1] - 1,
    fields[2],
    fields[3],
    fields[4],
    fields[5],
    Number(millis.padEnd(3, '0')),
  );
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== fields[0] ||
    check.getUTCMonth() !== fields[1] - 1 ||
    check.getUTCDate() !== fields[2] ||
    check.getUTCHours() !== fields[3] ||
    check.getUTCMinutes() !== fields[4] ||
    check.getUTCSeconds() !== fields[5]
  ) {
    return undefined;
  }
  return new Date(local - offsetMinutes(offset as string) * 60_000);
}

function offsetMinutes(offset: string): number {
  if (offset === 'Z') return 0;
  const digits = offset.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}
