import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_TIME_ZONE,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  daysInMonth,
  fromWallClock,
  offsetAt,
  resolveTimeZone,
  toWallClock,
  wallClockAsUtc,
} from './time-zone.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const CPH = 'Europe/Copenhagen';
const ms = (iso: string): number => new Date(iso).getTime();
const wall = (
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
  millisecond,
});

describe('resolveTimeZone', () => {
  it('defaults to Europe/Copenhagen', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/Copenhagen');
    expect(resolveTimeZone(undefined)).toBe('Europe/Copenhagen');
  });

  it('accepts IANA zones and UTC', () => {
    expect(resolveTimeZone('America/New_York')).toBe('America/New_York');
    expect(resolveTimeZone('UTC')).toBe('UTC');
  });

  it('rejects unknown and empty zones with a TimerDefinitionError', () => {
    expect(() => resolveTimeZone('Mars/Olympus_Mons')).toThrow(TimerDefinitionError);
    expect(() => resolveTimeZone('Mars/Olympus_Mons')).toThrow(
      "Expected an IANA time zone such as Europe/Copenhagen or UTC, but found 'Mars/Olympus_Mons'",
    );
    expect(() => resolveTimeZone('')).toThrow('but found an empty text');
  });
});

describe('offsetAt', () => {
  it('gives +1 h in Danish winter and +2 h in Danish summer', () => {
    expect(offsetAt(ms('2026-01-15T12:00:00Z'), CPH)).toBe(MS_PER_HOUR);
    expect(offsetAt(ms('2026-07-15T12:00:00Z'), CPH)).toBe(2 * MS_PER_HOUR);
  });

  it('switches exactly at the transition instant', () => {
    expect(offsetAt(ms('2026-03-29T00:59:59.999Z'), CPH)).toBe(MS_PER_HOUR);
    expect(offsetAt(ms('2026-03-29T01:00:00Z'), CPH)).toBe(2 * MS_PER_HOUR);
  });

  it('handles UTC, negative and half-hour offsets', () => {
    expect(offsetAt(ms('2026-07-15T12:00:00Z'), 'UTC')).toBe(0);
    expect(offsetAt(ms('2026-01-15T12:00:00Z'), 'America/New_York')).toBe(-5 * MS_PER_HOUR);
    expect(offsetAt(ms('2026-01-15T12:00:00Z'), 'Asia/Kolkata')).toBe(5 * MS_PER_HOUR + 30 * MS_PER_MINUTE);
  });
});

describe('toWallClock', () => {
  it('reads the local calendar fields, keeping milliseconds', () => {
    expect(toWallClock(ms('2026-12-31T23:30:15.250Z'), CPH)).toEqual(wall(2027, 1, 1, 0, 30, 15, 250));
  });

  it('shows midnight as hour 0', () => {
    expect(toWallClock(ms('2026-06-30T22:00:00Z'), CPH).hour).toBe(0);
  });
});

describe('fromWallClock', () => {
  it('resolves an ordinary local time', () => {
    expect(fromWallClock(wall(2026, 12, 1, 9), CPH)).toBe(ms('2026-12-01T08:00:00Z'));
    expect(fromWallClock(wall(2026, 6, 1, 9), CPH)).toBe(ms('2026-06-01T07:00:00Z'));
  });

  it('moves a time skipped by the spring DST change forward by the gap (02:30 becomes 03:30)', () => {
    expect(fromWallClock(wall(2026, 3, 29, 2, 30), CPH)).toBe(ms('2026-03-29T01:30:00Z'));
  });

  it('takes the earlier of two instants for a time repeated in autumn', () => {
    expect(fromWallClock(wall(2026, 10, 25, 2, 30), CPH)).toBe(ms('2026-10-25T00:30:00Z'));
  });

  it('takes the preferred offset for a repeated time when it is one of the two', () => {
    expect(fromWallClock(wall(2026, 10, 25, 2, 30), CPH, MS_PER_HOUR)).toBe(ms('2026-10-25T01:30:00Z'));
    expect(fromWallClock(wall(2026, 10, 25, 2, 30), CPH, 5 * MS_PER_HOUR)).toBe(ms('2026-10-25T00:30:00Z'));
  });

  it('normalises overflowing fields', () => {
    expect(fromWallClock(wall(2026, 1, 32, 9), CPH)).toBe(ms('2026-02-01T08:00:00Z'));
  });
});

describe('wallClockAsUtc', () => {
  it('treats years below 100 literally instead of as 19xx', () => {
    expect(new Date(wallClockAsUtc(wall(50, 3, 1))).getUTCFullYear()).toBe(50);
    expect(new Date(wallClockAsUtc(wall(2026, 3, 1))).toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
});

describe('daysInMonth', () => {
  it('knows month lengths and Gregorian leap years', () => {
    expect(daysInMonth(2026, 1)).toBe(31);
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});
