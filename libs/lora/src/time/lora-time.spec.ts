import { describe, expect, it } from '@jest/globals';
import { formatLoraInstant, parseLoraInstant } from './lora-time.js';

describe('LoRA timestamps', () => {
  it('reads a time without an offset as Europe/Copenhagen time, summer and winter', () => {
    expect(new Date(parseLoraInstant('2014-05-19 12:02:32', 'from')).toISOString()).toBe(
      '2014-05-19T10:02:32.000Z',
    );
    expect(new Date(parseLoraInstant('2014-12-01', 'from')).toISOString()).toBe('2014-11-30T23:00:00.000Z');
    expect(new Date(parseLoraInstant('2014-12-01 00:00:00+01', 'from')).toISOString()).toBe(
      '2014-11-30T23:00:00.000Z',
    );
    expect(new Date(parseLoraInstant('2002-02-14T00:00:00+01:00', 'from')).toISOString()).toBe(
      '2002-02-13T23:00:00.000Z',
    );
    expect(parseLoraInstant('infinity', 'to')).toBe(Infinity);
    expect(parseLoraInstant('-Infinity', 'from')).toBe(-Infinity);
  });

  it('refuses what is no timestamp, naming where', () => {
    expect(() => parseLoraInstant('someday', 'virkning.from')).toThrow(
      /virkning\.from: 'someday' is not a timestamp/,
    );
    expect(() => parseLoraInstant(42, 'virkningstid')).toThrow(/virkningstid: expected a timestamp string/);
  });

  it("writes PostgreSQL's text form in Europe/Copenhagen, as LoRA answers", () => {
    expect(formatLoraInstant(Date.parse('2014-05-19T10:02:32Z'))).toBe('2014-05-19 12:02:32+02');
    expect(formatLoraInstant(Date.parse('2002-02-13T23:00:00Z'))).toBe('2002-02-14 00:00:00+01');
    expect(formatLoraInstant(Date.parse('2020-01-01T00:00:00.250Z'))).toBe('2020-01-01 01:00:00.25+01');
    expect(formatLoraInstant(-Infinity)).toBe('-infinity');
  });
});
