import type { CommandResult, Effect, ProcessInstanceState, Wait } from '#bpmn';
import type { EntityManager } from 'typeorm';
import type { AvailableExternalTask } from './external-task-notifier.js';
import { DELIVER_BUFFERED_MESSAGE_JOB, scheduleBufferedDelivery } from './buffered-messages.js';
import { DEFINITION_SUSPENSION_JOB } from './definition-suspension.js';
import type { InstanceContext } from './instance-row.js';

/**
 * Work the runtime must do after the transaction commits: a job to hand to the dispatcher, or a command for another
 * instance. Each is also a row in `jobs` written in the same transaction (the outbox), so nothing is lost when the
 * process dies between commit and dispatch.
 */
export interface DispatchRequest {
  jobId: string;
  dueAt: Date;
  /**
   * Set when the reconciler recovers a job whose lock expired (its worker died): the queue may still hold the dead
   * worker's delivery of it, so this delivery must not be taken for a duplicate.
   */
  recoveryOf?: string;
  /**
   * Set for an external task: no job worker runs it (the dispatcher never gets it); after commit, fetch-and-lock
   * requests waiting for its topic are woken (see ExternalTaskNotifier).
   */
  externalTask?: AvailableExternalTask;
}

/** Job kinds: waits the engine runs itself, and follow-ups between instances. */
export type JobKind =
  | 'timer'
  | 'async'
  | 'connector'
  | 'external-task'
  | 'start-child'
  | 'child-ended'
  | 'child-escalated'
  | 'cancel-instance'
  | 'publish-message'
  | 'broadcast-signal'
  | typeof DELIVER_BUFFERED_MESSAGE_JOB
  | typeof DEFINITION_SUSPENSION_JOB;

/** Kinds the job workers run; external tasks wait for an outside worker to fetch them. */
export const DISPATCHED_KINDS: ReadonlySet<JobKind> = new Set<JobKind>([
  'timer',
  'async',
  'connector',
  'start-child',
  'child-ended',
  'child-escalated',
  'cancel-instance',
  'publish-message',
  'broadcast-signal',
  DELIVER_BUFFERED_MESSAGE_JOB,
  DEFINITION_SUSPENSION_JOB,
]);

/**
 * Writes what a command did into the runtime and history tables, in the command's transaction: the effects become
 * jobs, subscriptions, user tasks and incidents (opened or removed), the trace becomes history. Returns the jobs to
 * dispatch once the transaction has committed.
 */
export class EffectProjector {
  constructor(private readonly isConnector: (jobType: string) => boolean) {}

  async project(
    manager: EntityManager,
    context: InstanceContext,
    effects: Effect[],
    now: Date,
    version: number,
  ): Promise<DispatchRequest[]> {
    const dispatch: DispatchRequest[] = [];
    // Follow-up jobs of this command get ids unique to the instance's new version.
    let serial = 0;
    const followUpId = (what: string) => `${context.instanceId}:${version}:${what}:${(serial += 1)}`;
    for (const effect of effects) {
      switch (effect.type) {
        case 'wait.opened':
          await this.openWait(manager, context, effect.wait, dispatch, now);
          break;
        case 'wait.updated':
          if (effect.wait.kind === 'timer') {
            await manager.query(
              `UPDATE jobs SET due_at = $2, lock_owner = NULL, lock_expires_at = NULL WHERE id = $1`,
              [effect.wait.key, effect.wait.dueAt],
            );
            dispatch.push({ jobId: effect.wait.key, dueAt: new Date(effect.wait.dueAt) });
          }
          break;
        case 'wait.closed':
          await this.closeWait(manager, context, effect.key, effect.kind, effect.reason, dispatch, now);
          break;
        case 'signal.thrown':
          await this.insertJob(manager, context, dispatch, now, {
            id: followUpId('signal'),
            kind: 'broadcast-signal',
            type: effect.signalName,
            payload: { variables: effect.variables },
          });
          break;
        case 'message.published':
          await this.insertJob(manager, context, dispatch, now, {
            id: followUpId('message'),
            kind: 'publish-message',
            type: effect.messageName,
            payload: { correlationKey: effect.correlationKey ?? null, variables: effect.variables },
          });
          break;
        case 'incident.raised':
          await manager.query(
            `INSERT INTO incidents (id, tenant_id, process_instance_id, process_definition_id, element_id, element_instance_key, incident_type, message, created_at, job_id, job_kind)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [
              effect.incident.key,
              context.tenantId,
              context.instanceId,
              context.definitionId,
              effect.incident.elementId,
              effect.incident.elementInstanceKey,
              effect.incident.incidentType,
              effect.incident.message,
              effect.incident.createdAt,
              effect.incident.job?.key ?? null,
              this.jobKindOf(effect.incident.job),
            ],
          );
          await manager.query(
            `INSERT INTO history_incidents (id, tenant_id, process_instance_id, element_id, incident_type, message, created_at,
               process_definition_id, element_instance_key, job_id, job_kind)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
            [
              effect.incident.key,
              context.tenantId,
              context.instanceId,
              effect.incident.elementId,
              effect.incident.incidentType,
              effect.incident.message,
              effect.incident.createdAt,
              context.definitionId,
              effect.incident.elementInstanceKey,
              effect.incident.job?.key ?? null,
              this.jobKindOf(effect.incident.job),
            ],
          );
          break;
        case 'incident.resolved':
          await manager.query(`DELETE FROM incidents WHERE id = $1 AND tenant_id = $2`, [
            effect.key,
            context.tenantId,
          ]);
          await manager.query(`UPDATE history_incidents SET resolved_at = $2, deleted = $3 WHERE id = $1`, [
            effect.key,
            now,
            effect.deleted === true,
          ]);
          break;
        case 'instance.ended':
          break;
      }
    }
    return dispatch;
  }

  /**
   * A called process tells its caller what became of it: it ended (completed with its variables, failed with its
   * error, or was cancelled), or it threw an escalation nothing inside caught. Jobs for the caller's instance.
   */
  async reportToCaller(
    manager: EntityManager,
    context: InstanceContext,
    result: CommandResult<ProcessInstanceState>,
    now: Date,
    superInstanceId: string,
    superWaitKey: string,
  ): Promise<DispatchRequest[]> {
    const dispatch: DispatchRequest[] = [];
    const caller = { ...context, instanceId: superInstanceId };
    let serial = 0;
    for (const event of result.events) {
      if (event.type === 'escalation.thrown' && !event.caughtBy) {
        await this.insertJob(manager, caller, dispatch, now, {
          id: `${context.instanceId}:${result.state.seq}:escalated:${(serial += 1)}`,
          kind: 'child-escalated',
          type: superWaitKey,
          payload: { escalationCode: event.escalationCode },
        });
      }
    }
    const ended = result.effects.find((effect) => effect.type === 'instance.ended');
    if (ended && ended.type === 'instance.ended') {
      const state = result.state;
      await this.insertJob(manager, caller, dispatch, now, {
        id: `${context.instanceId}:ended`,
        kind: 'child-ended',
        type: superWaitKey,
        payload: {
          status: ended.status,
          variables: state.variables[state.rootKey] ?? {},
          ...(state.failure ? { failure: state.failure } : {}),
        },
      });
    }
    return dispatch;
  }

  /** The kind of job row a failed job's wait was (as `openWait` wrote it), for the incident's records. */
  private jobKindOf(job: { key: string; jobType?: string } | undefined): JobKind | null {
    if (!job) return null;
    if (job.jobType === undefined) return 'async';
    return this.isConnector(job.jobType) ? 'connector' : 'external-task';
  }

  private async openWait(
    manager: EntityManager,
    context: InstanceContext,
    wait: Wait,
    dispatch: DispatchRequest[],
    now: Date,
  ): Promise<void> {
    switch (wait.kind) {
      case 'timer':
        await this.insertJob(manager, context, dispatch, now, {
          id: wait.key,
          kind: 'timer',
          elementId: wait.elementId,
          elementInstanceKey: wait.ownerKey,
          dueAt: new Date(wait.dueAt),
        });
        return;
      case 'async':
        await this.insertJob(manager, context, dispatch, now, {
          id: wait.key,
          kind: 'async',
          type: wait.phase,
          elementId: wait.elementId,
          elementInstanceKey: wait.ownerKey,
          retries: wait.retries,
          ...(wait.retryTimeCycle ? { retryTimeCycle: wait.retryTimeCycle } : {}),
        });
        return;
      case 'job': {
        const connector = this.isConnector(wait.jobType);
        await this.insertJob(manager, context, dispatch, now, {
          id: wait.key,
          kind: connector ? 'connector' : 'external-task',
          type: wait.jobType,
          elementId: wait.elementId,
          elementInstanceKey: wait.ownerKey,
          // Camunda 7 reports an external task's retries as null until a worker reports a failure with a count.
          ...(connector || wait.jobKind !== 'external-task' ? { retries: wait.retries } : {}),
          priority: wait.priority,
          payload: { headers: wait.headers },
          ...(wait.retryTimeCycle ? { retryTimeCycle: wait.retryTimeCycle } : {}),
        });
        return;
      }
      case 'message':
      case 'signal':
        await manager.query(
          `INSERT INTO event_subscriptions (id, tenant_id, process_instance_id, element_id, kind, name, correlation_key, business_key, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [
            wait.key,
            context.tenantId,
            context.instanceId,
            wait.elementId,
            wait.kind,
            wait.kind === 'message' ? wait.messageName : wait.signalName,
            wait.kind === 'message' ? (wait.correlationKey ?? null) : null,
            context.businessKey,
            now,
          ],
        );
        if (wait.kind === 'message') {
          // A message published with a time to live may have been waiting for this subscription.
          const jobId = await scheduleBufferedDelivery(manager, {
            tenantId: context.tenantId,
            instanceId: context.instanceId,
            subscriptionId: wait.key,
            elementId: wait.elementId,
            elementInstanceKey: wait.ownerKey,
            messageName: wait.messageName,
            now,
          });
          if (jobId) dispatch.push({ jobId, dueAt: now });
        }
        return;
      case 'user-task':
        await manager.query(
          `INSERT INTO user_tasks (id, tenant_id, process_instance_id, process_definition_id, element_id, name, assignee,
             candidate_users, candidate_groups, due_date, follow_up_date, priority, form_key, created_at, element_instance_key)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
          [
            wait.key,
            context.tenantId,
            context.instanceId,
            context.definitionId,
            wait.elementId,
            wait.name ?? null,
            wait.assignee ?? null,
            JSON.stringify(wait.candidateUsers),
            JSON.stringify(wait.candidateGroups),
            wait.dueDate ?? null,
            wait.followUpDate ?? null,
            wait.priority,
            wait.formKey ?? null,
            now,
            wait.ownerKey,
          ],
        );
        return;
      case 'call-activity':
        await this.insertJob(manager, context, dispatch, now, {
          id: wait.key,
          kind: 'start-child',
          type: wait.processId,
          elementId: wait.elementId,
          elementInstanceKey: wait.ownerKey,
          payload: { wait },
        });
        return;
      case 'conditional':
        return;
    }
  }

  private async closeWait(
    manager: EntityManager,
    context: InstanceContext,
    key: string,
    kind: Wait['kind'],
    reason: 'triggered' | 'cancelled',
    dispatch: DispatchRequest[],
    now: Date,
  ): Promise<void> {
    switch (kind) {
      case 'message':
      case 'signal':
        await manager.query(`DELETE FROM event_subscriptions WHERE id = $1 AND tenant_id = $2`, [
          key,
          context.tenantId,
        ]);
        return;
      case 'user-task':
        await manager.query(`DELETE FROM user_tasks WHERE id = $1 AND tenant_id = $2`, [
          key,
          context.tenantId,
        ]);
        return;
      case 'call-activity': {
        await manager.query(`DELETE FROM jobs WHERE id = $1 AND tenant_id = $2`, [key, context.tenantId]);
        if (reason === 'cancelled') {
          // The called process ends with its caller's call.
          const children = (await manager.query(
            `SELECT id FROM process_instances WHERE super_instance_id = $1 AND super_wait_key = $2 AND status = 'active'`,
            [context.instanceId, key],
          )) as Array<{ id: string }>;
          for (const child of children) {
            await this.insertJob(manager, context, dispatch, now, {
              id: `${child.id}:cancel`,
              kind: 'cancel-instance',
              type: child.id,
            });
          }
        }
        return;
      }
      case 'conditional':
        return;
      default:
        await manager.query(`DELETE FROM jobs WHERE id = $1 AND tenant_id = $2`, [key, context.tenantId]);
    }
  }

  private async insertJob(
    manager: EntityManager,
    context: InstanceContext,
    dispatch: DispatchRequest[],
    now: Date,
    job: {
      id: string;
      kind: JobKind;
      type?: string;
      elementId?: string;
      elementInstanceKey?: string;
      dueAt?: Date;
      retries?: number;
      retryTimeCycle?: string;
      priority?: number;
      payload?: unknown;
    },
  ): Promise<void> {
    const dueAt = job.dueAt ?? now;
    await manager.query(
      `INSERT INTO jobs (id, tenant_id, process_instance_id, element_id, element_instance_key, kind, type, payload, due_at,
         retries, retry_time_cycle, priority, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO NOTHING`,
      [
        job.id,
        context.tenantId,
        job.kind === 'cancel-instance' ? null : context.instanceId,
        job.elementId ?? null,
        job.elementInstanceKey ?? null,
        job.kind,
        job.type ?? null,
        job.payload === undefined ? null : JSON.stringify(job.payload),
        dueAt,
        job.retries ?? null,
        job.retryTimeCycle ?? null,
        job.priority ?? 0,
        now,
      ],
    );
    if (DISPATCHED_KINDS.has(job.kind)) dispatch.push({ jobId: job.id, dueAt });
    else if (job.kind === 'external-task' && job.type)
      dispatch.push({ jobId: job.id, dueAt, externalTask: { tenantId: context.tenantId, topic: job.type } });
  }
}
