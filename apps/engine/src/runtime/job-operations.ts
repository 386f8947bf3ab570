import { CommandRejectedError } from '#bpmn';
import type { DataSource } from 'typeorm';
import { DEFINITION_SUSPENSION_JOB } from './definition-suspension.js';
import type { JobKind } from './effect-projector.js';
import type { IncidentResolution } from './incident-resolution.js';
import type { InstanceCommands, JobDispatcher } from './instance-commands.js';
import type { JobRunner } from './job-runner.js';
import { returnedRows } from '#store';

/**
 * The jobs Camunda 7 would call jobs: timers, asynchronous continuations, connector calls (Camunda runs a
 * connector inside a job when the task is asynchronous) and scheduled suspensions of definitions (Camunda's
 * `executionDate`). External tasks have their own resource; the other kinds are the runtime's follow-ups between
 * instances, which Camunda does synchronously.
 */
export const CAMUNDA_JOB_KINDS: readonly JobKind[] = [
  'timer',
  'async',
  'connector',
  DEFINITION_SUSPENSION_JOB,
];

interface JobRow {
  id: string;
  kind: JobKind;
  retries: number | null;
  /** Null for a job of no instance (a scheduled suspension). */
  process_instance_id: string | null;
  element_instance_key: string | null;
  locked: boolean;
}

/**
 * What an operator does to a job (Camunda's `/job/{id}/…`): set its retries (resolving the incident of a job whose
 * retries ran out, or raising one when they are set to 0), run it now, or move its due date. Unknown jobs and jobs
 * of another tenant are `not-found`.
 */
export class JobOperations {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: InstanceCommands,
    private readonly incidents: IncidentResolution,
    private readonly runner: JobRunner,
    private readonly dispatcher: JobDispatcher,
  ) {}

  async setRetries(tenantId: string, jobId: string, retries: number): Promise<void> {
    const job = await this.job(tenantId, jobId);
    if (retries === 0) return this.failForGood(tenantId, job);
    const [incident] = (await this.dataSource.query(
      `SELECT id FROM incidents WHERE tenant_id = $1 AND incident_type = 'job-failed'
         AND (job_id = $2 OR (job_id IS NULL AND process_instance_id = $3 AND element_instance_key = $4))`,
      [tenantId, job.id, job.process_instance_id, job.element_instance_key],
    )) as Array<{ id: string }>;
    // Resolving the incident gives the job its retries and runs it again ("resolving it retries").
    if (incident) return this.incidents.resolve(tenantId, incident.id, retries);
    const rows = (await this.dataSource.query(
      `UPDATE jobs SET retries = $3, due_at = CASE WHEN retries = 0 THEN now() ELSE due_at END
       WHERE id = $1 AND tenant_id = $2 RETURNING due_at`,
      [job.id, tenantId, retries],
    )) as unknown;
    const [updated] = returnedRows<{ due_at: Date }>(rows);
    if (job.retries === 0 && updated)
      this.dispatcher.dispatch([{ jobId: job.id, dueAt: new Date(updated.due_at) }]);
  }

  /**
   * Runs the job now, in this request: a timer fires, a continuation continues, a connector is called. A failing
   * job takes its normal path (a retry later, or an incident when none is left), so this answers once it ran.
   */
  async execute(tenantId: string, jobId: string): Promise<void> {
    const job = await this.job(tenantId, jobId);
    if (job.retries === 0) {
      throw new CommandRejectedError(
        'invalid',
        `Job '${job.id}' has no retries left (it has an incident); set its retries (PUT /job/${job.id}/retries) to run it again`,
      );
    }
    const due = returnedRows(
      await this.dataSource.query(
        `UPDATE jobs SET due_at = now() WHERE id = $1 AND tenant_id = $2
           AND (lock_owner IS NULL OR lock_expires_at < now()) RETURNING id`,
        [job.id, tenantId],
      ),
    );
    if (due.length === 0 || !(await this.runner.run(job.id))) {
      throw new CommandRejectedError('conflict', `Job '${job.id}' is being run by a job worker right now`);
    }
  }

  /** Moves the job's due date; the dispatcher schedules it anew (a queue's earlier delivery then finds it not due). */
  async setDueDate(tenantId: string, jobId: string, dueAt: Date): Promise<void> {
    const job = await this.job(tenantId, jobId);
    if (job.retries === 0) {
      throw new CommandRejectedError(
        'invalid',
        `Job '${job.id}' has no retries left (it has an incident); set its retries (PUT /job/${job.id}/retries) instead`,
      );
    }
    await this.dataSource.query(`UPDATE jobs SET due_at = $3 WHERE id = $1 AND tenant_id = $2`, [
      job.id,
      tenantId,
      dueAt,
    ]);
    // A delivery of its own: the queue may hold one for the old due date under the job's id.
    this.dispatcher.dispatch([{ jobId: job.id, dueAt, recoveryOf: `due-${dueAt.toISOString()}` }]);
  }

  /** Retries set to 0: the job stops and its activity gets an incident, as when its last retry failed. */
  private async failForGood(tenantId: string, job: JobRow): Promise<void> {
    if (job.retries === 0) return;
    if (job.kind === 'timer') {
      throw new CommandRejectedError(
        'invalid',
        `Cannot set the retries of timer job '${job.id}' to 0: a timer that cannot fire would wait for ever; change its due date instead`,
      );
    }
    if (job.locked) {
      throw new CommandRejectedError('conflict', `Job '${job.id}' is being run by a job worker right now`);
    }
    const instanceId = job.process_instance_id;
    const outcome = await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE jobs SET retries = 0, due_at = 'infinity', error_message = coalesce(error_message, $3)
         WHERE id = $1 AND tenant_id = $2`,
        [job.id, tenantId, RETRIES_SET_TO_ZERO],
      );
      // A job of no instance has no activity to raise an incident on: it just stops.
      if (instanceId === null) return { dispatch: [] };
      return this.commands.run(
        tenantId,
        instanceId,
        { type: 'fail-wait', waitKey: job.id, message: RETRIES_SET_TO_ZERO },
        manager,
      );
    });
    this.dispatcher.dispatch(outcome.dispatch);
  }

  private async job(tenantId: string, jobId: string): Promise<JobRow> {
    const [job] = (await this.dataSource.query(
      `SELECT id, kind, retries, process_instance_id, element_instance_key,
         (lock_owner IS NOT NULL AND lock_expires_at >= now()) AS locked
       FROM jobs WHERE id = $1 AND tenant_id = $2 AND kind = ANY($3)`,
      [jobId, tenantId, CAMUNDA_JOB_KINDS],
    )) as JobRow[];
    if (!job) throw new CommandRejectedError('not-found', `Job with id ${jobId} does not exist`);
    return job;
  }
}

const RETRIES_SET_TO_ZERO = "An operator set the job's retries to 0";
