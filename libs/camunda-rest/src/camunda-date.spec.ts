import { describe, expect, it } from '@jest/globals';
import { formatCamundaDate, parseCamundaDate } from './camunda-date.js';

describe('Camunda dates', () => {
  it('writes dates in UTC with a +0000 offset, as Camunda clients parse them', () => {
    expect(formatCamundaDate(new Date('2026-01-05T08:00:00Z'))).toBe('2026-01-05T08:00:00.000+0000');
    expect(formatCamundaDate('2026-01-05T08:00:00.123Z')).toBe('2026-01-05T08:00:00.123+0000');
  });

  it('writes no date as null, also for an infinite one', () => {
    expect(formatCamundaDate(null)).toBeNull();
    expect(formatCamundaDate(undefined)).toBeNull();
    expect(formatCamundaDate(Infinity)).toBeNull();
  });

  it('reads Camunda’s format with any offset', () => {
    expect(parseCamundaDate('2026-01-05T10:00:00.000+0200')?.toISOString()).toBe('2026-01-05T08:00:00.000Z');
    expect(parseCamundaDate('2026-01-05T10:00:00+02:00')?.toISOString()).toBe('2026-01-05T08:00:00.000Z');
    expect(parseCamundaDate('2026-01-05T08:00:00.5Z')?.toISOString()).toBe('2026-01-05T08:00:00.500Z');
    expect(parseCamundaDate('2026-01-05T08:00:00.000-0130')?.toISOString()).toBe('2026-01-05T09:30:00.000Z');
  });

  it('refuses text without an offset, in another format, or naming a day that does not exist', () => {
    expect(parseCamundaDate('2026-01-05T08:00:00')).toBeUndefined();
    expect(parseCamundaDate('05-01-2026')).toBeUndefined();
    expect(parseCamundaDate('2026-02-30T08:00:00.000+0000')).toBeUndefined();
    expect(parseCamundaDate('2026-01-05T25:00:00.000+0000')).toBeUndefined();
  });
});
