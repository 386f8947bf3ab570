import { describe, expect, it } from '@jest/globals';
import { taskDateOf } from './user-task-dates.js';

const now = new Date('2026-01-05T08:00:00.000Z');
const zone = 'Europe/Copenhagen';

describe("taskDateOf: a user task's due or follow-up date from its expression's value", () => {
  it.each([
    ['2026-02-01T12:00:00Z', '2026-02-01T12:00:00.000Z'],
    ['2026-02-01T12:00:00.000+0100', '2026-02-01T11:00:00.000Z'],
    ['2026-07-01T12:00:00', '2026-07-01T10:00:00.000Z'],
    ['2026-02-01', '2026-01-31T23:00:00.000Z'],
    ['2026-03-01T10:00:00@Europe/Copenhagen', '2026-03-01T09:00:00.000Z'],
    ['P2D', '2026-01-07T08:00:00.000Z'],
    ['PT90M', '2026-01-05T09:30:00.000Z'],
  ])('reads %s as %s', (value, expected) => {
    expect(taskDateOf(value, now, zone)).toEqual({ ok: true, at: expected });
  });

  it('gives no date for null, undefined or an empty text', () => {
    for (const value of [null, undefined, '', '  '])
      expect(taskDateOf(value, now, zone)).toEqual({ ok: true, at: undefined });
  });

  it.each([['next friday'], ['2026-02-30T10:00:00Z'], [42], [true], [{ at: 'x' }]])(
    'refuses %j, saying what was expected',
    (value) => {
      const date = taskDateOf(value, now, zone);
      expect(date.ok).toBe(false);
      if (!date.ok) expect(date.message).toMatch(/^expected an ISO 8601 date-time .* or a duration from now/);
    },
  );
});
