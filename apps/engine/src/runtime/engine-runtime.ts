import type { DataSource } from 'typeorm';
import { DefinitionCatalog } from './definition-catalog.js';
import {
  DefinitionSuspension,
  type SuspensionChange,
  type SuspensionTarget,
} from './definition-suspension.js';
import { EffectProjector, type DispatchRequest } from './effect-projector.js';
import { EventRouting } from './event-routing.js';
import { HistoryWriter } from './history-writer.js';
import { ExternalTaskNotifier } from './external-task-notifier.js';
import { ExternalTasks } from './external-tasks.js';
import { InProcessJobDispatcher } from './in-process-job-dispatcher.js';
import { IncidentResolution } from './incident-resolution.js';
import { InstanceCommands, type JobDispatcher } from './instance-commands.js';
import { JobOperations } from './job-operations.js';
import { JobReconciler } from './job-reconciler.js';
import { JobRunner, type ConnectorInvoker } from './job-runner.js';

export interface EngineRuntimeOptions {
  workerId: string;
  /** Concurrent jobs this process runs. */
  jobConcurrency: number;
  /** How often PostgreSQL is searched for due jobs that nobody dispatched. */
  reconcileIntervalMs: number;
  lockDurationMs: number;
  retryBaseMs: number;
  defaultRetries: number;
  connectors: ConnectorInvoker;
  /** Hands jobs to Bull; without one, jobs run in this process (the embedded mode). */
  externalDispatcher?: ExternalJobDispatcher;
  clock?: () => Date;
}

/** A dispatcher backed by a queue outside this process (Bull on Redis): it also runs the jobs it receives. */
export interface ExternalJobDispatcher extends JobDispatcher {
  start(runJob: (jobId: string) => Promise<unknown>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The durable runtime, composed: commands in one transaction each, their jobs dispatched after commit, run by job
 * workers in this or another process, and a reconciler that treats PostgreSQL as the truth.
 */
export class EngineRuntime {
  readonly definitions = new DefinitionCatalog();
  readonly commands: InstanceCommands;
  readonly routing: EventRouting;
  readonly jobs: JobRunner;
  readonly reconciler: JobReconciler;
  readonly incidents: IncidentResolution;
  readonly externalTasks: ExternalTasks;
  /** What an operator does to a job: set its retries, run it now, move its due date. */
  readonly jobOperations: JobOperations;
  /** Suspends and activates process definitions, now or at a scheduled time (a job). */
  readonly definitionSuspension: DefinitionSuspension;
  /** Wakes long-polling fetch-and-lock requests when external tasks are committed. */
  readonly externalTaskNotifier: ExternalTaskNotifier;
  private readonly local: InProcessJobDispatcher | undefined;

  constructor(
    readonly dataSource: DataSource,
    private readonly options: EngineRuntimeOptions,
  ) {
    const forward: JobDispatcher = { dispatch: (requests) => this.dispatch(requests) };
    // Waiting fetches re-check as often as the reconciler polls: the same bound on finding work nobody announced.
    this.externalTaskNotifier = new ExternalTaskNotifier(options.reconcileIntervalMs);
    this.commands = new InstanceCommands(
      dataSource,
      this.definitions,
      new EffectProjector((jobType) => options.connectors.isConnector(jobType)),
      new HistoryWriter(),
      forward,
      options.clock,
    );
    this.routing = new EventRouting(dataSource, this.definitions, this.commands, forward);
    this.definitionSuspension = new DefinitionSuspension(dataSource);
    this.jobs = new JobRunner(
      dataSource,
      this.definitions,
      this.commands,
      this.routing,
      options.connectors,
      this.definitionSuspension,
      {
        workerId: options.workerId,
        lockDurationMs: options.lockDurationMs,
        retryBaseMs: options.retryBaseMs,
        defaultRetries: options.defaultRetries,
      },
      (jobId, dueAt) => this.dispatch([{ jobId, dueAt }]),
    );
    this.local = options.externalDispatcher
      ? undefined
      : new InProcessJobDispatcher((jobId) => this.jobs.run(jobId), options.jobConcurrency);
    this.reconciler = new JobReconciler(dataSource, forward, options.reconcileIntervalMs);
    this.incidents = new IncidentResolution(dataSource, this.commands, forward, options.defaultRetries);
    this.externalTasks = new ExternalTasks(dataSource, this.commands, this.externalTaskNotifier);
    this.jobOperations = new JobOperations(dataSource, this.commands, this.incidents, this.jobs, forward);
  }

  /** Starts working on jobs: the queue's workers (or the local pool) and the reconciler, which first recovers what is due. */
  async start(): Promise<void> {
    if (this.options.externalDispatcher)
      await this.options.externalDispatcher.start((jobId) => this.jobs.run(jobId));
    await this.reconciler.reconcile();
    this.reconciler.start();
  }

  /** Graceful shutdown: stop fetching, let running jobs finish (locks of the rest expire and others recover them). */
  async stop(): Promise<void> {
    this.externalTaskNotifier.close();
    this.reconciler.stop();
    if (this.options.externalDispatcher) await this.options.externalDispatcher.stop();
    if (this.local) await this.local.stop();
  }

  /** Resolves when this process has no job queued or running (embedded mode; tests wait for the engine to settle). */
  async settled(): Promise<void> {
    for (let round = 0; round < 1000; round += 1) {
      await this.local?.idle();
      const handed = await this.reconciler.reconcile();
      await this.local?.idle();
      if (handed === 0) return;
    }
  }

  /**
   * Applies a suspension of process definitions now, or schedules it as a job due at `executionDate` (a date not in
   * the future applies now). False when no definition of the tenant matches.
   */
  async suspendDefinitions(
    tenantId: string,
    target: SuspensionTarget,
    change: SuspensionChange,
    executionDate?: Date,
  ): Promise<boolean> {
    const now = this.options.clock?.() ?? new Date();
    if (!executionDate || executionDate <= now) {
      return this.definitionSuspension.apply(tenantId, target, change);
    }
    const scheduled = await this.definitionSuspension.schedule(tenantId, target, change, executionDate);
    if (scheduled) this.dispatch([scheduled]);
    return scheduled !== undefined;
  }

  /** Hands over the jobs a command wrote in a caller's own transaction (`manager` given), once that committed. */
  dispatchCommitted(requests: DispatchRequest[]): void {
    this.dispatch(requests);
  }

  private dispatch(all: DispatchRequest[]): void {
    if (all.length === 0) return;
    const requests = all.filter((request) => !request.externalTask);
    if (requests.length < all.length) {
      this.externalTaskNotifier.announce(all.flatMap((request) => request.externalTask ?? []));
    }
    if (requests.length === 0) return;
    if (this.options.externalDispatcher) this.options.externalDispatcher.dispatch(requests);
    else this.local?.dispatch(requests);
  }
}
