import { describe, expect, it } from '@jest/globals';
import {
  firstRepeatingDue,
  looksLikeRepeatingInterval,
  nextRepeatingDue,
  parseRepeatingInterval,
} from './timer-cycle.js';
import { TimerDefinitionError } from './timer-definition-error.js';
import type { IsoCycleSchedule } from './timer-schedule.js';

const CPH = 'Europe/Copenhagen';
const at = (iso: string): Date => new Date(iso);
const EXPECTED =
  'Expected a repeating interval such as R3/PT1H, R/PT10M, R5/2026-12-01T08:00:00Z/P1D or R2/PT1H/2026-12-31T00:00:00Z, but found';

/** All due times of a cycle activated at `now`, stopping after `limit` for unbounded ones. */
function dueTimes(schedule: IsoCycleSchedule, now: string, limit = 10): (string | null)[] {
  const result: (string | null)[] = [];
  let due = firstRepeatingDue(schedule, at(now), CPH);
  result.push(due?.toISOString() ?? null);
  for (let fired = 1; due !== null && fired < limit; fired++) {
    due = nextRepeatingDue(schedule, due, fired, CPH);
    result.push(due?.toISOString() ?? null);
  }
  return result;
}

describe('parseRepeatingInterval', () => {
  it('reads a count and an interval', () => {
    expect(parseRepeatingInterval('R3/PT1H', CPH)).toEqual({
      kind: 'cycle',
      repetitions: 3,
      interval: 'PT1H',
    });
  });

  it('reads R without a count as unbounded', () => {
    expect(parseRepeatingInterval('R/PT10M', CPH)).toEqual({
      kind: 'cycle',
      repetitions: null,
      interval: 'PT10M',
    });
  });

  it('reads R0 as never firing', () => {
    expect(parseRepeatingInterval('R0/PT1H', CPH)).toEqual({
      kind: 'cycle',
      repetitions: 0,
      interval: 'PT1H',
    });
  });

  it('reads a start before the interval', () => {
    expect(parseRepeatingInterval('R5/2026-12-01T08:00:00Z/P1D', CPH)).toEqual({
      kind: 'cycle',
      repetitions: 5,
      start: '2026-12-01T08:00:00.000Z',
      interval: 'P1D',
    });
  });

  it('reads an end after the interval', () => {
    expect(parseRepeatingInterval('R2/PT1H/2026-12-31T00:00:00Z', CPH)).toEqual({
      kind: 'cycle',
      repetitions: 2,
      interval: 'PT1H',
      end: '2026-12-31T00:00:00.000Z',
    });
  });

  it('reads dates without an offset in the time zone', () => {
    expect(parseRepeatingInterval('R/2026-12-01T09:00/P1D', CPH).start).toBe('2026-12-01T08:00:00.000Z');
    expect(parseRepeatingInterval('R/2026-12-01T09:00/P1D', 'UTC').start).toBe('2026-12-01T09:00:00.000Z');
    expect(parseRepeatingInterval('R/PT1H/2026-12-31', CPH).end).toBe('2026-12-30T23:00:00.000Z');
  });

  it('normalises case and the interval', () => {
    expect(parseRepeatingInterval('r3/pt60m', CPH)).toEqual({
      kind: 'cycle',
      repetitions: 3,
      interval: 'PT60M',
    });
    expect(parseRepeatingInterval('R3/P0DT1H', CPH).interval).toBe('PT1H');
  });

  it.each([
    ['R3', 'it must start with R or Rn (n ≥ 0 firings) followed by /'],
    ['R-1/PT1H', 'it must start with R or Rn (n ≥ 0 firings) followed by /'],
    ['Rx/PT1H', 'it must start with R or Rn (n ≥ 0 firings) followed by /'],
    ['R3/PT0S', 'the interval must be at least one millisecond long'],
    ['R3/PT0.0001S', 'the interval must be at least one millisecond long'],
    [
      'R3/2026-12-01T00:00:00Z/2026-12-31T00:00:00Z',
      'a start and an end without an interval is not supported; give start/interval',
    ],
    ['R3/PT1H/PT2H', 'after Rn there may be one duration and at most one date'],
    ['R3/PT1H/2026-12-31/P1D', 'it has 4 parts separated by /, at most 3 are allowed'],
    [
      'R99999999999999999999/PT1H',
      '99999999999999999999 repetitions are too many; leave the number out for unbounded',
    ],
  ])('rejects %s because %s', (text, reason) => {
    expect(() => parseRepeatingInterval(text, CPH)).toThrow(
      new TimerDefinitionError(`${EXPECTED} '${text}' (${reason})`),
    );
  });

  it('names the whole cycle when its interval is not a duration', () => {
    expect(() => parseRepeatingInterval('R3/PT1X', CPH)).toThrow(
      new TimerDefinitionError(
        "Expected an ISO 8601 duration such as PT1H or P2D, but found 'PT1X' in the timeCycle 'R3/PT1X'",
      ),
    );
    expect(() => parseRepeatingInterval('R3/', CPH)).toThrow(
      "but found an empty text in the timeCycle 'R3/'",
    );
    expect(() => parseRepeatingInterval('R3/-PT1H', CPH)).toThrow('negative durations are not allowed');
  });

  it('names the whole cycle when its start or end is not a date', () => {
    expect(() => parseRepeatingInterval('R3/2026-02-30T00:00:00Z/P1D', CPH)).toThrow(
      "(February 2026 has no day 30) in the timeCycle 'R3/2026-02-30T00:00:00Z/P1D'",
    );
    expect(() => parseRepeatingInterval('R3/PT1H/2026-12-31Tnoon', CPH)).toThrow(TimerDefinitionError);
  });
});

describe('looksLikeRepeatingInterval', () => {
  it('recognises R followed by a count, a slash or nothing', () => {
    expect(looksLikeRepeatingInterval('R3/PT1H')).toBe(true);
    expect(looksLikeRepeatingInterval('R/PT1H')).toBe(true);
    expect(looksLikeRepeatingInterval('r3')).toBe(true);
    expect(looksLikeRepeatingInterval('PT1H')).toBe(false);
    expect(looksLikeRepeatingInterval('0 0 9 * * MON-FRI')).toBe(false);
  });
});

describe('due times of a repeating interval', () => {
  it('fires R3/PT1H three times, the first one interval after activation', () => {
    const schedule = parseRepeatingInterval('R3/PT1H', CPH);
    expect(dueTimes(schedule, '2026-12-01T10:00:00Z')).toEqual([
      '2026-12-01T11:00:00.000Z',
      '2026-12-01T12:00:00.000Z',
      '2026-12-01T13:00:00.000Z',
      null,
    ]);
  });

  it('counts firings, not the time of the previous one', () => {
    const schedule = parseRepeatingInterval('R3/PT1H', CPH);
    expect(nextRepeatingDue(schedule, at('2026-12-01T11:00:00Z'), 1, CPH)?.toISOString()).toBe(
      '2026-12-01T12:00:00.000Z',
    );
    expect(nextRepeatingDue(schedule, at('2026-12-01T13:00:00Z'), 3, CPH)).toBeNull();
    expect(nextRepeatingDue(schedule, at('2026-12-01T13:00:00Z'), 4, CPH)).toBeNull();
  });

  it('never fires R0', () => {
    expect(
      firstRepeatingDue(parseRepeatingInterval('R0/PT1H', CPH), at('2026-12-01T10:00:00Z'), CPH),
    ).toBeNull();
    expect(
      firstRepeatingDue(
        parseRepeatingInterval('R0/2026-12-01T08:00:00Z/P1D', CPH),
        at('2026-12-01T10:00:00Z'),
        CPH,
      ),
    ).toBeNull();
  });

  it('fires R1 once', () => {
    expect(dueTimes(parseRepeatingInterval('R1/PT5M', CPH), '2026-12-01T10:00:00Z')).toEqual([
      '2026-12-01T10:05:00.000Z',
      null,
    ]);
  });

  it('keeps firing an unbounded cycle', () => {
    const schedule = parseRepeatingInterval('R/PT10M', CPH);
    expect(dueTimes(schedule, '2026-12-01T10:00:00Z', 3)).toEqual([
      '2026-12-01T10:10:00.000Z',
      '2026-12-01T10:20:00.000Z',
      '2026-12-01T10:30:00.000Z',
    ]);
    expect(nextRepeatingDue(schedule, at('2026-12-01T10:00:00Z'), 1_000_000, CPH)?.toISOString()).toBe(
      '2026-12-01T10:10:00.000Z',
    );
  });

  it('fires a cycle with a start at the start, then every interval', () => {
    const schedule = parseRepeatingInterval('R5/2026-12-01T08:00:00Z/P1D', CPH);
    expect(dueTimes(schedule, '2026-11-15T12:00:00Z')).toEqual([
      '2026-12-01T08:00:00.000Z',
      '2026-12-02T08:00:00.000Z',
      '2026-12-03T08:00:00.000Z',
      '2026-12-04T08:00:00.000Z',
      '2026-12-05T08:00:00.000Z',
      null,
    ]);
  });

  it('returns a start that has passed, so the overdue timer fires at once and counts', () => {
    const schedule = parseRepeatingInterval('R2/2026-12-01T08:00:00Z/P1D', CPH);
    expect(dueTimes(schedule, '2026-12-10T12:00:00Z')).toEqual([
      '2026-12-01T08:00:00.000Z',
      '2026-12-02T08:00:00.000Z',
      null,
    ]);
  });

  it('keeps the wall-clock time of a daily cycle across DST', () => {
    const schedule = parseRepeatingInterval('R3/2026-03-27T09:00:00/P1D', CPH);
    expect(dueTimes(schedule, '2026-03-01T00:00:00Z')).toEqual([
      '2026-03-27T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      null,
    ]);
  });

  it('counts a monthly cycle from its start, so month ends do not drift', () => {
    const schedule = parseRepeatingInterval('R/2026-01-31T09:00:00/P1M', CPH);
    expect(dueTimes(schedule, '2026-01-01T00:00:00Z', 4)).toEqual([
      '2026-01-31T08:00:00.000Z',
      '2026-02-28T08:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-04-30T07:00:00.000Z',
    ]);
  });

  it('counts a monthly cycle without a start from the previous due time (the only anchor it has)', () => {
    const schedule = parseRepeatingInterval('R3/P1M', CPH);
    expect(dueTimes(schedule, '2025-12-31T08:00:00Z')).toEqual([
      '2026-01-31T08:00:00.000Z',
      '2026-02-28T08:00:00.000Z',
      '2026-03-28T08:00:00.000Z',
      null,
    ]);
  });

  it('stops a cycle at its end, which is inclusive', () => {
    const schedule = parseRepeatingInterval('R/PT1H/2026-12-01T12:00:00Z', CPH);
    expect(dueTimes(schedule, '2026-12-01T10:00:00Z')).toEqual([
      '2026-12-01T11:00:00.000Z',
      '2026-12-01T12:00:00.000Z',
      null,
    ]);
  });

  it('stops at the count when it comes before the end', () => {
    const schedule = parseRepeatingInterval('R2/PT1H/2026-12-31T00:00:00Z', CPH);
    expect(dueTimes(schedule, '2026-12-01T10:00:00Z')).toEqual([
      '2026-12-01T11:00:00.000Z',
      '2026-12-01T12:00:00.000Z',
      null,
    ]);
  });

  it('never fires a cycle whose end is past', () => {
    const schedule = parseRepeatingInterval('R2/PT1H/2026-12-31T00:00:00Z', CPH);
    expect(firstRepeatingDue(schedule, at('2026-12-30T23:30:00Z'), CPH)).toBeNull();
    expect(firstRepeatingDue(schedule, at('2027-01-01T00:00:00Z'), CPH)).toBeNull();
  });

  it('honours both a start and an end in a schedule built by hand', () => {
    const schedule: IsoCycleSchedule = {
      kind: 'cycle',
      repetitions: null,
      start: '2026-12-01T08:00:00.000Z',
      end: '2026-12-03T08:00:00.000Z',
      interval: 'P1D',
    };
    expect(dueTimes(schedule, '2026-11-01T00:00:00Z')).toEqual([
      '2026-12-01T08:00:00.000Z',
      '2026-12-02T08:00:00.000Z',
      '2026-12-03T08:00:00.000Z',
      null,
    ]);
  });

  it('rejects a corrupt stored schedule', () => {
    const schedule: IsoCycleSchedule = {
      kind: 'cycle',
      repetitions: 3,
      start: 'yesterday',
      interval: 'PT1H',
    };
    expect(() => firstRepeatingDue(schedule, at('2026-12-01T10:00:00Z'), CPH)).toThrow(
      "Expected an ISO instant as the cycle's start, but found 'yesterday'",
    );
    expect(() =>
      firstRepeatingDue(
        { kind: 'cycle', repetitions: 3, interval: 'hourly' },
        at('2026-12-01T10:00:00Z'),
        CPH,
      ),
    ).toThrow(TimerDefinitionError);
  });
});
