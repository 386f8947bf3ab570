import { classifyConnectorFailure } from '../contract/classify-connector-failure.js';
import type { AnyConnector, ConnectorContext } from '../contract/connector.js';
import {
  PermanentConnectorError,
  RetryableConnectorError,
  type ConnectorFailure,
} from '../contract/connector-errors.js';
import { maskingConnectorLogger } from '../contract/connector-logger.js';
import { maskSensitiveText } from '../contract/sensitive-text.js';
import type { ConnectorRegistry } from '../registry/connector-registry.js';
import type { SchemaIssue } from '../schema/schema.js';
import { secretsRevealedBy } from '../tenant/tenant-connector-config.js';

/** How long a call may take when neither the connector nor the caller says otherwise. */
export const DEFAULT_CONNECTOR_TIMEOUT_MS = 30_000;

/** The longest timeout `setTimeout` can wait for. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface RunConnectorOptions {
  /** Overrides the connector's own `timeoutMs` (and the 30 s default), in milliseconds. */
  timeoutMs?: number;
}

/**
 * How a connector call ended: its validated output — to apply to the instance as a new command — or a classified
 * failure. For a failure, the runtime retries a retryable one (same idempotency key) while the job has retries,
 * throws a BPMN error for a permanent one with a `bpmnErrorCode`, and raises an incident for any other.
 */
export type ConnectorRunResult<Output = unknown> =
  | { readonly status: 'completed'; readonly output: Output }
  | { readonly status: 'failed'; readonly failure: ConnectorFailure };

function failed(failure: ConnectorFailure): ConnectorRunResult<never> {
  return { status: 'failed', failure };
}

function listIssues(issues: readonly SchemaIssue[]): string {
  return issues
    .map((issue) => `${issue.path} ${issue.message.startsWith('is ') ? '' : '— '}${issue.message}`)
    .join('; ');
}

function timeoutOf(connector: AnyConnector, options: RunConnectorOptions): number {
  const timeoutMs = options.timeoutMs ?? connector.timeoutMs ?? DEFAULT_CONNECTOR_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new RangeError(
      `The timeout for connector '${connector.id}' must be a number of milliseconds > 0, got ${timeoutMs}`,
    );
  }
  return Math.min(timeoutMs, MAX_TIMEOUT_MS);
}

function describeReason(reason: unknown): string {
  if (typeof reason === 'string') return reason;
  const message = (reason as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : 'no reason given';
}

/**
 * Makes one connector call the way the runtime does: looks the connector up, validates the input (a permanent
 * failure listing every path when it does not fit), calls it with a context whose signal aborts on `context.signal`
 * or the timeout, validates the output (output that does not fit is a permanent failure: a bug in the connector),
 * and classifies whatever was thrown — masking CPR numbers and the secrets the call resolved.
 *
 * It does not throw for anything a call can run into (an unknown connector, bad input, a failure, an abort); only a
 * caller's bug — an empty idempotency key, a timeout that is not a positive number — throws. An aborted or timed-out
 * call returns at once as a retryable failure, even if the connector ignores its signal.
 *
 * @example
 * const result = await runConnector(registry, connectorIdOf(job.type)!, variables, {
 *   idempotencyKey: job.key,
 *   tenant: { id: tenantId, config: await loadTenantConnectorConfig(store, secrets, tenantId, 'noop') },
 *   signal: shutdown.signal,
 *   now: () => clock.now(),
 *   log,
 * });
 * if (result.status === 'completed') await complete(job, result.output);
 */
export async function runConnector(
  registry: ConnectorRegistry,
  connectorId: string,
  rawInput: unknown,
  context: ConnectorContext,
  options: RunConnectorOptions = {},
): Promise<ConnectorRunResult> {
  if (context.idempotencyKey === '') throw new Error('runConnector needs a non-empty idempotency key');
  const connector = registry.get(connectorId);
  if (!connector) {
    const known = registry.ids();
    return failed(
      new PermanentConnectorError(
        `No connector '${connectorId}' is registered; ${known.length === 0 ? 'none are' : `known connectors: ${known.join(', ')}`}`,
      ),
    );
  }
  const timeoutMs = timeoutOf(connector, options);

  const input = connector.input.validate(rawInput);
  if (!input.ok) {
    return failed(
      new PermanentConnectorError(
        `Connector '${connector.id}' cannot take this input (check the task's input mappings): ${listIssues(input.issues)}`,
        { details: { issues: input.issues } },
      ),
    );
  }

  const secrets = (): readonly string[] => secretsRevealedBy(context.tenant.config);
  const log = maskingConnectorLogger(context.log, secrets);
  if (context.signal.aborted) {
    return failed(
      new RetryableConnectorError(
        maskSensitiveText(
          `Connector '${connector.id}' was not called: the call was aborted before it started (${describeReason(context.signal.reason)})`,
        ),
      ),
    );
  }

  const controller = new AbortController();
  let timedOut = false;
  const forwardAbort = (): void => controller.abort(context.signal.reason);
  context.signal.addEventListener('abort', forwardAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error(`timed out after ${timeoutMs} ms`));
  }, timeoutMs);
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  aborted.catch(() => {});

  const callContext: ConnectorContext = Object.freeze({
    idempotencyKey: context.idempotencyKey,
    tenant: context.tenant,
    signal: controller.signal,
    now: () => context.now(),
    log,
  });
  let output: unknown;
  try {
    const call = Promise.resolve().then(() => connector.execute(input.value, callContext));
    // A call that ends after it was abandoned must not become an unhandled rejection.
    call.catch(() => {});
    output = await Promise.race([call, aborted]);
  } catch (error) {
    if (controller.signal.aborted) {
      const message = timedOut
        ? `Connector '${connector.id}' did not finish within ${timeoutMs} ms and was aborted; a retry uses the same idempotency key`
        : `Connector '${connector.id}' was aborted before it finished (${describeReason(controller.signal.reason)})`;
      const failure = new RetryableConnectorError(maskSensitiveText(message, secrets()));
      log.warn(failure.message, { connector: connector.id, idempotencyKey: context.idempotencyKey });
      return failed(failure);
    }
    const failure = classifyConnectorFailure(error, { secrets: secrets() });
    log.warn(
      `Connector '${connector.id}' failed (${failure.retryable ? 'retryable' : 'permanent'}): ${failure.message}`,
      {
        connector: connector.id,
        idempotencyKey: context.idempotencyKey,
      },
    );
    return failed(failure);
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', forwardAbort);
  }

  const checked = connector.output.validate(output);
  if (!checked.ok) {
    return failed(
      new PermanentConnectorError(
        `Connector '${connector.id}' returned output that does not match its output schema (a bug in the connector): ${listIssues(checked.issues)}`,
        { details: { issues: checked.issues } },
      ),
    );
  }
  log.debug(`Connector '${connector.id}' completed`, {
    connector: connector.id,
    idempotencyKey: context.idempotencyKey,
  });
  return { status: 'completed', output: checked.value };
}
