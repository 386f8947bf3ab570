import type { ExternalJobDispatcher } from '../runtime/engine-runtime.js';

/**
 * For an API node without Redis (ENGINE_ROLE=api, no REDIS_URL): it runs no jobs. The jobs a command writes stay in
 * PostgreSQL, where the worker nodes' reconcilers find them within RECONCILE_INTERVAL_MS.
 */
export class WorkerNodesJobDispatcher implements ExternalJobDispatcher {
  dispatch(): void {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
}
