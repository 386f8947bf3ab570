/**
 * How long to wait before trying an HTTP request again: exponential backoff with full jitter (a random wait between
 * zero and the exponential bound), so many engine nodes retrying one struggling system do not arrive in step.
 */

export interface BackoffOptions {
  /** The bound of the first retry's wait, in milliseconds. */
  baseMs: number;
  /** No wait is longer than this. */
  maxMs: number;
}

/**
 * The wait before retry number `retry` (1 = the first retry): a random share of `min(maxMs, baseMs · 2^(retry-1))`.
 *
 * @example
 * backoffDelayMs(3, { baseMs: 200, maxMs: 5_000 }, Math.random); // somewhere in [0, 800)
 */
export function backoffDelayMs(retry: number, options: BackoffOptions, random: () => number): number {
  const bound = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * bound);
}

/**
 * Reads an HTTP `Retry-After` header — delay-seconds or an HTTP date — as milliseconds from `now`; `undefined` when
 * absent or unreadable. A date in the past means "now" (0).
 */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
