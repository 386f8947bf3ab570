import { describe, expect, it } from '@jest/globals';
import {
  formatLoraInstant,
  formatRegistrationTime,
  instantOfStored,
  LORA_INFINITY,
  LORA_MINUS_INFINITY,
  parseLoraInstant,
  storedInstant,
} from './lora-time.js';

/** An instant as ISO 8601 UTC with 6 fraction digits, to read expectations easily. */
const utc = (text: string) => storedInstant(parseLoraInstant(text, 'at'));
const instantOf = (isoUtc: string) => instantOfStored(isoUtc);

describe('LoRA timestamps', () => {
  it('reads a time without an offset as Europe/Copenhagen time, summer and winter', () => {
    expect(utc('2014-05-19 12:02:32')).toBe('2014-05-19T10:02:32.000Z');
    expect(utc('2014-12-01')).toBe('2014-11-30T23:00:00.000Z');
    expect(utc('2014-12-01 00:00:00+01')).toBe('2014-11-30T23:00:00.000Z');
    expect(utc('2002-02-14T00:00:00+01:00')).toBe('2002-02-13T23:00:00.000Z');
    expect(parseLoraInstant('infinity', 'to')).toBe(LORA_INFINITY);
    expect(parseLoraInstant('-Infinity', 'from')).toBe(LORA_MINUS_INFINITY);
  });

  it('keeps a fraction to the microsecond, with or without an offset, far from 1970 too', () => {
    expect(utc('2019-01-11T10:10:59.430647+00:00')).toBe('2019-01-11T10:10:59.430647Z');
    expect(utc('2019-01-11 11:10:59.430647')).toBe('2019-01-11T10:10:59.430647Z');
    expect(utc('2019-01-11T10:10:59,5Z')).toBe('2019-01-11T10:10:59.500Z');
    expect(utc('1900-01-01T00:00:00.000001Z')).toBe('1900-01-01T00:00:00.000001Z');
    expect(utc('9999-12-31T23:59:59.999999Z')).toBe('9999-12-31T23:59:59.999999Z');
    expect(
      parseLoraInstant('9999-12-31T23:59:59.999999Z', 'at') -
        parseLoraInstant('9999-12-31T23:59:59.999998Z', 'at'),
    ).toBe(1n);
  });

  it('rounds digits past the sixth as PostgreSQL does: to the nearest microsecond, a half to the even one', () => {
    expect(utc('2020-01-01T00:00:00.0000025Z')).toBe('2020-01-01T00:00:00.000002Z');
    expect(utc('2020-01-01T00:00:00.0000035Z')).toBe('2020-01-01T00:00:00.000004Z');
    expect(utc('2020-01-01T00:00:00.00000051Z')).toBe('2020-01-01T00:00:00.000001Z');
    expect(utc('2020-01-01T00:00:00.1234564Z')).toBe('2020-01-01T00:00:00.123456Z');
    expect(utc('2020-01-01T00:00:59.9999996Z')).toBe('2020-01-01T00:01:00.000Z');
  });

  it('refuses what is no timestamp, naming where', () => {
    expect(() => parseLoraInstant('someday', 'virkning.from')).toThrow(
      /virkning\.from: 'someday' is not a timestamp/,
    );
    expect(() => parseLoraInstant('2020-01-01T00:00:00.12x', 'registreringstid')).toThrow(
      /registreringstid: '2020-01-01T00:00:00.12x' is not a timestamp/,
    );
    expect(() => parseLoraInstant(42, 'virkningstid')).toThrow(/virkningstid: expected a timestamp string/);
  });

  it('stores whole milliseconds in the 3-digit form older registrations have, and reads both forms back', () => {
    expect(instantOfStored('2014-05-19T10:02:32.000Z')).toBe(instantOf('2014-05-19T10:02:32.000000Z'));
    expect(storedInstant(instantOf('2014-05-19T10:02:32.123456Z'))).toBe('2014-05-19T10:02:32.123456Z');
    expect(storedInstant(instantOf('1900-01-01T00:00:00.000001Z'))).toBe('1900-01-01T00:00:00.000001Z');
    expect(storedInstant(LORA_INFINITY)).toBe('infinity');
    expect(instantOfStored('-infinity')).toBe(LORA_MINUS_INFINITY);
    expect(() => instantOfStored('yesterday')).toThrow(/malformed: 'yesterday'/);
  });

  it("writes PostgreSQL's text form in Europe/Copenhagen, as LoRA answers", () => {
    expect(formatLoraInstant(instantOf('2014-05-19T10:02:32Z'))).toBe('2014-05-19 12:02:32+02');
    expect(formatLoraInstant(instantOf('2002-02-13T23:00:00Z'))).toBe('2002-02-14 00:00:00+01');
    expect(formatLoraInstant(instantOf('2020-01-01T00:00:00.250Z'))).toBe('2020-01-01 01:00:00.25+01');
    expect(formatLoraInstant(instantOf('2020-01-01T00:00:00.430640Z'))).toBe('2020-01-01 01:00:00.43064+01');
    expect(formatLoraInstant(instantOf('1899-12-31T23:00:00.000001Z'))).toBe('1900-01-01 00:00:00.000001+01');
    expect(formatLoraInstant(LORA_MINUS_INFINITY)).toBe('-infinity');
  });

  it("writes a registration time as LoRA's JSON does: UTC offset, fraction without trailing zeros", () => {
    expect(formatRegistrationTime('2019-01-11T10:10:59.430640Z')).toBe('2019-01-11T10:10:59.43064+00:00');
    expect(formatRegistrationTime('2019-01-11T10:10:59.000000Z')).toBe('2019-01-11T10:10:59+00:00');
  });
});
