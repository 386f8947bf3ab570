import { NestFactory } from '@nestjs/core';
import { Logger, type INestApplication, type LogLevel } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import { authenticatorFor, configureCamundaRestApp } from '#camunda-rest';
import { loraBodyErrors } from '#lora';
import type { DataSource } from 'typeorm';
import { DesignerApiModule } from '../../../designer-api/src/designer-api.module.js';
import type { EngineConfig } from '../config/engine-config.js';
import { createBuiltInConnectorRegistry } from '../connectors/built-in-connectors.js';
import { ConnectorReferenceCheck } from '../connectors/connector-reference.check.js';
import { EngineModule } from '../engine.module.js';
import { publishOpenApi } from '../operations/openapi.js';
import { OperationsModule } from '../operations/operations.module.js';
import {
  logLevelOfNest,
  StructuredLogger,
  type StructuredLoggingOptions,
} from '../operations/structured-logging.js';
import { openStore } from '../store/open-store.js';
import { designerInstanceControl } from './runtime-instance-control.js';
import { StoreModule } from '../store/store.module.js';

/** Which apps this process runs: both (`npm start`), or one of them (`npm run start:engine` / `start:designer-api`). */
export type ServerSelection = 'all' | 'engine' | 'designer-api';

export interface ServerOptions {
  /** The Nest log levels to write (tests: `['error']`; `false`: nothing); LOG_LEVEL's when absent. */
  logger?: LogLevel[] | false;
  /** Where the JSON log lines go; standard output when absent. */
  logDestination?: DestinationStream;
}

/** The apps running in this process, and how to stop them in order. */
export interface RunningServers {
  /** The engine's REST API (ENGINE_ROLE all or api). */
  engine?: INestApplication;
  /**
   * The engine without its REST API (ENGINE_ROLE worker): job workers and history cleanup, with only `/health` and
   * `/metrics` on ENGINE_PORT so the node that runs the jobs can be probed and scraped.
   */
  worker?: INestApplication;
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
  const authenticator = authenticatorFor(config.auth);
  const logging: StructuredLoggingOptions = {
    level: options.logger === undefined ? config.logLevel : logLevelOfNest(options.logger),
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  };
  const running: Omit<RunningServers, 'close' | 'dataSource'> = {};
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      try {
        // The designer first: no new deployments while the engine finishes its jobs; the store last.
        await running.designer?.close();
        await running.engine?.close();
        await running.worker?.close();
        await connectors.close();
      } finally {
        await dataSource.destroy();
      }
    })();
    return closing;
  };
  // abortOnError off: a failing start-up throws its message here instead of aborting the process. Start-up logs
  // wait for the structured logger (useLogger below).
  // rawBody: the OS2forms webhook checks an HMAC of the body exactly as it arrived (request.rawBody).
  const nestOptions = { abortOnError: false, bufferLogs: true, rawBody: true };
  try {
    const runsDesigner = selection === 'designer-api' || (selection === 'all' && config.role !== 'worker');
    if (runsDesigner) {
      const designer = await NestFactory.create(
        DesignerApiModule.register({
          imports: [
            StoreModule.forDataSource(dataSource),
            OperationsModule.register({ app: 'designer-api', logging }),
          ],
          deploymentChecks: [new ConnectorReferenceCheck(connectors)],
          maxResourceBytes: config.maxResourceBytes,
          instanceControl: designerInstanceControl(dataSource, config),
        }),
        nestOptions,
      );
      running.designer = designer;
      designer.useLogger(designer.get(StructuredLogger));
      configureCamundaRestApp(designer, authenticator);
      publishOpenApi(
        designer,
        'kommune-flow designer-api',
        "Deploy and inspect models: Camunda 7's deployment and process-definition endpoints",
      );
      await designer.listen(config.designerPort);
    }
    if (selection !== 'designer-api') {
      const engine = await NestFactory.create(
        EngineModule.register({ config, dataSource, connectors, logging }),
        nestOptions,
      );
      engine.useLogger(engine.get(StructuredLogger));
      // The same guard and error shape on a worker node: its /metrics needs the monitoring role as the API's does.
      configureCamundaRestApp(engine, authenticator);
      if (config.role === 'worker') {
        running.worker = engine;
      } else {
        running.engine = engine;
        // After the body parser, before the routes: a LoRA body that does not parse answers in LoRA's error form.
        if (config.lora.enabled) engine.use(config.lora.prefix, loraBodyErrors());
        publishOpenApi(
          engine,
          'kommune-flow engine',
          "Camunda 7's REST API for caseworker systems and workers: process definitions and instances, messages, signals, tasks, external tasks, incidents, jobs, history",
        );
      }
      await engine.listen(config.enginePort);
    }
    warnAboutAuthentication(config);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return { ...running, dataSource, close };
}

/** Says at start-up when the APIs (a worker node's /metrics too) are open to anyone, or closed to everyone. */
function warnAboutAuthentication(config: EngineConfig): void {
  const logger = new Logger('Authentication');
  if (config.auth.mode === 'off') {
    logger.warn(
      'AUTH=off: authentication is switched off; every request may do anything, for any tenant it names. For local development only',
    );
  } else if (config.auth.apiKeys.length === 0 && !config.auth.oidc) {
    logger.warn(
      'No API keys (API_KEYS, API_KEYS_FILE) and no OIDC issuer (OIDC_ISSUER, OIDC_JWKS_URL, OIDC_AUDIENCE) are configured: every request is answered 401. Configure them, or set AUTH=off for local development',
    );
  }
}

/** Where an app listens, for the start-up message and for tests (`http://127.0.0.1:<port>`). */
export function addressOf(app: INestApplication): string {
  const address = app.getHttpServer().address() as { port: number } | string | null;
  return typeof address === 'object' && address !== null
    ? `http://localhost:${address.port}`
    : String(address);
}
