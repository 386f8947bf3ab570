/**
 * How a connector says that a call failed. Anything else it throws is classified by
 * {@link classifyConnectorFailure}: an unknown error is taken as retryable.
 */

/** A failure as stored with a job or an incident: plain JSON. */
export type ConnectorFailureRecord =
  | { readonly kind: 'retryable'; readonly message: string; readonly retryAfterMs?: number }
  | {
      readonly kind: 'permanent';
      readonly message: string;
      readonly bpmnErrorCode?: string;
      readonly details?: Readonly<Record<string, unknown>>;
    };

/** The two failures a connector call can end in; `retryable` tells them apart. */
export abstract class ConnectorError extends Error {
  abstract readonly retryable: boolean;
  abstract toJSON(): ConnectorFailureRecord;
}

export interface RetryableConnectorErrorOptions {
  /** How long the other side asked us to wait (an HTTP `Retry-After`, a rate limit), in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The call may succeed if it is made again (a timeout, a 503, a dropped connection): the runtime retries it with
 * the same idempotency key until the job's retries are used up, then raises an incident.
 *
 * @example
 * if (response.status === 429) {
 *   throw new RetryableConnectorError('SBSYS is rate limiting us', { retryAfterMs: 30_000 });
 * }
 */
export class RetryableConnectorError extends ConnectorError {
  override readonly name = 'RetryableConnectorError';
  readonly retryable = true as const;
  readonly retryAfterMs?: number;

  constructor(message: string, options: RetryableConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.retryAfterMs !== undefined) {
      if (!Number.isFinite(options.retryAfterMs) || options.retryAfterMs < 0) {
        throw new RangeError(
          `retryAfterMs must be a number of milliseconds ≥ 0, got ${options.retryAfterMs}`,
        );
      }
      this.retryAfterMs = options.retryAfterMs;
    }
  }

  toJSON(): ConnectorFailureRecord {
    return {
      kind: 'retryable',
      message: this.message,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}

export interface PermanentConnectorErrorOptions {
  /**
   * The BPMN error to throw at the service task, so an error boundary event with this `errorCode` can catch it
   * (e.g. `CPR_NOT_FOUND`). Without one, the failure becomes an incident for an operator.
   */
  bpmnErrorCode?: string;
  /** JSON facts for the operator or the catching flow (a status code, the other side's error id). Never personal data. */
  details?: Readonly<Record<string, unknown>>;
  cause?: unknown;
}

/**
 * Making the call again cannot help (invalid input, 404, a refused request, a missing configuration). With a
 * `bpmnErrorCode` the model's error boundary event catches it; without one it becomes an incident at once, with no
 * retries spent.
 *
 * @example
 * if (response.status === 404) {
 *   throw new PermanentConnectorError('No person with that CPR number', { bpmnErrorCode: 'CPR_NOT_FOUND' });
 * }
 */
export class PermanentConnectorError extends ConnectorError {
  override readonly name = 'PermanentConnectorError';
  readonly retryable = false as const;
  readonly bpmnErrorCode?: string;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(message: string, options: PermanentConnectorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    if (options.bpmnErrorCode !== undefined) {
      if (options.bpmnErrorCode.trim() === '') throw new RangeError('bpmnErrorCode must not be empty');
      this.bpmnErrorCode = options.bpmnErrorCode;
    }
    if (options.details !== undefined) this.details = options.details;
  }

  toJSON(): ConnectorFailureRecord {
    return {
      kind: 'permanent',
      message: this.message,
      ...(this.bpmnErrorCode === undefined ? {} : { bpmnErrorCode: this.bpmnErrorCode }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** A classified connector failure. */
export type ConnectorFailure = RetryableConnectorError | PermanentConnectorError;
