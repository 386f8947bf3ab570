import { describe, expect, it } from '@jest/globals';
import { cronDialect, looksLikeCron, nextCronRun, parseCronPattern } from './cron-cycle.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const CPH = 'Europe/Copenhagen';
const EXPECTED =
  'Expected a cron pattern with seconds first, such as 0 0 9 * * MON-FRI (Spring, Zeebe) or 0 0 9 ? * MON-FRI (Quartz, Camunda 7), but found';

/** The next `count` run times after `from`, each computed from the previous one as the engine would. */
function runs(pattern: string, from: string, count: number, timeZone = CPH): (string | null)[] {
  const result: (string | null)[] = [];
  let previous: Date | null = new Date(from);
  for (let i = 0; i < count && previous !== null; i++) {
    previous = nextCronRun(pattern, previous, timeZone);
    result.push(previous?.toISOString() ?? null);
  }
  return result;
}

describe('parseCronPattern', () => {
  it.each([
    '0 0 9 ? * MON-FRI',
    '0 0 9 * * MON-FRI',
    '0 0/5 * * * ?',
    '0 15 10 ? * 6L',
    '0 15 10 ? * 6#3',
    '0 0 12 L * ?',
    '0 0 12 LW * ?',
    '0 0 12 15W * ?',
    '0 0 12 * * ? 2027',
    '0 0 12 ? JAN,JUL MON 2027-2030',
    '*/10 * * * * *',
  ])('accepts %s', (pattern) => {
    expect(parseCronPattern(pattern, CPH)).toBe(pattern);
  });

  it('collapses blanks', () => {
    expect(parseCronPattern('  0  0 9 *\t* MON-FRI ', CPH)).toBe('0 0 9 * * MON-FRI');
  });

  it.each([
    ['@yearly', '0 0 0 1 JAN *'],
    ['@annually', '0 0 0 1 JAN *'],
    ['@monthly', '0 0 0 1 * *'],
    ['@weekly', '0 0 0 * * SUN'],
    ['@daily', '0 0 0 * * *'],
    ['@midnight', '0 0 0 * * *'],
    ['@hourly', '0 0 * * * *'],
    ['@DAILY', '0 0 0 * * *'],
  ])('writes out the Spring macro %s as %s', (macro, pattern) => {
    expect(parseCronPattern(macro, CPH)).toBe(pattern);
  });

  it.each([
    ['0 9 * * 1', 'it has 5 fields; 6 are needed, or 7 with a Quartz year'],
    ['0 0 9 ? * MON-FRI 2027 extra', 'it has 8 fields; 6 are needed, or 7 with a Quartz year'],
    ['0 0 9 L-3 * ?', "'L-3': in day-of-month only L (last day) and LW (last weekday) are supported"],
    ['0 0 9 15L * ?', "'15L': in day-of-month only L (last day) and LW (last weekday) are supported"],
    ['0 0 9 ? * MON:FRI', "'MON:FRI' is not a cron field"],
    ['0 0 25 * * *', 'Invalid value for hour: 25'],
    ['60 0 9 * * *', 'Invalid value for second: 60'],
    ['0 0 9 32 * *', 'Invalid value for day: 32'],
    ['0 0 9 0 * *', 'Invalid value for day: 0'],
    ['0 0 9 32W * *', 'Invalid value for day: 32'],
    ['0 0 9 * 13 *', 'Invalid value for month: 13'],
    ['@often', 'the known macros are @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly'],
  ])('rejects %s because %s', (pattern, reason) => {
    expect(() => parseCronPattern(pattern, CPH)).toThrow(
      new TimerDefinitionError(`${EXPECTED} '${pattern}' (${reason})`),
    );
  });

  it('explains weekday numbering when a weekday is out of range', () => {
    expect(() => parseCronPattern('0 0 9 ? * 0', CPH)).toThrow('Invalid value for dayOfWeek: 0;');
    expect(() => parseCronPattern('0 0 9 ? * 0', CPH)).toThrow(
      "with '?' or a year field the pattern is read as Quartz, where 1 = SUN … 7 = SAT; names such as MON-FRI work in both",
    );
    expect(() => parseCronPattern('0 0 9 * * 8', CPH)).toThrow(
      "without '?' the pattern is read as Spring, where 0 or 7 = SUN, 1 = MON … 6 = SAT",
    );
  });

  it('explains that ranges cannot wrap around', () => {
    expect(() => parseCronPattern('0 0 22-2 * * *', CPH)).toThrow(
      'ranges cannot wrap around, write them as a list such as SAT,SUN or 22-23,0-2',
    );
  });

  it('rejects garbage', () => {
    expect(() => parseCronPattern('x y z a b c', CPH)).toThrow(TimerDefinitionError);
    expect(() => parseCronPattern('every monday', CPH)).toThrow(TimerDefinitionError);
  });
});

describe('cronDialect', () => {
  it('reads ? in a day field or a year field as Quartz, anything else as Spring', () => {
    expect(cronDialect('0 0 9 ? * MON-FRI')).toBe('quartz');
    expect(cronDialect('0 0 9 1 * ?')).toBe('quartz');
    expect(cronDialect('0 0 9 * * MON-FRI 2027')).toBe('quartz');
    expect(cronDialect('0 0 9 * * MON-FRI')).toBe('spring');
    expect(cronDialect('0 0 9 * * 1')).toBe('spring');
  });
});

describe('looksLikeCron', () => {
  it('recognises 5 to 7 fields and macros', () => {
    expect(looksLikeCron('0 9 * * 1')).toBe(true);
    expect(looksLikeCron('0 0 9 * * MON-FRI')).toBe(true);
    expect(looksLikeCron('0 0 9 ? * MON-FRI 2027')).toBe(true);
    expect(looksLikeCron('@daily')).toBe(true);
    expect(looksLikeCron('PT1H')).toBe(false);
    expect(looksLikeCron('2026-12-01T09:00:00Z')).toBe(false);
    expect(looksLikeCron('2026-12-01 09:00:00')).toBe(false);
    expect(looksLikeCron('every day at nine o clock')).toBe(true);
    expect(looksLikeCron('every day at: nine o clock')).toBe(false);
  });
});

describe('nextCronRun', () => {
  // Friday 27 March 2026, 13:00 in Copenhagen; the DST change is on Sunday the 29th.
  const FRIDAY = '2026-03-27T12:00:00Z';

  it('runs a Quartz weekday pattern at 09:00 local on working days, across a weekend and DST', () => {
    expect(runs('0 0 9 ? * MON-FRI', FRIDAY, 3)).toEqual([
      '2026-03-30T07:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
      '2026-04-01T07:00:00.000Z',
    ]);
  });

  it('runs the Spring form of the same pattern identically', () => {
    expect(runs('0 0 9 * * MON-FRI', FRIDAY, 3)).toEqual(runs('0 0 9 ? * MON-FRI', FRIDAY, 3));
  });

  it('numbers weekdays 1 = SUN in Quartz and 1 = MON in Spring', () => {
    // Quartz 2 = Monday, Spring 2 = Tuesday.
    expect(runs('0 0 9 ? * 2', FRIDAY, 1)).toEqual(['2026-03-30T07:00:00.000Z']);
    expect(runs('0 0 9 * * 2', FRIDAY, 1)).toEqual(['2026-03-31T07:00:00.000Z']);
    // Quartz 1 = Sunday; Spring 0 and 7 = Sunday.
    expect(runs('0 0 9 ? * 1', FRIDAY, 1)).toEqual(['2026-03-29T07:00:00.000Z']);
    expect(runs('0 0 9 * * 0', FRIDAY, 1)).toEqual(['2026-03-29T07:00:00.000Z']);
    expect(runs('0 0 9 * * 7', FRIDAY, 1)).toEqual(['2026-03-29T07:00:00.000Z']);
  });

  it('applies Quartz numbering to steps in day-of-week', () => {
    // Quartz 2/2 = MON, WED, FRI; Spring 2/2 = TUE, THU, SAT.
    expect(runs('0 0 9 ? * 2/2', '2026-03-01T12:00:00Z', 3)).toEqual([
      '2026-03-02T08:00:00.000Z',
      '2026-03-04T08:00:00.000Z',
      '2026-03-06T08:00:00.000Z',
    ]);
    expect(runs('0 0 9 * * 2/2', '2026-03-01T12:00:00Z', 3)).toEqual([
      '2026-03-03T08:00:00.000Z',
      '2026-03-05T08:00:00.000Z',
      '2026-03-07T08:00:00.000Z',
    ]);
  });

  it('requires both day fields to match, as Quartz and Spring do', () => {
    // The 1st of a month that is a Monday: June 2026, then February 2027.
    expect(runs('0 0 9 1 * MON', '2026-01-01T12:00:00Z', 2)).toEqual([
      '2026-06-01T07:00:00.000Z',
      '2027-02-01T08:00:00.000Z',
    ]);
  });

  it('runs on a day of the month with ? or * in day-of-week', () => {
    expect(runs('0 0 9 15 * ?', FRIDAY, 2)).toEqual(['2026-04-15T07:00:00.000Z', '2026-05-15T07:00:00.000Z']);
    expect(runs('0 0 9 15 * *', FRIDAY, 2)).toEqual(['2026-04-15T07:00:00.000Z', '2026-05-15T07:00:00.000Z']);
  });

  it('supports L (last day) and LW (last weekday) in day-of-month', () => {
    expect(runs('0 0 9 L * ?', '2026-02-01T12:00:00Z', 2)).toEqual([
      '2026-02-28T08:00:00.000Z',
      '2026-03-31T07:00:00.000Z',
    ]);
    // 31 May 2026 is a Sunday, so the last weekday is Friday the 29th.
    expect(runs('0 0 9 LW * ?', '2026-05-01T12:00:00Z', 2)).toEqual([
      '2026-05-29T07:00:00.000Z',
      '2026-06-30T07:00:00.000Z',
    ]);
  });

  it('supports W (nearest weekday) in day-of-month', () => {
    // 15 August 2026 is a Saturday: Friday the 14th.
    expect(runs('0 0 9 15W * ?', '2026-08-01T12:00:00Z', 2)).toEqual([
      '2026-08-14T07:00:00.000Z',
      '2026-09-15T07:00:00.000Z',
    ]);
  });

  it('supports the last and the nth weekday of the month in both numberings and with names', () => {
    const lastFridays = ['2026-03-27T08:00:00.000Z', '2026-04-24T07:00:00.000Z'];
    expect(runs('0 0 9 ? * 6L', '2026-03-01T12:00:00Z', 2)).toEqual(lastFridays);
    expect(runs('0 0 9 * * 5L', '2026-03-01T12:00:00Z', 2)).toEqual(lastFridays);
    const thirdFridays = ['2026-03-20T08:00:00.000Z', '2026-04-17T07:00:00.000Z'];
    expect(runs('0 0 9 ? * 6#3', '2026-03-01T12:00:00Z', 2)).toEqual(thirdFridays);
    expect(runs('0 0 9 * * 5#3', '2026-03-01T12:00:00Z', 2)).toEqual(thirdFridays);
    expect(runs('0 0 9 ? * FRI#3', '2026-03-01T12:00:00Z', 2)).toEqual(thirdFridays);
  });

  it('reads a lone L in a Quartz day-of-week as Saturday', () => {
    expect(runs('0 0 9 ? * L', '2026-03-01T12:00:00Z', 2)).toEqual([
      '2026-03-07T08:00:00.000Z',
      '2026-03-14T08:00:00.000Z',
    ]);
  });

  it('reads 0/15 and 5/15 as "from 0 (5), every 15"', () => {
    expect(runs('0 0/15 * * * ?', '2026-03-01T12:07:00Z', 3)).toEqual([
      '2026-03-01T12:15:00.000Z',
      '2026-03-01T12:30:00.000Z',
      '2026-03-01T12:45:00.000Z',
    ]);
    expect(runs('0 5/15 * * * *', '2026-03-01T12:07:00Z', 2)).toEqual([
      '2026-03-01T12:20:00.000Z',
      '2026-03-01T12:35:00.000Z',
    ]);
  });

  it('honours a Quartz year field', () => {
    expect(runs('0 0 12 * * ? 2027', '2026-03-01T12:00:00Z', 2)).toEqual([
      '2027-01-01T11:00:00.000Z',
      '2027-01-02T11:00:00.000Z',
    ]);
    expect(runs('0 0 12 31 DEC ? 2026', '2026-03-01T12:00:00Z', 2)).toEqual([
      '2026-12-31T11:00:00.000Z',
      null,
    ]);
  });

  it('returns null for a pattern that never matches', () => {
    expect(runs('0 0 0 30 2 ?', '2026-03-01T12:00:00Z', 1)).toEqual([null]);
    expect(runs('0 0 12 * * ? 2020', '2026-03-01T12:00:00Z', 1)).toEqual([null]);
  });

  it('is strictly after the given time', () => {
    expect(runs('0 0 9 * * *', '2026-12-01T08:00:00Z', 1)).toEqual(['2026-12-02T08:00:00.000Z']);
    expect(runs('0 0 9 * * *', '2026-12-01T07:59:59.999Z', 1)).toEqual(['2026-12-01T08:00:00.000Z']);
  });

  it('reads the pattern in the given time zone', () => {
    expect(runs('0 0 9 * * *', '2026-03-28T12:00:00Z', 2, 'UTC')).toEqual([
      '2026-03-29T09:00:00.000Z',
      '2026-03-30T09:00:00.000Z',
    ]);
    expect(runs('0 0 9 * * *', '2026-03-28T12:00:00Z', 2, 'America/New_York')).toEqual([
      '2026-03-28T13:00:00.000Z',
      '2026-03-29T13:00:00.000Z',
    ]);
  });

  it('moves a local time skipped by DST forward, like the ISO dates', () => {
    expect(runs('0 30 2 * * *', '2026-03-28T12:00:00Z', 2)).toEqual([
      '2026-03-29T01:30:00.000Z',
      '2026-03-30T00:30:00.000Z',
    ]);
  });

  it('fires a wall time repeated in autumn only once', () => {
    expect(runs('0 30 2 * * *', '2026-10-24T12:00:00Z', 2)).toEqual([
      '2026-10-25T00:30:00.000Z',
      '2026-10-26T01:30:00.000Z',
    ]);
  });

  it('runs Spring macros', () => {
    expect(runs('@daily', '2026-03-01T12:00:00Z', 1)).toEqual(['2026-03-01T23:00:00.000Z']);
    expect(runs('@weekly', '2026-03-04T12:00:00Z', 1)).toEqual(['2026-03-07T23:00:00.000Z']);
  });
});
