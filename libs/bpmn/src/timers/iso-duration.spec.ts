import { describe, expect, it } from '@jest/globals';
import { addDuration, formatIsoDuration, normaliseIsoDuration, parseIsoDuration } from './iso-duration.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const CPH = { timeZone: 'Europe/Copenhagen' };
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();
const HOUR = 3_600_000;

describe('parseIsoDuration', () => {
  it('reads every component', () => {
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
      nanoseconds: 500_000_000,
    });
  });

  it('tells months (before T) from minutes (after T)', () => {
    expect(parseIsoDuration('P1M')).toMatchObject({ months: 1, minutes: 0 });
    expect(parseIsoDuration('PT1M')).toMatchObject({ months: 0, minutes: 1 });
  });

  it('accepts weeks, fractional seconds with . or , and nanosecond precision', () => {
    expect(parseIsoDuration('P2W')).toMatchObject({ weeks: 2 });
    expect(parseIsoDuration('PT0.5S')).toMatchObject({ seconds: 0, nanoseconds: 500_000_000 });
    expect(parseIsoDuration('PT0,25S')).toMatchObject({ nanoseconds: 250_000_000 });
    expect(parseIsoDuration('PT1.000000001S')).toMatchObject({ seconds: 1, nanoseconds: 1 });
  });

  it('is case-insensitive and ignores surrounding blanks', () => {
    expect(parseIsoDuration(' pt1h ')).toMatchObject({ hours: 1 });
  });

  it('says what was expected and what was found', () => {
    expect(() => parseIsoDuration('PT1X')).toThrow(TimerDefinitionError);
    expect(() => parseIsoDuration('PT1X')).toThrow(
      new TimerDefinitionError("Expected an ISO 8601 duration such as PT1H or P2D, but found 'PT1X'"),
    );
  });

  it.each([
    ['-PT1H', 'negative durations are not allowed'],
    ['PT-1H', 'negative durations are not allowed'],
    ['P', 'a duration needs at least one number with a unit'],
    ['PT', 'a duration needs at least one number with a unit'],
    ['P1DT', 'a duration needs at least one number with a unit'],
    ['PT1.5H', 'only seconds may have a fraction, e.g. PT0.5S'],
    ['P0.5D', 'only seconds may have a fraction, e.g. PT0.5S'],
    ['PT0.1234567891S', 'at most 9 decimals are allowed in seconds'],
    ['PT99999999999999999999S', '99999999999999999999 is too large'],
  ])('rejects %s because %s', (text, reason) => {
    expect(() => parseIsoDuration(text)).toThrow(
      `Expected an ISO 8601 duration such as PT1H or P2D, but found '${text}' (${reason})`,
    );
  });

  it.each(['', '1H', 'P1H', 'PT1D', 'P1D2Y', 'PT1S1M', 'P 1D', 'PT1HR', 'R3/PT1H', '2026-12-01'])(
    'rejects %j',
    (text) => {
      expect(() => parseIsoDuration(text)).toThrow(TimerDefinitionError);
    },
  );

  it('names a missing text instead of quoting it', () => {
    expect(() => parseIsoDuration('')).toThrow('but found an empty text');
    expect(() => parseIsoDuration(42 as unknown as string)).toThrow('but found a value of type number');
  });
});

describe('formatIsoDuration / normaliseIsoDuration', () => {
  it.each([
    ['pt1h', 'PT1H'],
    ['P0DT1H', 'PT1H'],
    ['P007D', 'P7D'],
    ['PT0,50S', 'PT0.5S'],
    ['PT0S', 'PT0S'],
    ['P0D', 'PT0S'],
    ['P2W', 'P2W'],
    ['PT90M', 'PT90M'],
    ['P1Y2M3W4DT5H6M7.125S', 'P1Y2M3W4DT5H6M7.125S'],
    ['PT0.000000001S', 'PT0.000000001S'],
  ])('normalises %s to %s', (text, normal) => {
    expect(normaliseIsoDuration(text)).toBe(normal);
    expect(formatIsoDuration(parseIsoDuration(normal))).toBe(normal);
  });
});

describe('addDuration', () => {
  it('adds hours, minutes and seconds exactly', () => {
    expect(iso(addDuration(at('2026-12-01T08:00:00Z'), 'PT1H30M15S', CPH))).toBe('2026-12-01T09:30:15.000Z');
    expect(iso(addDuration(at('2026-12-01T08:00:00Z'), 'PT0.5S', CPH))).toBe('2026-12-01T08:00:00.500Z');
  });

  it('drops sub-millisecond fractions, which a Date cannot hold', () => {
    expect(iso(addDuration(at('2026-12-01T08:00:00Z'), 'PT0.0009S', CPH))).toBe('2026-12-01T08:00:00.000Z');
  });

  it('keeps the wall-clock time for P1D across the spring DST change (23 hours later)', () => {
    // 2026-03-28T09:00 in Copenhagen is 08:00Z (CET); the next day 09:00 is 07:00Z (CEST).
    const start = at('2026-03-28T08:00:00Z');
    const next = addDuration(start, 'P1D', CPH);
    expect(iso(next)).toBe('2026-03-29T07:00:00.000Z');
    expect(next.getTime() - start.getTime()).toBe(23 * HOUR);
  });

  it('keeps the wall-clock time for P1D across the autumn DST change (25 hours later)', () => {
    const start = at('2026-10-24T07:00:00Z');
    const next = addDuration(start, 'P1D', CPH);
    expect(iso(next)).toBe('2026-10-25T08:00:00.000Z');
    expect(next.getTime() - start.getTime()).toBe(25 * HOUR);
  });

  it('treats PT24H as exactly 24 hours, even across DST', () => {
    expect(iso(addDuration(at('2026-03-28T08:00:00Z'), 'PT24H', CPH))).toBe('2026-03-29T08:00:00.000Z');
  });

  it('is exactly 24 hours per day in UTC', () => {
    expect(iso(addDuration(at('2026-03-28T08:00:00Z'), 'P1D', { timeZone: 'UTC' }))).toBe(
      '2026-03-29T08:00:00.000Z',
    );
  });

  it('clamps P1M from 31 January to the end of February', () => {
    expect(iso(addDuration(at('2026-01-31T08:00:00Z'), 'P1M', CPH))).toBe('2026-02-28T08:00:00.000Z');
    expect(iso(addDuration(at('2028-01-31T08:00:00Z'), 'P1M', CPH))).toBe('2028-02-29T08:00:00.000Z');
  });

  it('clamps other month ends and leap days', () => {
    expect(iso(addDuration(at('2026-03-31T07:00:00Z'), 'P1M', CPH))).toBe('2026-04-30T07:00:00.000Z');
    expect(iso(addDuration(at('2028-02-29T08:00:00Z'), 'P1Y', CPH))).toBe('2029-02-28T08:00:00.000Z');
    expect(iso(addDuration(at('2026-11-30T08:00:00Z'), 'P3M', CPH))).toBe('2027-02-28T08:00:00.000Z');
  });

  it('clamps the month before adding days, like java.time (P1M1D from 31 January is 1 March)', () => {
    expect(iso(addDuration(at('2026-01-31T08:00:00Z'), 'P1M1D', CPH))).toBe('2026-03-01T08:00:00.000Z');
  });

  it('adds the calendar part in local time, then the exact part', () => {
    // P1DT1H from 09:00 on the day before the spring change: 09:00 the next day, then one hour more.
    expect(iso(addDuration(at('2026-03-28T08:00:00Z'), 'P1DT1H', CPH))).toBe('2026-03-29T08:00:00.000Z');
  });

  it('counts months on the local calendar, which can differ from the UTC date', () => {
    // 2026-03-01T00:30 in Copenhagen is still 28 February in UTC.
    const start = at('2026-02-28T23:30:00Z');
    expect(iso(addDuration(start, 'P1M', CPH))).toBe('2026-03-31T22:30:00.000Z');
    expect(iso(addDuration(start, 'P1M', { timeZone: 'UTC' }))).toBe('2026-03-28T23:30:00.000Z');
  });

  it('adds weeks as 7 calendar days', () => {
    expect(iso(addDuration(at('2026-03-22T08:00:00Z'), 'P2W', CPH))).toBe('2026-04-05T07:00:00.000Z');
  });

  it('moves a result that falls into the spring gap forward by the gap', () => {
    // 02:30 on 28 March + P1D is 02:30 on 29 March, which does not exist: 03:30 CEST.
    expect(iso(addDuration(at('2026-03-28T01:30:00Z'), 'P1D', CPH))).toBe('2026-03-29T01:30:00.000Z');
  });

  it('keeps the old offset when the result is a repeated autumn time', () => {
    // 26 Oct 2025 and 25 Oct 2026 are both autumn change days, 52 weeks apart.
    expect(iso(addDuration(at('2025-10-26T00:30:00Z'), 'P52W', CPH))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(addDuration(at('2025-10-26T01:30:00Z'), 'P52W', CPH))).toBe('2026-10-25T01:30:00.000Z');
  });

  it('uses Europe/Copenhagen when no zone is given', () => {
    expect(iso(addDuration(at('2026-03-28T08:00:00Z'), 'P1D'))).toBe('2026-03-29T07:00:00.000Z');
  });

  it('does not change the instant it is given', () => {
    const start = at('2026-03-28T08:00:00Z');
    addDuration(start, 'P1D', CPH);
    expect(iso(start)).toBe('2026-03-28T08:00:00.000Z');
  });

  it('returns the same instant for a zero duration', () => {
    expect(iso(addDuration(at('2026-03-28T08:00:00Z'), 'PT0S', CPH))).toBe('2026-03-28T08:00:00.000Z');
  });

  it('rejects bad durations, zones and instants', () => {
    expect(() => addDuration(at('2026-03-28T08:00:00Z'), 'P1X', CPH)).toThrow(TimerDefinitionError);
    expect(() => addDuration(at('2026-03-28T08:00:00Z'), 'P1D', { timeZone: 'Nowhere/Town' })).toThrow(
      TimerDefinitionError,
    );
    expect(() => addDuration(new Date(Number.NaN), 'P1D', CPH)).toThrow(RangeError);
  });

  it('rejects a result a Date cannot hold', () => {
    expect(() => addDuration(at('2026-03-28T08:00:00Z'), 'P300000Y', CPH)).toThrow(
      "Expected a duration that ends at a date JavaScript can represent, but found 'P300000Y'",
    );
    expect(() => addDuration(at('2026-03-28T08:00:00Z'), 'PT9000000000000H', CPH)).toThrow(
      TimerDefinitionError,
    );
  });
});
