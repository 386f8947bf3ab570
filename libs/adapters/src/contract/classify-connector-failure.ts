import {
  PermanentConnectorError,
  RetryableConnectorError,
  type ConnectorFailure,
} from './connector-errors.js';
import { maskSensitiveText, maskSensitiveValue } from './sensitive-text.js';

export interface ClassifyOptions {
  /** Secret values to mask besides CPR numbers and credential-looking text (the ones the connector resolved). */
  secrets?: readonly string[];
}

/** An Error from any realm (a `DOMException`, an error from a VM context) is recognised by its shape. */
function asErrorLike(value: unknown): { name: string; message: string } | undefined {
  if (value instanceof Error) return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, message } = value as { name?: unknown; message?: unknown };
  return typeof name === 'string' && typeof message === 'string' ? { name, message } : undefined;
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * Turns anything a connector threw into a {@link RetryableConnectorError} or a {@link PermanentConnectorError}.
 * Typed errors keep their class and fields; an abort is retryable; anything else is retryable too — a bug or an
 * unforeseen failure of the other side should not end a case before an operator has looked at it.
 *
 * The result is always a fresh error with masked text (CPR numbers, credentials, `secrets`) and no `cause`: the
 * original error's chain may hold a request with personal data, and the result is stored and logged.
 *
 * @example
 * classifyConnectorFailure(new TypeError('no person 0101901234')).message; // 'Unexpected TypeError: no person [CPR]'
 */
export function classifyConnectorFailure(error: unknown, options: ClassifyOptions = {}): ConnectorFailure {
  const secrets = options.secrets ?? [];
  const mask = (text: string): string => maskSensitiveText(text, secrets);
  if (error instanceof PermanentConnectorError) {
    return new PermanentConnectorError(mask(error.message), {
      ...(error.bpmnErrorCode === undefined ? {} : { bpmnErrorCode: error.bpmnErrorCode }),
      ...(error.details === undefined
        ? {}
        : { details: maskSensitiveValue(error.details, secrets) as Record<string, unknown> }),
    });
  }
  if (error instanceof RetryableConnectorError) {
    return new RetryableConnectorError(
      mask(error.message),
      error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs },
    );
  }
  const errorLike = asErrorLike(error);
  if (errorLike?.name === 'AbortError' || errorLike?.name === 'TimeoutError') {
    return new RetryableConnectorError(mask(`The call was aborted (${errorLike.message})`));
  }
  if (errorLike)
    return new RetryableConnectorError(mask(`Unexpected ${errorLike.name}: ${errorLike.message}`));
  return new RetryableConnectorError(mask(`Unexpected failure: ${describeThrown(error)}`));
}
