import { describe, expect, it } from '@jest/globals';
import { RetryableConnectorError } from '../contract/connector-errors.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { backoffDelayMs, retryAfterMs } from './retry-backoff.js';

describe('CircuitBreaker', () => {
  it('lets one probe through after the cool-down; a failed probe opens the circuit again at once', () => {
    let now = 0;
    const breaker = new CircuitBreaker(
      'https://sbsys.example',
      { failureThreshold: 3, coolDownMs: 1_000 },
      () => now,
    );
    for (let i = 0; i < 3; i += 1) {
      breaker.enter();
      breaker.record(false, 'ECONNRESET');
    }
    expect(() => breaker.enter()).toThrow(RetryableConnectorError);
    now = 1_000;
    breaker.enter(); // the probe
    expect(() => breaker.enter()).toThrow('is open'); // others wait for the probe
    breaker.record(false, '503');
    expect(breaker.state).toBe('open');
    expect(() => breaker.enter()).toThrow('(the last: 503)');
    now = 2_000;
    breaker.enter();
    breaker.record(true);
    expect(breaker.state).toBe('closed');
    breaker.enter();
  });

  it('counts only consecutive failures', () => {
    const breaker = new CircuitBreaker('x', { failureThreshold: 2, coolDownMs: 1_000 }, () => 0);
    breaker.record(false);
    breaker.record(true);
    breaker.record(false);
    expect(breaker.state).toBe('closed');
  });
});

describe('retry backoff', () => {
  it('waits a random share of a doubling bound, capped', () => {
    const options = { baseMs: 100, maxMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((retry) => backoffDelayMs(retry, options, () => 0.999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(backoffDelayMs(3, options, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-15T09:30:00Z');
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Wed, 15 Jan 2025 09:31:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('Wed, 15 Jan 2025 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
