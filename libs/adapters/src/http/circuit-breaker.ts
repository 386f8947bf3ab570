import { RetryableConnectorError } from '../contract/connector-errors.js';

export interface CircuitBreakerOptions {
  /** Consecutive failures (network errors, timeouts, 5xx, 429) after which the circuit opens. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one probe is let through, in milliseconds. */
  coolDownMs: number;
}

export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerOptions = { failureThreshold: 5, coolDownMs: 30_000 };

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Protects one endpoint that keeps failing from being called again and again: after `failureThreshold` consecutive
 * failures the circuit opens and calls fail at once (retryable, with the time left as `retryAfterMs`) without
 * reaching the endpoint; after `coolDownMs` one probe call is let through (half-open) — its success closes the
 * circuit, its failure opens it for another cool-down. Other calls wait out the probe as if the circuit were open.
 *
 * @example
 * const release = breaker.enter(); // throws RetryableConnectorError while open
 * try { const response = await call(); breaker.record(response.status < 500); } catch (e) { breaker.record(false); throw e; }
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private probing = false;
  /** What the last failure was (a status or an error code), for the message of an open circuit. */
  private lastFailure = '';

  constructor(
    /** Names the endpoint in messages (`https://sbsys.example`), never a path or query. */
    private readonly endpoint: string,
    private readonly options: CircuitBreakerOptions,
    private readonly now: () => number,
  ) {}

  get state(): CircuitState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.coolDownMs ? 'half-open' : 'open';
  }

  /** Lets a call through, or throws a retryable failure while the circuit is open (or a probe is under way). */
  enter(): void {
    const state = this.state;
    if (state === 'closed') return;
    if (state === 'half-open' && !this.probing) {
      this.probing = true;
      return;
    }
    const waitMs =
      state === 'open' ? this.options.coolDownMs - (this.now() - (this.openedAt ?? this.now())) : 1_000;
    throw new RetryableConnectorError(
      `The circuit to ${this.endpoint} is open after ${this.failures} consecutive failures (the last: ${this.lastFailure || 'unknown'}): no call was made; trying again in ${Math.ceil(waitMs / 1000)} s`,
      { retryAfterMs: Math.max(0, waitMs) },
    );
  }

  /** Records how a call that {@link enter} let through ended; `failure` says how it failed (`503`, `ECONNREFUSED`). */
  record(succeeded: boolean, failure = ''): void {
    const wasProbe = this.probing;
    this.probing = false;
    if (succeeded) {
      this.failures = 0;
      this.openedAt = undefined;
      return;
    }
    this.failures += 1;
    this.lastFailure = failure;
    if (wasProbe || this.failures >= this.options.failureThreshold) this.openedAt = this.now();
  }
}
