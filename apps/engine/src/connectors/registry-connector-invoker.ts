import {
  connectorIdOf,
  loadTenantConnectorConfig,
  runConnector,
  settingsIdOf,
  type ConnectorLogger,
  type ConnectorRegistry,
  type SecretResolver,
  type TenantConfigurationStore,
} from '#adapters';
import type { ConnectorInvoker, ConnectorOutcome } from '../runtime/job-runner.js';

export interface RegistryConnectorInvokerOptions {
  tenantConfigurations: TenantConfigurationStore;
  secrets: SecretResolver;
  log: ConnectorLogger;
  clock?: () => Date;
}

/**
 * The runtime's connector port, answered by libs/adapters: a job whose type is `connector:<id>` runs that connector
 * from the registry through `runConnector` (input and output validated, failures classified), with the job's id as
 * the idempotency key (the same for every retry of the job) and the calling tenant's configuration.
 */
export class RegistryConnectorInvoker implements ConnectorInvoker {
  /** Aborted when the engine shuts down: calls still running then stop waiting and count as retryable. */
  private readonly shutdown = new AbortController();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly options: RegistryConnectorInvokerOptions,
  ) {}

  isConnector(jobType: string): boolean {
    return connectorIdOf(jobType) !== undefined;
  }

  async invoke(call: {
    jobId: string;
    jobType: string;
    tenantId: string;
    input: Record<string, unknown>;
  }): Promise<ConnectorOutcome> {
    const connectorId = connectorIdOf(call.jobType) ?? '';
    // Connectors that share one configured system (the backbone) name the settings they receive.
    const connector = this.registry.get(connectorId);
    const config = await loadTenantConnectorConfig(
      this.options.tenantConfigurations,
      this.options.secrets,
      call.tenantId,
      connector === undefined ? connectorId : settingsIdOf(connector),
    );
    const clock = this.options.clock ?? (() => new Date());
    const result = await runConnector(this.registry, connectorId, call.input, {
      idempotencyKey: call.jobId,
      tenant: { id: call.tenantId, config },
      signal: this.shutdown.signal,
      now: clock,
      log: this.options.log,
    });
    if (result.status === 'completed') {
      const output = result.output;
      if (typeof output !== 'object' || output === null || Array.isArray(output)) {
        return {
          ok: false,
          retryable: false,
          message: `Connector '${connectorId}' returned no object, so its result cannot become variables (a bug in the connector)`,
        };
      }
      return { ok: true, output: output as Record<string, unknown> };
    }
    const { failure } = result;
    return {
      ok: false,
      retryable: failure.retryable,
      message: failure.message,
      ...(!failure.retryable && failure.bpmnErrorCode ? { bpmnErrorCode: failure.bpmnErrorCode } : {}),
    };
  }

  /** Calls still running stop waiting (their jobs are retried by whichever node picks them up next). */
  abortRunningCalls(): void {
    this.shutdown.abort(new Error('the engine is shutting down'));
  }
}
