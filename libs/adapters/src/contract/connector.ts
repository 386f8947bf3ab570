import type { Schema } from '../schema/schema.js';
import type { TenantConnectorConfig } from '../tenant/tenant-connector-config.js';
import type { ConnectorLogger } from './connector-logger.js';

/** What a connector call is given besides its input. */
export interface ConnectorContext {
  /**
   * The same for every attempt at one job (the runtime derives it from the job's key), different for every other
   * job. Hand it to the other side (an `Idempotency-Key` header, a message id) or record it, so a call that is
   * retried after a timeout is recognised instead of done twice.
   */
  readonly idempotencyKey: string;
  /** The tenant (municipality) whose process instance makes the call, and its settings for this connector. */
  readonly tenant: { readonly id: string; readonly config: TenantConnectorConfig };
  /** Aborted when the call times out or the engine shuts down: pass it to `fetch` and stop waiting when it fires. */
  readonly signal: AbortSignal;
  /** The engine's clock; use it instead of `new Date()` so tests control time. */
  now(): Date;
  /** Must never receive personal data (see {@link ConnectorLogger}). */
  readonly log: ConnectorLogger;
}

/**
 * A built-in connector: the code that does a service task's work when the task names it (`connector:<id>`, see
 * {@link connectorIdOf}). It runs outside the engine's database transaction; its output is applied to the process
 * instance as a new command. Build one with {@link defineConnector}; run it through {@link runConnector}, which
 * validates its input and output and classifies its failures.
 *
 * A connector is stateless between calls (beyond caches), so any engine node can make any call, and idempotent
 * per `context.idempotencyKey`, because a call that timed out is made again.
 */
export interface Connector<Input, Output> {
  /** Lowercase letters, digits and inner hyphens (`noop`, `digital-post`, `os2mo`); see {@link CONNECTOR_ID_PATTERN}. */
  readonly id: string;
  /** One or two sentences for process owners and operators: what the connector does, against which system. */
  readonly description: string;
  /** What a service task must hand over (its input mappings); checked before `execute` is called. */
  readonly input: Schema<Input>;
  /** What `execute` returns: an object whose fields become the job's result variables. Checked after the call. */
  readonly output: Schema<Output>;
  /** How long one call may take before it is aborted and retried, in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * The connector id whose tenant settings this connector receives in `context.tenant.config` (default its own
   * id): connectors that share one configured system name it once (`backbone` for every backbone connector).
   */
  readonly settingsId?: string;
  /**
   * Does the work. Throw a {@link RetryableConnectorError} when trying again may help, a
   * {@link PermanentConnectorError} (optionally with a `bpmnErrorCode` the model catches) when it cannot; anything
   * else thrown counts as retryable.
   */
  execute(input: Input, context: ConnectorContext): Promise<Output>;
  /**
   * Releases what the connector keeps open between calls (pooled connections), when the engine shuts down; a call
   * made after it opens them again.
   */
  close?(): Promise<void> | void;
}

/** The connector id under which a tenant configures this connector: its `settingsId`, else its own id. */
export function settingsIdOf(connector: Pick<AnyConnector, 'id' | 'settingsId'>): string {
  return connector.settingsId ?? connector.id;
}

/** A connector of any input and output, as a registry holds it. */
export type AnyConnector = Connector<unknown, unknown>;

/** The form of a connector id. */
export const CONNECTOR_ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Declares a connector with its input and output types inferred from its schemas.
 *
 * @example
 * export const greetingConnector = defineConnector({
 *   id: 'greeting',
 *   description: 'Says hello; an example.',
 *   input: schema.object({ name: schema.string({ minLength: 1 }) }),
 *   output: schema.object({ greeting: schema.string() }),
 *   async execute(input) {
 *     return { greeting: `Hello, ${input.name}` };
 *   },
 * });
 */
export function defineConnector<Input, Output>(
  connector: Connector<Input, Output>,
): Connector<Input, Output> {
  if (!CONNECTOR_ID_PATTERN.test(connector.id)) {
    throw new Error(
      `Connector id '${connector.id}' is not valid: use lowercase letters, digits and inner hyphens, e.g. 'digital-post'`,
    );
  }
  if (connector.settingsId !== undefined && !CONNECTOR_ID_PATTERN.test(connector.settingsId)) {
    throw new Error(
      `Connector '${connector.id}': settingsId '${connector.settingsId}' is not valid: use a connector id, e.g. 'backbone'`,
    );
  }
  return connector;
}
