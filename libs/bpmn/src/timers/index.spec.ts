import { describe, expect, it } from '@jest/globals';
import {
  TimerDefinitionError,
  addDuration,
  firstDue,
  nextDue,
  parseTimer,
  type TimerSchedule,
} from './index.js';

const CPH = { timeZone: 'Europe/Copenhagen' };
const at = (iso: string): Date => new Date(iso);
const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

describe('parseTimer', () => {
  it('parses a timeDate into a UTC instant', () => {
    expect(parseTimer('date', '2026-12-01T09:00:00+01:00')).toEqual({
      kind: 'date',
      at: '2026-12-01T08:00:00.000Z',
    });
    expect(parseTimer('date', '2026-12-01T09:00:00')).toEqual({
      kind: 'date',
      at: '2026-12-01T08:00:00.000Z',
    });
    expect(parseTimer('date', '2026-12-01T09:00:00', { timeZone: 'UTC' })).toEqual({
      kind: 'date',
      at: '2026-12-01T09:00:00.000Z',
    });
    expect(parseTimer('date', '2026-12-01')).toEqual({ kind: 'date', at: '2026-11-30T23:00:00.000Z' });
  });

  it('parses a timeDuration into a normalised duration', () => {
    expect(parseTimer('duration', 'PT1H')).toEqual({ kind: 'duration', duration: 'PT1H' });
    expect(parseTimer('duration', ' p2w ')).toEqual({ kind: 'duration', duration: 'P2W' });
    expect(parseTimer('duration', 'PT0,5S')).toEqual({ kind: 'duration', duration: 'PT0.5S' });
  });

  it('parses a timeCycle given as a repeating interval', () => {
    expect(parseTimer('cycle', 'R3/PT1H')).toEqual({ kind: 'cycle', repetitions: 3, interval: 'PT1H' });
    expect(parseTimer('cycle', 'R/PT10M')).toEqual({ kind: 'cycle', repetitions: null, interval: 'PT10M' });
    expect(parseTimer('cycle', 'R5/2026-12-01T08:00:00Z/P1D')).toEqual({
      kind: 'cycle',
      repetitions: 5,
      start: '2026-12-01T08:00:00.000Z',
      interval: 'P1D',
    });
    expect(parseTimer('cycle', 'R2/PT1H/2026-12-31T00:00:00Z')).toEqual({
      kind: 'cycle',
      repetitions: 2,
      interval: 'PT1H',
      end: '2026-12-31T00:00:00.000Z',
    });
  });

  it('parses a timeCycle given as a Quartz or Spring cron pattern, repeating unbounded', () => {
    expect(parseTimer('cycle', '0 0 9 ? * MON-FRI')).toEqual({
      kind: 'cron',
      pattern: '0 0 9 ? * MON-FRI',
      repetitions: null,
    });
    expect(parseTimer('cycle', '0 0 9 * * MON-FRI')).toEqual({
      kind: 'cron',
      pattern: '0 0 9 * * MON-FRI',
      repetitions: null,
    });
    expect(parseTimer('cycle', '0 0 12 ? * MON 2027')).toMatchObject({
      kind: 'cron',
      pattern: '0 0 12 ? * MON 2027',
    });
    expect(parseTimer('cycle', '@hourly')).toEqual({
      kind: 'cron',
      pattern: '0 0 * * * *',
      repetitions: null,
    });
  });

  it('rejects a cron pattern in a timeDate or timeDuration', () => {
    expect(() => parseTimer('date', '0 0 9 * * MON-FRI')).toThrow(
      new TimerDefinitionError(
        "Expected an ISO 8601 date-time such as 2026-12-01T09:00:00Z, but found '0 0 9 * * MON-FRI' (cron patterns are only allowed in a timeCycle)",
      ),
    );
    expect(() => parseTimer('duration', '0 0/5 * * * ?')).toThrow(
      new TimerDefinitionError(
        "Expected an ISO 8601 duration such as PT1H or P2D, but found '0 0/5 * * * ?' (cron patterns are only allowed in a timeCycle)",
      ),
    );
    expect(() => parseTimer('duration', '@daily')).toThrow('cron patterns are only allowed in a timeCycle');
  });

  it('rejects a timeCycle that is neither a repeating interval nor a cron pattern', () => {
    expect(() => parseTimer('cycle', 'PT1H')).toThrow(
      new TimerDefinitionError(
        "Expected a repeating interval such as R3/PT1H or R/PT10M, or a cron pattern such as 0 0 9 * * MON-FRI, but found 'PT1H' (a timeCycle needs R before the duration, e.g. R/PT1H)",
      ),
    );
    expect(() => parseTimer('cycle', 'hourly')).toThrow(
      "Expected a repeating interval such as R3/PT1H or R/PT10M, or a cron pattern such as 0 0 9 * * MON-FRI, but found 'hourly'",
    );
    expect(() => parseTimer('cycle', '0 9 * * 1')).toThrow('it has 5 fields');
  });

  it('rejects garbage in each kind with a TimerDefinitionError', () => {
    expect(() => parseTimer('date', 'next tuesday')).toThrow(TimerDefinitionError);
    expect(() => parseTimer('duration', 'PT1X')).toThrow(
      "Expected an ISO 8601 duration such as PT1H or P2D, but found 'PT1X'",
    );
    expect(() => parseTimer('cycle', 'R3/PT1X')).toThrow(TimerDefinitionError);
  });

  it('rejects an empty or missing text', () => {
    expect(() => parseTimer('duration', '  ')).toThrow(
      new TimerDefinitionError('Expected the text of a duration timer, but found an empty text'),
    );
    expect(() => parseTimer('date', null as unknown as string)).toThrow(
      new TimerDefinitionError('Expected the text of a date timer, but found null'),
    );
  });

  it('rejects an unknown kind and an unknown time zone', () => {
    expect(() => parseTimer('weekly' as never, 'PT1H')).toThrow(
      "Expected a timer kind of 'date', 'duration' or 'cycle', but found 'weekly'",
    );
    expect(() => parseTimer('duration', 'PT1H', { timeZone: 'Europe/Kbh' })).toThrow(
      "Expected an IANA time zone such as Europe/Copenhagen or UTC, but found 'Europe/Kbh'",
    );
  });

  it('cuts very long texts in messages', () => {
    const error = (() => {
      try {
        parseTimer('duration', `P${'9'.repeat(500)}X`);
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a throw');
    })();
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).toContain('…');
  });
});

describe('TimerDefinitionError', () => {
  it('is an Error with its own name', () => {
    const error = new TimerDefinitionError('Expected x, but found y');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TimerDefinitionError');
    expect(error.message).toBe('Expected x, but found y');
  });
});

describe('firstDue and nextDue', () => {
  it('fires a timeDate at its instant, once, even when it has passed', () => {
    const schedule = parseTimer('date', '2026-12-01T09:00:00+01:00');
    expect(iso(firstDue(schedule, at('2026-11-01T00:00:00Z')))).toBe('2026-12-01T08:00:00.000Z');
    expect(iso(firstDue(schedule, at('2027-01-01T00:00:00Z')))).toBe('2026-12-01T08:00:00.000Z');
    expect(nextDue(schedule, at('2026-12-01T08:00:00Z'), 1)).toBeNull();
  });

  it('fires a timeDuration once, the duration after activation', () => {
    const schedule = parseTimer('duration', 'P1D');
    expect(iso(firstDue(schedule, at('2026-03-28T08:00:00Z'), CPH))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(firstDue(schedule, at('2026-03-28T08:00:00Z'), { timeZone: 'UTC' }))).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    expect(nextDue(schedule, at('2026-03-29T07:00:00Z'), 1, CPH)).toBeNull();
  });

  it('fires R3/PT1H activated at 10:00 at 11:00, 12:00 and 13:00', () => {
    const schedule = parseTimer('cycle', 'R3/PT1H');
    expect(iso(firstDue(schedule, at('2026-12-01T10:00:00Z')))).toBe('2026-12-01T11:00:00.000Z');
    expect(iso(nextDue(schedule, at('2026-12-01T11:00:00Z'), 1))).toBe('2026-12-01T12:00:00.000Z');
    expect(iso(nextDue(schedule, at('2026-12-01T12:00:00Z'), 2))).toBe('2026-12-01T13:00:00.000Z');
    expect(nextDue(schedule, at('2026-12-01T13:00:00Z'), 3)).toBeNull();
  });

  it('fires R5/start/P1D at the start, then daily, five times', () => {
    const schedule = parseTimer('cycle', 'R5/2026-12-01T08:00:00Z/P1D');
    expect(iso(firstDue(schedule, at('2026-11-01T00:00:00Z')))).toBe('2026-12-01T08:00:00.000Z');
    expect(iso(nextDue(schedule, at('2026-12-01T08:00:00Z'), 1))).toBe('2026-12-02T08:00:00.000Z');
    expect(iso(nextDue(schedule, at('2026-12-04T08:00:00Z'), 4))).toBe('2026-12-05T08:00:00.000Z');
    expect(nextDue(schedule, at('2026-12-05T08:00:00Z'), 5)).toBeNull();
  });

  it('never fires R0 or a cycle whose end is past', () => {
    expect(firstDue(parseTimer('cycle', 'R0/PT1H'), at('2026-12-01T10:00:00Z'))).toBeNull();
    expect(
      firstDue(parseTimer('cycle', 'R2/PT1H/2026-12-31T00:00:00Z'), at('2027-01-01T00:00:00Z')),
    ).toBeNull();
  });

  it('fires a cron cycle unbounded at the next matching time', () => {
    const schedule = parseTimer('cycle', '0 0 9 ? * MON-FRI');
    // Friday 27 March 2026 13:00 in Copenhagen; next is Monday 09:00 CEST.
    const first = firstDue(schedule, at('2026-03-27T12:00:00Z'), CPH);
    expect(iso(first)).toBe('2026-03-30T07:00:00.000Z');
    expect(iso(nextDue(schedule, first as Date, 1, CPH))).toBe('2026-03-31T07:00:00.000Z');
    expect(iso(nextDue(schedule, at('2026-03-31T07:00:00Z'), 10_000, CPH))).toBe('2026-04-01T07:00:00.000Z');
  });

  it('reads a cron cycle in the time zone given when computing due times', () => {
    const schedule = parseTimer('cycle', '0 0 9 * * *');
    expect(iso(firstDue(schedule, at('2026-12-01T00:00:00Z')))).toBe('2026-12-01T08:00:00.000Z');
    expect(iso(firstDue(schedule, at('2026-12-01T00:00:00Z'), { timeZone: 'UTC' }))).toBe(
      '2026-12-01T09:00:00.000Z',
    );
  });

  it('honours repetitions on a cron schedule built by hand', () => {
    const schedule: TimerSchedule = { kind: 'cron', pattern: '0 0 9 * * *', repetitions: 2 };
    expect(iso(nextDue(schedule, at('2026-12-01T08:00:00Z'), 1, CPH))).toBe('2026-12-02T08:00:00.000Z');
    expect(nextDue(schedule, at('2026-12-02T08:00:00Z'), 2, CPH)).toBeNull();
    expect(firstDue({ ...schedule, repetitions: 0 }, at('2026-12-01T00:00:00Z'), CPH)).toBeNull();
  });

  it('gives the same due times after a JSON round trip of the schedule', () => {
    for (const [kind, text] of [
      ['date', '2026-12-01T09:00:00'],
      ['duration', 'P1M'],
      ['cycle', 'R/2026-01-31T09:00:00/P1M'],
      ['cycle', 'R2/PT1H/2026-12-31T00:00:00Z'],
      ['cycle', '0 0 9 ? * MON-FRI'],
    ] as const) {
      const schedule = parseTimer(kind, text, CPH);
      const stored = JSON.parse(JSON.stringify(schedule)) as TimerSchedule;
      const now = at('2026-01-15T12:00:00Z');
      expect(stored).toEqual(schedule);
      const first = firstDue(stored, now, CPH);
      expect(first).toEqual(firstDue(schedule, now, CPH));
      expect(nextDue(stored, first as Date, 1, CPH)).toEqual(nextDue(schedule, first as Date, 1, CPH));
    }
  });

  it('rejects an invalid now, previous due time or firing count', () => {
    const schedule = parseTimer('cycle', 'R3/PT1H');
    expect(() => firstDue(schedule, new Date(Number.NaN))).toThrow(RangeError);
    expect(() => nextDue(schedule, new Date(Number.NaN), 1)).toThrow(RangeError);
    expect(() => nextDue(schedule, at('2026-12-01T11:00:00Z'), 0)).toThrow(
      'Expected firedCount to be a whole number from 1, but found 0',
    );
    expect(() => nextDue(schedule, at('2026-12-01T11:00:00Z'), 1.5)).toThrow(RangeError);
  });

  it('rejects a corrupt stored schedule with a TimerDefinitionError', () => {
    expect(() => firstDue({ kind: 'date', at: 'soon' }, at('2026-12-01T10:00:00Z'))).toThrow(
      "Expected an ISO instant as the due date, but found 'soon'",
    );
    expect(() => firstDue({ kind: 'duration', duration: 'an hour' }, at('2026-12-01T10:00:00Z'))).toThrow(
      TimerDefinitionError,
    );
    expect(() =>
      firstDue({ kind: 'cron', pattern: 'often', repetitions: null }, at('2026-12-01T10:00:00Z')),
    ).toThrow(TimerDefinitionError);
    expect(() =>
      firstDue({ kind: 'weekly' } as unknown as TimerSchedule, at('2026-12-01T10:00:00Z')),
    ).toThrow(
      'Expected a timer schedule of kind date, duration, cycle or cron, but found \'{"kind":"weekly"}\'',
    );
  });
});

describe('addDuration', () => {
  it('is exported and calendar-aware', () => {
    expect(iso(addDuration(at('2026-03-28T08:00:00Z'), 'P1D'))).toBe('2026-03-29T07:00:00.000Z');
    expect(iso(addDuration(at('2026-01-31T08:00:00Z'), 'P1M', CPH))).toBe('2026-02-28T08:00:00.000Z');
  });
});

describe('purity', () => {
  /** Runs `work` with the clock, randomness and timers replaced by traps, so any hidden use throws. */
  function withoutClock(work: () => void): void {
    const RealDate = globalThis.Date;
    const realRandom = Math.random;
    const realSetTimeout = globalThis.setTimeout;
    const trap = (what: string) => () => {
      throw new Error(`${what} must not be used by the timer module`);
    };
    class TrappedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) {
          trap('new Date()')();
        }
        super(...(args as [number]));
      }
      static override now = trap('Date.now()');
    }
    globalThis.Date = TrappedDate as unknown as DateConstructor;
    Math.random = trap('Math.random()');
    globalThis.setTimeout = trap('setTimeout') as unknown as typeof setTimeout;
    try {
      work();
    } finally {
      globalThis.Date = RealDate;
      Math.random = realRandom;
      globalThis.setTimeout = realSetTimeout;
    }
  }

  /** Exercises every path: each kind of timer, both cron dialects, calendar arithmetic. */
  function exercise(): (string | null)[] {
    const results: (string | null)[] = [];
    const now = new Date('2026-03-27T12:00:00Z');
    for (const [kind, text] of [
      ['date', '2026-12-01T09:00:00'],
      ['duration', 'P1M2DT3H'],
      ['cycle', 'R3/PT1H'],
      ['cycle', 'R/2026-01-31T09:00:00/P1M'],
      ['cycle', '0 0 9 ? * MON-FRI'],
      ['cycle', '0 0 9 * * MON-FRI'],
      ['cycle', '@daily'],
    ] as const) {
      const schedule = parseTimer(kind, text, CPH);
      const first = firstDue(schedule, now, CPH);
      results.push(iso(first), iso(first && nextDue(schedule, first, 1, CPH)));
    }
    results.push(iso(addDuration(now, 'P1D')));
    return results;
  }

  it('reads no clock, draws no random numbers and starts no timers', () => {
    let trapped: (string | null)[] = [];
    withoutClock(() => {
      trapped = exercise();
    });
    expect(trapped).toEqual(exercise());
    expect(trapped).toHaveLength(15);
  });

  it('has traps that do catch a clock read', () => {
    expect(() => withoutClock(() => Date.now())).toThrow('Date.now() must not be used');
    expect(() => withoutClock(() => new Date())).toThrow('new Date() must not be used');
  });
});
