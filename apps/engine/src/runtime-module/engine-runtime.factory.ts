import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { EngineConfig } from '../config/engine-config.js';
import { BullJobDispatcher } from '../runtime/bull-job-dispatcher.js';
import { EngineRuntime, type ExternalJobDispatcher } from '../runtime/engine-runtime.js';
import type { ConnectorInvoker } from '../runtime/job-runner.js';
import type { JobQueue } from './job-queue.js';
import { WorkerNodesJobDispatcher } from './worker-nodes-job-dispatcher.js';

/**
 * The durable runtime as the configuration asks: jobs through Bull when REDIS_URL is set, else run in this process
 * — or, on an API node without Redis, left in PostgreSQL for the worker nodes.
 */
export function createEngineRuntime(
  dataSource: DataSource,
  config: EngineConfig,
  connectors: ConnectorInvoker,
  queue: JobQueue | null,
): EngineRuntime {
  return new EngineRuntime(dataSource, {
    // Unique per runtime: a job's lock names its owner, so two runtimes in one process must not share a name.
    workerId: `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`,
    jobConcurrency: config.jobConcurrency,
    reconcileIntervalMs: config.reconcileIntervalMs,
    lockDurationMs: config.jobLockMs,
    retryBaseMs: config.jobRetryBaseMs,
    defaultRetries: config.jobRetries,
    connectors,
    ...externalDispatcherOf(config, queue),
  });
}

function externalDispatcherOf(
  config: EngineConfig,
  queue: JobQueue | null,
): { externalDispatcher?: ExternalJobDispatcher } {
  if (queue) return { externalDispatcher: new BullJobDispatcher(queue, config.jobConcurrency) };
  if (config.role === 'api') return { externalDispatcher: new WorkerNodesJobDispatcher() };
  return {};
}
