import type { ConnectorRegistry } from '#adapters';
import { LoraModule, type LoraModuleOptions } from '#lora';
import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EngineApiModule } from './api/engine-api.module.js';
import { BeskedfordelerModule } from './beskedfordeler/beskedfordeler.module.js';
import type { EngineConfig } from './config/engine-config.js';
import { LoraReactionsModule } from './lora-reactions/lora-reactions.module.js';
import { OperationsModule } from './operations/operations.module.js';
import type { StructuredLoggingOptions } from './operations/structured-logging.js';
import { RuntimeModule } from './runtime-module/runtime.module.js';
import { StoreModule } from './store/store.module.js';

/** What an engine app is made of; the process owns the store and the connector registry and may share them. */
export interface EngineAppParts {
  config: EngineConfig;
  dataSource: DataSource;
  connectors: ConnectorRegistry;
  /** Where and how much the app logs; the level of the configuration, to standard output, when absent. */
  logging?: StructuredLoggingOptions;
}

/**
 * The engine application: the durable runtime over the process's store, its operations endpoints (`/health`,
 * `/metrics`: on every role, a worker node serves only these) and, unless ENGINE_ROLE is `worker`, the
 * Camunda-7-compatible REST API on top of it and, unless LORA_ENABLED=false, the LoRA OIO REST service under
 * LORA_PREFIX (libs/lora), publishing its change notifications to AMQP_URL; with LORA_REACTIONS (any role) the
 * engine reacts to them. Logs are structured either way.
 */
@Module({})
export class EngineModule {
  static register(parts: EngineAppParts): DynamicModule {
    const runtime = RuntimeModule.register(parts.config, parts.connectors);
    const logging = parts.logging ?? { level: parts.config.logLevel };
    return {
      module: EngineModule,
      imports: [
        StoreModule.forDataSource(parts.dataSource),
        runtime,
        BeskedfordelerModule.register(runtime),
        // Every role answers /health and /metrics: a worker node's job counters are its own, scraped from it.
        OperationsModule.register({ app: 'engine', logging, runtime }),
        ...(parts.config.role === 'worker'
          ? []
          : [
              EngineApiModule.register(runtime),
              ...(parts.config.lora.enabled ? LoraModule.register(loraOptionsOf(parts.config)) : []),
            ]),
        ...loraReactionsOf(parts.config, runtime),
      ],
    };
  }
}

/** The LoRA service's mount, and its notification publisher when AMQP_URL is set (else the outbox keeps them). */
function loraOptionsOf(config: EngineConfig): LoraModuleOptions {
  const { amqpUrl, exchange, retentionMs } = config.loraNotifications;
  return {
    prefix: config.lora.prefix,
    ...(amqpUrl !== undefined ? { notifications: { amqpUrl, exchange, retentionMs } } : {}),
  };
}

/** The consumer of LoRA notifications, when reactions are configured (the configuration requires AMQP_URL then). */
function loraReactionsOf(config: EngineConfig, runtime: DynamicModule): DynamicModule[] {
  const settings = config.loraNotifications;
  if (settings.reactions.length === 0 || settings.amqpUrl === undefined) return [];
  return [LoraReactionsModule.register(runtime, { ...settings, amqpUrl: settings.amqpUrl })];
}
