import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadEngineConfig } from './config/engine-config.js';
import { describeStore } from './store/open-store.js';
import {
  addressOf,
  startServers,
  type RunningServers,
  type ServerSelection,
} from './servers/start-servers.js';

const USAGE = `Usage: node dist/apps/engine/src/main.js [engine | designer-api]
  npm start                    the engine (ENGINE_PORT, 8080) and the designer-api (DESIGNER_PORT, 8081) in one process
  npm run start:engine         the engine only (needs DATABASE_URL)
  npm run start:designer-api   the designer-api only (needs DATABASE_URL)
  Configuration comes from the environment: see the README. To run a model file in memory: npm run model -- <file>`;

const SELECTIONS: Record<string, ServerSelection> = { engine: 'engine', 'designer-api': 'designer-api' };

async function main(): Promise<void> {
  const argument = process.argv[2];
  if (argument === '--help' || argument === '-h') {
    console.log(USAGE);
    return;
  }
  const selection = argument === undefined ? 'all' : SELECTIONS[argument];
  if (!selection) {
    console.error(`Unknown app '${argument}': expected engine or designer-api.\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const config = loadEngineConfig(process.env);
  // JSON lines at LOG_LEVEL (info by default: connector calls, at debug, are left out).
  const servers = await startServers(config, selection);
  const logger = new Logger('kommune-flow');
  logger.log(
    `Store: ${describeStore(config.store)}; jobs ${config.redisUrl ? `on Bull queue '${config.bullQueue}'` : 'in this process'}`,
  );
  if (servers.engine) logger.log(`Engine REST API at ${addressOf(servers.engine)}/engine-rest`);
  if (servers.worker) {
    logger.log(
      `Engine worker running jobs (ENGINE_ROLE=worker), /health and /metrics at ${addressOf(servers.worker)}`,
    );
  }
  if (servers.designer) logger.log(`Designer API at ${addressOf(servers.designer)}/engine-rest`);
  stopOnSignal(servers, logger);
}

/**
 * One handler for the whole process, rather than each app's own shutdown hooks: the apps and the store they share
 * must stop in order (designer, engine — whose runtime finishes its running jobs —, then the store). A second
 * signal stops at once.
 */
function stopOnSignal(servers: RunningServers, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: stopping now, without waiting for running jobs`);
      process.exit(1);
    }
    stopping = true;
    logger.log(`${signal}: stopping; running jobs finish first`);
    servers.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`Stopping failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
