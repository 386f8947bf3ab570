import { describe, expect, it } from '@jest/globals';
import { looksLikeIsoDate, parseIsoDateTime } from './iso-date.js';
import { TimerDefinitionError } from './timer-definition-error.js';

const CPH = 'Europe/Copenhagen';
const parse = (text: string, timeZone?: string): string => parseIsoDateTime(text, timeZone).toISOString();
const EXPECTED =
  'Expected an ISO 8601 date-time such as 2026-12-01T09:00:00Z, 2026-12-01T09:00:00+01:00 or 2026-12-01, but found';

describe('parseIsoDateTime', () => {
  describe('with Z or an offset (an exact instant)', () => {
    it.each([
      ['2026-12-01T08:00:00Z', '2026-12-01T08:00:00.000Z'],
      ['2026-12-01T08:00:00z', '2026-12-01T08:00:00.000Z'],
      ['2026-12-01T09:00:00+01:00', '2026-12-01T08:00:00.000Z'],
      ['2026-12-01T09:00:00+0100', '2026-12-01T08:00:00.000Z'],
      ['2026-12-01T09:00:00+01', '2026-12-01T08:00:00.000Z'],
      ['2026-12-01T03:00:00-05:00', '2026-12-01T08:00:00.000Z'],
      ['2026-12-01T13:30:00+05:30', '2026-12-01T08:00:00.000Z'],
      ['2026-12-01T08:00Z', '2026-12-01T08:00:00.000Z'],
      ['2026-12-01T08:00:00.5Z', '2026-12-01T08:00:00.500Z'],
      ['2026-12-01T08:00:00,25Z', '2026-12-01T08:00:00.250Z'],
      ['2026-12-01T08:00:00.123456789Z', '2026-12-01T08:00:00.123Z'],
      ['  2026-12-01T08:00:00Z  ', '2026-12-01T08:00:00.000Z'],
    ])('reads %s as %s', (text, instant) => {
      expect(parse(text, CPH)).toBe(instant);
    });

    it('ignores the time zone option', () => {
      expect(parse('2026-12-01T08:00:00Z', 'America/New_York')).toBe('2026-12-01T08:00:00.000Z');
    });
  });

  describe('without an offset (wall-clock time in the zone)', () => {
    it('uses Europe/Copenhagen by default: +01:00 in winter, +02:00 in summer', () => {
      expect(parse('2026-12-01T09:00:00')).toBe('2026-12-01T08:00:00.000Z');
      expect(parse('2026-07-01T09:00:00')).toBe('2026-07-01T07:00:00.000Z');
    });

    it('uses the given zone', () => {
      expect(parse('2026-12-01T09:00:00', 'UTC')).toBe('2026-12-01T09:00:00.000Z');
      expect(parse('2026-12-01T09:00', 'America/New_York')).toBe('2026-12-01T14:00:00.000Z');
    });

    it('reads a plain date as midnight in the zone', () => {
      expect(parse('2026-12-01')).toBe('2026-11-30T23:00:00.000Z');
      expect(parse('2026-12-01', 'UTC')).toBe('2026-12-01T00:00:00.000Z');
    });

    it('moves a time skipped by DST forward by the gap and takes the earlier of a repeated time', () => {
      expect(parse('2026-03-29T02:30:00', CPH)).toBe('2026-03-29T01:30:00.000Z');
      expect(parse('2026-10-25T02:30:00', CPH)).toBe('2026-10-25T00:30:00.000Z');
    });

    it('accepts leap days', () => {
      expect(parse('2028-02-29T12:00:00Z')).toBe('2028-02-29T12:00:00.000Z');
    });
  });

  describe('with a [Zone] suffix, as Zeebe writes it', () => {
    it('reads the wall-clock time in that zone', () => {
      expect(parse('2026-07-01T09:00:00[America/New_York]', CPH)).toBe('2026-07-01T13:00:00.000Z');
    });

    it('lets an explicit offset fix the instant', () => {
      expect(parse('2026-07-01T09:00:00+02:00[Europe/Copenhagen]', 'UTC')).toBe('2026-07-01T07:00:00.000Z');
    });

    it('rejects an unknown zone', () => {
      expect(() => parse('2026-07-01T09:00:00+02:00[Europe/Atlantis]')).toThrow(
        "Expected an IANA time zone such as Europe/Copenhagen or UTC, but found 'Europe/Atlantis'",
      );
    });
  });

  describe('errors', () => {
    it('says what was expected and what was found', () => {
      expect(() => parse('tomorrow')).toThrow(TimerDefinitionError);
      expect(() => parse('tomorrow')).toThrow(new TimerDefinitionError(`${EXPECTED} 'tomorrow'`));
    });

    it.each([
      ['2026-13-01', 'there is no month 13'],
      ['2026-00-10', 'there is no month 00'],
      ['2026-02-29', 'February 2026 has no day 29'],
      ['2026-04-31T09:00:00Z', 'April 2026 has no day 31'],
      ['2026-12-00', 'December 2026 has no day 00'],
      ['2026-12-01T24:00:00Z', '24:00:00 is not a time of day'],
      ['2026-12-01T09:60', '09:60:00 is not a time of day'],
      ['2026-12-01T09:00:60Z', '09:00:60 is not a time of day'],
      ['0000-01-01', 'the year must be 0001 or later'],
      ['2026-12-01T09:00:00+19:00', "'+19:00' is not a UTC offset between -18:00 and +18:00"],
      ['2026-12-01T09:00:00+01:75', "'+01:75' is not a UTC offset between -18:00 and +18:00"],
    ])('rejects %s because %s', (text, reason) => {
      expect(() => parse(text)).toThrow(`${EXPECTED} '${text}' (${reason})`);
    });

    it.each([
      '',
      '2026-12-01 09:00:00',
      '01-12-2026',
      '2026/12/01',
      '2026-12-01T09',
      '20261201T090000Z',
      '2026-12-1',
      '2026-12-01T09:00:00ZZ',
      '2026-12-01T09:00:00 +01:00',
      'PT1H',
      '0 0 9 * * ?',
    ])('rejects %j', (text) => {
      expect(() => parse(text)).toThrow(TimerDefinitionError);
    });
  });
});

describe('looksLikeIsoDate', () => {
  it('recognises texts starting with yyyy-mm-dd', () => {
    expect(looksLikeIsoDate('2026-12-01T09:00:00Z')).toBe(true);
    expect(looksLikeIsoDate('2026-12-01')).toBe(true);
    expect(looksLikeIsoDate('PT1H')).toBe(false);
    expect(looksLikeIsoDate('P2026-12-01')).toBe(false);
  });
});
