import { NestFactory } from '@nestjs/core';
import type { INestApplication, INestApplicationContext, LoggerService, LogLevel } from '@nestjs/common';
import { configureCamundaRestApp, UNAUTHENTICATED_CALLER, type Authenticator } from '#camunda-rest';
import type { DataSource } from 'typeorm';
import { DesignerApiModule } from '../../../designer-api/src/designer-api.module.js';
import type { EngineConfig } from '../config/engine-config.js';
import { createBuiltInConnectorRegistry } from '../connectors/built-in-connectors.js';
import { ConnectorReferenceCheck } from '../connectors/connector-reference.check.js';
import { EngineModule } from '../engine.module.js';
import { openStore } from '../store/open-store.js';
import { StoreModule } from '../store/store.module.js';

/** Which apps this process runs: both (`npm start`), or one of them (`npm run start:engine` / `start:designer-api`). */
export type ServerSelection = 'all' | 'engine' | 'designer-api';

export interface ServerOptions {
  logger?: LoggerService | LogLevel[] | false;
}

/** The apps running in this process, and how to stop them in order. */
export interface RunningServers {
  /** The engine's REST API (ENGINE_ROLE all or api). */
  engine?: INestApplication;
  /** The engine without HTTP (ENGINE_ROLE worker): job workers and history cleanup only. */
  worker?: INestApplicationContext;
  designer?: INestApplication;
  dataSource: DataSource;
  /** Stops taking deployments, lets the engine finish its running jobs, then closes the store. */
  close(): Promise<void>;
}

/** Connections per process beyond the job workers': HTTP requests, the reconciler, history cleanup. */
const EXTRA_CONNECTIONS = 8;

/**
 * Starts the apps of one process over one store, opened and migrated first. The store and the connector registry
 * belong to the process, not to an app: the embedded store (PGlite) allows one process, so with it both apps must
 * run here and share it; deployment checks connector ids against the registry the runtime runs them from.
 */
export async function startServers(
  config: EngineConfig,
  selection: ServerSelection = 'all',
  options: ServerOptions = {},
): Promise<RunningServers> {
  if (selection !== 'all' && config.store.databaseUrl === undefined) {
    throw new Error(
      `Starting only the ${selection} needs DATABASE_URL: the embedded store (PGlite) allows one process per data ` +
        'directory, so without PostgreSQL run both apps in one process with `npm start`',
    );
  }
  const dataSource = await openStore(
    config.store.databaseUrl === undefined
      ? config.store
      : { ...config.store, poolSize: config.jobConcurrency + EXTRA_CONNECTIONS },
  );
  const connectors = createBuiltInConnectorRegistry();
  // TODO(#5 auth): API keys and OIDC from the configuration; until then every request acts without a tenant bound.
  const authenticator: Authenticator = { authenticate: () => Promise.resolve(UNAUTHENTICATED_CALLER) };
  const running: Omit<RunningServers, 'close' | 'dataSource'> = {};
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      try {
        // The designer first: no new deployments while the engine finishes its jobs; the store last.
        await running.designer?.close();
        await running.engine?.close();
        await running.worker?.close();
      } finally {
        await dataSource.destroy();
      }
    })();
    return closing;
  };
  // abortOnError off: a failing start-up throws its message here instead of aborting the process.
  const nestOptions = {
    abortOnError: false,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  };
  try {
    const runsDesigner = selection === 'designer-api' || (selection === 'all' && config.role !== 'worker');
    if (runsDesigner) {
      const designer = await NestFactory.create(
        DesignerApiModule.register({
          imports: [StoreModule.forDataSource(dataSource)],
          deploymentChecks: [new ConnectorReferenceCheck(connectors)],
        }),
        nestOptions,
      );
      running.designer = designer;
      configureCamundaRestApp(designer, authenticator);
      await designer.listen(config.designerPort);
    }
    if (selection !== 'designer-api') {
      const engineModule = EngineModule.register({ config, dataSource, connectors });
      if (config.role === 'worker') {
        running.worker = await NestFactory.createApplicationContext(engineModule, nestOptions);
        await running.worker.init();
      } else {
        const engine = await NestFactory.create(engineModule, nestOptions);
        running.engine = engine;
        configureCamundaRestApp(engine, authenticator);
        await engine.listen(config.enginePort);
      }
    }
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { ...running, dataSource, close };
}

/** Where an app listens, for the start-up message and for tests (`http://127.0.0.1:<port>`). */
export function addressOf(app: INestApplication): string {
  const address = app.getHttpServer().address() as { port: number } | string | null;
  return typeof address === 'object' && address !== null
    ? `http://localhost:${address.port}`
    : String(address);
}
