import {
  EnvFileSecretResolver,
  InMemoryTenantConfigurationStore,
  type ConnectorRegistry,
  type SecretResolver,
  type TenantConfigurationStore,
} from '#adapters';
import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ConnectorSettingsReloader } from '../config/connector-settings-reloader.js';
import { ConnectorSettingsWatch } from '../config/connector-settings-watch.service.js';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config.js';
import { CONNECTOR_SECRETS, TENANT_CONFIGURATIONS } from '../connectors/connector-settings.tokens.js';
import { NestConnectorLogger } from '../connectors/nest-connector-logger.js';
import { RegistryConnectorInvoker } from '../connectors/registry-connector-invoker.js';
import { EngineRuntime } from '../runtime/engine-runtime.js';
import { HistoryCleanup } from '../runtime/history-cleanup.js';
import { createEngineRuntime } from './engine-runtime.factory.js';
import { JOB_QUEUE, jobQueueImports, jobQueueProvider, type JobQueue } from './job-queue.js';
import { RuntimeLifecycle } from './runtime-lifecycle.service.js';

/** Rows of expired history removed per transaction, so a backlog never holds long locks. */
const HISTORY_CLEANUP_BATCH = 500;

/** Where a tenant's connector settings may point for secrets (`env:KF_SECRET_…`, `file:/run/secrets/…`). */
const SECRET_ENV_PREFIXES = ['KF_SECRET_'];
const SECRET_DIRECTORIES = ['/run/secrets'];

/**
 * The durable runtime in an app: `EngineRuntime` (commands, job workers, reconciler) over the app's store, its
 * connectors from the process's registry, Bull when REDIS_URL is set, the scheduled history cleanup, and their
 * start and graceful stop. Exports the runtime, the configuration and the job queue (for the health check), and the
 * tenants' connector settings with their reloader (CONNECTOR_SETTINGS_FILE is read again when it changes).
 */
@Module({})
export class RuntimeModule {
  static register(config: EngineConfig, connectors: ConnectorRegistry): DynamicModule {
    return {
      module: RuntimeModule,
      imports: jobQueueImports(config),
      providers: [
        { provide: ENGINE_CONFIG, useValue: config },
        jobQueueProvider(config),
        // Tenant settings come from CONNECTOR_SETTINGS_FILE, read at start-up and again when it changes.
        { provide: TENANT_CONFIGURATIONS, useFactory: () => new InMemoryTenantConfigurationStore() },
        {
          provide: ConnectorSettingsReloader,
          useFactory: (store: InMemoryTenantConfigurationStore) =>
            new ConnectorSettingsReloader(
              config.connectorSettingsFile,
              store,
              config.connectorSettings ?? {},
              new Logger('ConnectorSettings'),
            ),
          inject: [TENANT_CONFIGURATIONS],
        },
        ConnectorSettingsWatch,
        {
          provide: CONNECTOR_SECRETS,
          useFactory: () =>
            new EnvFileSecretResolver({
              allowedEnvPrefixes: SECRET_ENV_PREFIXES,
              allowedDirectories: SECRET_DIRECTORIES,
            }),
        },
        {
          provide: RegistryConnectorInvoker,
          useFactory: (tenantConfigurations: TenantConfigurationStore, secrets: SecretResolver) =>
            new RegistryConnectorInvoker(connectors, {
              tenantConfigurations,
              secrets,
              log: new NestConnectorLogger(),
            }),
          inject: [TENANT_CONFIGURATIONS, CONNECTOR_SECRETS],
        },
        {
          provide: EngineRuntime,
          useFactory: (dataSource: DataSource, invoker: RegistryConnectorInvoker, queue: JobQueue | null) =>
            createEngineRuntime(dataSource, config, invoker, queue),
          inject: [DataSource, RegistryConnectorInvoker, JOB_QUEUE],
        },
        {
          provide: HistoryCleanup,
          useFactory: (dataSource: DataSource) =>
            new HistoryCleanup(dataSource, {
              batchSize: HISTORY_CLEANUP_BATCH,
              intervalMs: config.historyCleanupIntervalMs,
              defaultTimeToLiveDays: config.historyTtlDays,
            }),
          inject: [DataSource],
        },
        RuntimeLifecycle,
      ],
      exports: [
        EngineRuntime,
        ENGINE_CONFIG,
        JOB_QUEUE,
        TENANT_CONFIGURATIONS,
        CONNECTOR_SECRETS,
        ConnectorSettingsReloader,
      ],
    };
  }
}
