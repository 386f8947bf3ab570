import { CommandRejectedError, typedVariablesOf, type Effect, type VariableMap, type Wait } from '#bpmn';
import { returnedRows } from '#store';
import type { DataSource } from 'typeorm';
import { DELIVER_BUFFERED_MESSAGE_JOB } from './buffered-messages.js';
import type { DefinitionCatalog, RuntimeDefinition } from './definition-catalog.js';
import { DEFINITION_SUSPENSION_JOB, type DefinitionSuspension } from './definition-suspension.js';
import type { DispatchRequest } from './effect-projector.js';
import type { EventRouting } from './event-routing.js';
import { InstanceSuspendedError, type InstanceCommands } from './instance-commands.js';
import { instanceRowColumns, type InstanceRow } from './instance-row.js';
import { GroupCommitQueue, type Settled } from './group-commit-queue.js';
import { retriesOf, retryDelayMs } from './retry-policy.js';
import { RuntimeObservers } from './runtime-observers.js';

/** A locked job row, as the runner reads it. */
interface JobRow {
  id: string;
  tenant_id: string;
  process_instance_id: string | null;
  kind: string;
  type: string | null;
  payload: Record<string, unknown> | null;
  retries: number | null;
  retry_time_cycle: string | null;
  /** The job's instance, read with the lock (one round trip less); null for a job without one. */
  instance?: InstanceRow | null;
}

/** The parts of an instance's state a connector's input is taken from. */
interface InstanceStateForInput {
  variables: Record<string, VariableMap>;
  waits: Record<string, Wait>;
}

/** What a connector call came to, classified by the adapters' contract. */
export type ConnectorOutcome =
  | { ok: true; output: Record<string, unknown> }
  | { ok: false; retryable: boolean; message: string; bpmnErrorCode?: string };

/** The port to libs/adapters: runs a connector outside any database transaction. */
export interface ConnectorInvoker {
  isConnector(jobType: string): boolean;
  invoke(call: {
    jobId: string;
    jobType: string;
    tenantId: string;
    input: Record<string, unknown>;
  }): Promise<ConnectorOutcome>;
}

export interface JobRunnerOptions {
  workerId: string;
  lockDurationMs: number;
  /** Base of the exponential backoff for failed jobs without a retry cycle. */
  retryBaseMs: number;
  defaultRetries: number;
}

/**
 * Runs one job: takes its lock in PostgreSQL (a second dispatch of the same job finds it locked and does nothing),
 * does what its kind says — fire a timer, continue asynchronously, call a connector, start or answer a called
 * process, route a message or a signal — and applies the outcome as a command. A failure counts down the job's
 * retries with a backoff, then becomes an incident.
 */
export class JobRunner {
  /** Told of every job attempt and every failed one (metrics). */
  readonly observers = new RuntimeObservers();
  /** Locks of jobs delivered at about the same time, taken together in one statement. */
  private readonly locks = new GroupCommitQueue<string, JobRow | undefined>(
    (jobIds) => this.lockAll(jobIds),
    { maxBatches: 2, maxBatchSize: 64 },
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionCatalog,
    private readonly commands: InstanceCommands,
    private readonly routing: EventRouting,
    private readonly connectors: ConnectorInvoker,
    private readonly suspension: DefinitionSuspension,
    private readonly options: JobRunnerOptions,
    private readonly onRetry: (jobId: string, dueAt: Date) => void,
  ) {}

  /** Runs the job if it is due and nobody holds it; false when there was nothing to do. */
  async run(jobId: string): Promise<boolean> {
    const job = await this.lock(jobId);
    if (!job) return false;
    try {
      await this.execute(job);
    } catch (error) {
      await this.failed(job, error instanceof Error ? error.message : String(error));
    }
    this.observers.jobExecuted(job.kind);
    return true;
  }

  private lock(jobId: string): Promise<JobRow | undefined> {
    return this.locks.submit(jobId);
  }

  /**
   * Takes the locks of the given jobs in one statement (the workers of this process asked for them at about the same
   * time): each job is locked if it is due and nobody holds it. The instance's row comes with the lock (one round
   * trip less): the job's command starts from it.
   */
  private async lockAll(jobIds: string[]): Promise<Array<Settled<JobRow | undefined>>> {
    const rows = await this.dataSource.query(
      `WITH locked AS (
         UPDATE jobs SET lock_owner = $2, lock_expires_at = now() + ($3 || ' milliseconds')::interval
         WHERE id = ANY($1) AND due_at <= now() + interval '1 second' AND (lock_owner IS NULL OR lock_expires_at < now())
           AND NOT EXISTS (SELECT 1 FROM process_instances s WHERE s.id = jobs.process_instance_id AND s.suspended)
         RETURNING id, tenant_id, process_instance_id, kind, type, payload, retries, retry_time_cycle)
       SELECT locked.*, (SELECT row_to_json(i) FROM (SELECT ${instanceRowColumns('p')} FROM process_instances p
           WHERE p.id = locked.process_instance_id AND p.tenant_id = locked.tenant_id) i) AS instance
       FROM locked`,
      [jobIds, this.options.workerId, String(this.options.lockDurationMs)],
    );
    const locked = new Map(returnedRows<JobRow>(rows).map((row) => [row.id, row]));
    // The same job asked for twice at once (two deliveries): only the first asker gets the lock.
    return jobIds.map((jobId) => {
      const row = locked.get(jobId);
      locked.delete(jobId);
      return { ok: true, value: row };
    });
  }

  private async execute(job: JobRow): Promise<void> {
    const tenantId = job.tenant_id;
    const instanceId = job.process_instance_id as string;
    switch (job.kind) {
      case 'timer':
      case 'async':
        return this.command(job, () =>
          this.commands.run(tenantId, instanceId, { type: 'trigger', waitKey: job.id }, undefined, {
            known: known(job),
          }),
        );
      case 'connector':
        return this.callConnector(job);
      case 'start-child':
        return this.startChild(job);
      case 'child-ended':
        return this.childEnded(job);
      case 'child-escalated':
        return this.command(job, () =>
          this.commands.run(tenantId, instanceId, {
            type: 'throw-escalation',
            waitKey: job.type as string,
            escalationCode: String(job.payload?.escalationCode),
          }),
        );
      case 'cancel-instance':
        return this.command(job, () => this.commands.run(tenantId, job.type as string, { type: 'cancel' }));
      case 'publish-message':
        await this.routing.correlateMessage({
          tenantId,
          messageName: job.type as string,
          ...(job.payload?.correlationKey ? { correlationKey: String(job.payload.correlationKey) } : {}),
          variables: (job.payload?.variables ?? {}) as VariableMap,
        });
        return this.remove(job);
      case 'broadcast-signal':
        await this.routing.broadcastSignal(
          tenantId,
          job.type as string,
          (job.payload?.variables ?? {}) as VariableMap,
        );
        return this.remove(job);
      case DELIVER_BUFFERED_MESSAGE_JOB:
        await this.routing.deliverBuffered(tenantId, job.type as string);
        return this.remove(job);
      case DEFINITION_SUSPENSION_JOB:
        await this.suspension.runJob(tenantId, job.payload);
        return this.remove(job);
      default:
        throw new Error(`Job '${job.id}' has an unknown kind '${job.kind}'`);
    }
  }

  /** A command whose wait may already be gone (cancelled meanwhile): then the job has nothing left to do. */
  private async command(job: JobRow, run: () => Promise<{ result: { effects: Effect[] } }>): Promise<void> {
    let effects: Effect[] = [];
    try {
      effects = (await run()).result.effects;
    } catch (error) {
      // Suspended after the job was locked: the job stays for the activation (its lock is given back).
      if (error instanceof InstanceSuspendedError) return this.release(job);
      if (!(error instanceof CommandRejectedError)) throw error;
    }
    // The command's own transaction deleted the job row when it closed the job's wait (or rescheduled it, unlocked):
    // nothing is left to delete. Follow-ups, and jobs whose command was rejected, are deleted here.
    const handled = effects.some(
      (effect) =>
        (effect.type === 'wait.closed' && effect.key === job.id) ||
        (effect.type === 'wait.updated' && effect.wait.key === job.id),
    );
    if (!handled) await this.remove(job);
  }

  private async callConnector(job: JobRow): Promise<void> {
    const instanceId = job.process_instance_id as string;
    const outcome = await this.connectors.invoke({
      jobId: job.id,
      jobType: job.type as string,
      tenantId: job.tenant_id,
      input: await this.inputOf(job),
    });
    if (outcome.ok) {
      return this.command(job, () =>
        this.commands.run(
          job.tenant_id,
          instanceId,
          { type: 'trigger', waitKey: job.id, variables: typedVariablesOf(outcome.output) },
          undefined,
          { known: known(job) },
        ),
      );
    }
    if (!outcome.retryable && outcome.bpmnErrorCode) {
      return this.command(job, () =>
        this.commands.run(job.tenant_id, instanceId, {
          type: 'throw-error',
          waitKey: job.id,
          errorCode: outcome.bpmnErrorCode as string,
          errorMessage: outcome.message,
        }),
      );
    }
    if (!outcome.retryable) return this.exhausted(job, outcome.message);
    return this.failed(job, outcome.message);
  }

  /**
   * The connector's input: the task's own variables — what its input mappings made, as for Camunda 7's connector
   * input parameters — so a connector gets exactly what the model hands it, not every process variable.
   */
  private async inputOf(job: JobRow): Promise<Record<string, unknown>> {
    const state =
      (job.instance?.state as InstanceStateForInput | undefined) ??
      (
        (await this.dataSource.query(`SELECT state FROM process_instances WHERE id = $1 AND tenant_id = $2`, [
          job.process_instance_id,
          job.tenant_id,
        ])) as Array<{ state: InstanceStateForInput }>
      )[0]?.state;
    const wait = state?.waits[job.id];
    if (!state || !wait) return {};
    const input: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(state.variables[wait.ownerKey] ?? {}))
      input[name] = value.value;
    return input;
  }

  private async startChild(job: JobRow): Promise<void> {
    const wait = job.payload?.wait as Extract<Wait, { kind: 'call-activity' }>;
    const callerId = job.process_instance_id as string;
    const tenantId = wait.tenantId ?? job.tenant_id;
    const pending: DispatchRequest[] = [];
    await this.dataSource.transaction(async (manager) => {
      const definition = await this.calledDefinition(manager, tenantId, wait, callerId, job.tenant_id);
      if (!definition) {
        const outcome = await this.commands.run(
          job.tenant_id,
          callerId,
          {
            type: 'fail-wait',
            waitKey: job.id,
            message: `No deployed process '${wait.processId}' to call (binding ${wait.binding})`,
          },
          manager,
        );
        pending.push(...outcome.dispatch);
        return;
      }
      const started = await this.commands.start(
        {
          tenantId,
          definition,
          variables: wait.variables,
          ...(wait.businessKey !== undefined ? { businessKey: wait.businessKey } : {}),
          superInstanceId: callerId,
          superWaitKey: job.id,
        },
        manager,
      );
      pending.push(...started.dispatch);
      // The job row stays as the caller's record of the call until the call ends; it is no longer due.
      await manager.query(
        `UPDATE jobs SET due_at = 'infinity', lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`,
        [job.id],
      );
    });
    this.redispatch(pending);
  }

  private async calledDefinition(
    manager: Parameters<DefinitionCatalog['latest']>[0],
    tenantId: string,
    wait: Extract<Wait, { kind: 'call-activity' }>,
    callerId: string,
    callerTenant: string,
  ): Promise<RuntimeDefinition | undefined> {
    switch (wait.binding) {
      case 'version':
        return this.definitions.byVersion(manager, tenantId, wait.processId, wait.version ?? 0);
      case 'versionTag':
        return this.definitions.byVersionTag(manager, tenantId, wait.processId, wait.versionTag ?? '');
      case 'deployment': {
        const rows = (await manager.query(
          `SELECT d.deployment_id FROM process_instances i JOIN process_definitions d ON d.id = i.definition_id
           WHERE i.id = $1 AND i.tenant_id = $2`,
          [callerId, callerTenant],
        )) as Array<{ deployment_id: string }>;
        return rows[0]
          ? this.definitions.inDeployment(manager, tenantId, wait.processId, rows[0].deployment_id)
          : undefined;
      }
      default:
        return this.definitions.latest(manager, tenantId, wait.processId);
    }
  }

  private async childEnded(job: JobRow): Promise<void> {
    const callerId = job.process_instance_id as string;
    const waitKey = job.type as string;
    const status = String(job.payload?.status);
    const command =
      status === 'completed'
        ? { type: 'trigger' as const, waitKey, variables: (job.payload?.variables ?? {}) as VariableMap }
        : status === 'failed'
          ? {
              type: 'throw-error' as const,
              waitKey,
              errorCode: String(
                (job.payload?.failure as { errorCode?: string } | undefined)?.errorCode ?? 'unknown',
              ),
            }
          : {
              type: 'fail-wait' as const,
              waitKey,
              message: 'The called process was cancelled before it completed',
            };
    return this.command(job, () => this.commands.run(job.tenant_id, callerId, command));
  }

  /** A failed attempt: count down the retries with a backoff, or raise an incident when none is left. */
  private async failed(job: JobRow, message: string): Promise<void> {
    this.observers.jobFailed(job.kind);
    const budget = job.retries ?? retriesOf(job.retry_time_cycle, this.options.defaultRetries);
    const left = budget - 1;
    // Of the jobs without an instance only a scheduled suspension is retried: running it twice changes nothing more.
    const retryable = job.process_instance_id !== null || job.kind === DEFINITION_SUSPENSION_JOB;
    if (left <= 0 || !retryable) return this.exhausted(job, message);
    const attempt = retriesOf(job.retry_time_cycle, this.options.defaultRetries) - left;
    const dueAt = new Date(
      Date.now() + retryDelayMs(job.retry_time_cycle, Math.max(attempt, 1), this.options.retryBaseMs),
    );
    await this.dataSource.query(
      `UPDATE jobs SET retries = $2, due_at = $3, lock_owner = NULL, lock_expires_at = NULL, error_message = $4 WHERE id = $1`,
      [job.id, left, dueAt, message.slice(0, 4000)],
    );
    this.onRetry(job.id, dueAt);
  }

  /** No retries left: the job stays (for an operator to retry) and its activity gets an incident. */
  private async exhausted(job: JobRow, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET retries = 0, due_at = 'infinity', lock_owner = NULL, lock_expires_at = NULL, error_message = $2 WHERE id = $1`,
      [job.id, message.slice(0, 4000)],
    );
    if (!job.process_instance_id) return;
    try {
      await this.commands.run(job.tenant_id, job.process_instance_id, {
        type: 'fail-wait',
        waitKey: job.id,
        message,
      });
    } catch (error) {
      if (!(error instanceof CommandRejectedError)) throw error;
    }
  }

  private async release(job: JobRow): Promise<void> {
    await this.dataSource.query(
      `UPDATE jobs SET lock_owner = NULL, lock_expires_at = NULL WHERE id = $1 AND lock_owner = $2`,
      [job.id, this.options.workerId],
    );
  }

  private async remove(job: JobRow): Promise<void> {
    await this.dataSource.query(`DELETE FROM jobs WHERE id = $1 AND lock_owner = $2`, [
      job.id,
      this.options.workerId,
    ]);
  }

  private redispatch(requests: DispatchRequest[]): void {
    // External tasks are for outside workers: never run one here (waiting fetches find it on their next re-check).
    for (const request of requests) if (!request.externalTask) this.onRetry(request.jobId, request.dueAt);
  }
}

/** The job's instance as read with its lock, for the command that runs on it (undefined: read it again). */
function known(job: JobRow): InstanceRow | undefined {
  return job.instance ?? undefined;
}
