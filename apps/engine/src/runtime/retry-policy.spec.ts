import { describe, expect, it } from '@jest/globals';
import { retriesOf, retryDelayMs } from './retry-policy.js';

describe('retry policy', () => {
  it('follows camunda:failedJobRetryTimeCycle: its count and its interval', () => {
    expect(retriesOf('R3/PT10M', 5)).toBe(3);
    expect(retryDelayMs('R3/PT10M', 1, 1000)).toBe(600_000);
    expect(retryDelayMs('R5/PT1H30M', 2, 1000)).toBe(5_400_000);
  });

  it('falls back to the configured retries and an exponential backoff with jitter', () => {
    expect(retriesOf(null, 4)).toBe(4);
    for (const attempt of [1, 2, 3]) {
      const delay = retryDelayMs(null, attempt, 1000);
      const base = 1000 * 2 ** (attempt - 1);
      expect(delay).toBeGreaterThanOrEqual(base * 0.75);
      expect(delay).toBeLessThanOrEqual(base * 1.25);
    }
    expect(retryDelayMs(null, 30, 1000)).toBeLessThanOrEqual(600_000 * 1.25);
  });

  it('treats an unreadable cycle like none', () => {
    const delay = retryDelayMs('every ten minutes', 1, 1000);
    expect(delay).toBeGreaterThanOrEqual(750);
    expect(delay).toBeLessThanOrEqual(1250);
  });
});
