import type { ConnectorRegistry } from '#adapters';
import { Module, type DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EngineApiModule } from './api/engine-api.module.js';
import type { EngineConfig } from './config/engine-config.js';
import { RuntimeModule } from './runtime-module/runtime.module.js';
import { StoreModule } from './store/store.module.js';

/** What an engine app is made of; the process owns the store and the connector registry and may share them. */
export interface EngineAppParts {
  config: EngineConfig;
  dataSource: DataSource;
  connectors: ConnectorRegistry;
}

/**
 * The engine application: the durable runtime over the process's store and, unless ENGINE_ROLE is `worker`, the
 * Camunda-7-compatible REST API on top of it.
 */
@Module({})
export class EngineModule {
  static register(parts: EngineAppParts): DynamicModule {
    const runtime = RuntimeModule.register(parts.config, parts.connectors);
    return {
      module: EngineModule,
      imports: [
        StoreModule.forDataSource(parts.dataSource),
        runtime,
        ...(parts.config.role === 'worker' ? [] : [EngineApiModule.register(runtime)]),
      ],
    };
  }
}
