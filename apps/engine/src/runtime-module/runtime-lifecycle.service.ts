import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ENGINE_CONFIG, type EngineConfig } from '../config/engine-config.js';
import { RegistryConnectorInvoker } from '../connectors/registry-connector-invoker.js';
import { EngineRuntime } from '../runtime/engine-runtime.js';
import { HistoryCleanup } from '../runtime/history-cleanup.js';
import { ensureQueueReachable, JOB_QUEUE, type JobQueue } from './job-queue.js';

/**
 * Starts and stops the runtime with the app. A node that runs jobs (ENGINE_ROLE all or worker) starts the job
 * workers, the reconciler (which first recovers jobs whose lock expired) and the history cleanup. On shutdown it
 * stops fetching and lets the running jobs finish before the store closes.
 */
@Injectable()
export class RuntimeLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EngineRuntime');

  constructor(
    private readonly runtime: EngineRuntime,
    private readonly cleanup: HistoryCleanup,
    private readonly connectors: RegistryConnectorInvoker,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(JOB_QUEUE) private readonly queue: JobQueue | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.queue) await ensureQueueReachable(this.queue, this.config);
    if (this.config.role === 'api') return;
    await this.runtime.start();
    this.cleanup.start();
    this.logger.log(
      `Running jobs (${this.config.jobConcurrency} at a time) ${this.queue ? `from Bull queue '${this.config.bullQueue}'` : 'in this process'}`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    this.cleanup.stop();
    await this.runtime.stop();
    this.connectors.abortRunningCalls();
  }
}
