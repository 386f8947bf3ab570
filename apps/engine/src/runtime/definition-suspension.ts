import { randomUUID } from 'node:crypto';
import { returnedRows } from '#store';
import type { DataSource, EntityManager } from 'typeorm';

/** The job kind of a scheduled suspension or activation of process definitions (Camunda's `executionDate`). */
export const DEFINITION_SUSPENSION_JOB = 'definition-suspension';

/** Which definitions a suspension names: one version by id, or every version of a key (Camunda's `/key/{key}`). */
export type SuspensionTarget = { definitionId: string } | { definitionKey: string };

/** What a suspension does: suspend (`true`) or activate (`false`), and whether the running instances follow. */
export interface SuspensionChange {
  suspended: boolean;
  includeProcessInstances: boolean;
}

/** The payload a scheduled suspension's job carries: everything it needs to run later. */
type SuspensionJobPayload = Partial<{ processDefinitionId: string; processDefinitionKey: string }> &
  SuspensionChange;

/**
 * Suspends and activates process definitions, optionally with their running instances, in one transaction: a
 * suspended definition starts no instances, a suspended instance does not move and its jobs wait. A change with an
 * `executionDate` in the future is a job of its own, due then, with retries and a backoff like any job; it is seen
 * in `GET /job` and can be run early with `POST /job/{id}/execute`.
 */
export class DefinitionSuspension {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies the change now; false when no definition of the tenant matches. */
  async apply(tenantId: string, target: SuspensionTarget, change: SuspensionChange): Promise<boolean> {
    return this.dataSource.transaction((manager) => this.applyIn(manager, tenantId, target, change));
  }

  /**
   * Writes the job that applies the change at `executionDate`; false (and no job) when no definition of the tenant
   * matches. The caller dispatches the answered request after this returned (the row is committed).
   */
  async schedule(
    tenantId: string,
    target: SuspensionTarget,
    change: SuspensionChange,
    executionDate: Date,
  ): Promise<{ jobId: string; dueAt: Date } | undefined> {
    const definitions = await this.dataSource.query(
      `SELECT id FROM process_definitions WHERE tenant_id = $1 AND ${targetColumn(target)} = $2 LIMIT 1`,
      [tenantId, targetValue(target)],
    );
    if ((definitions as unknown[]).length === 0) return undefined;
    const jobId = randomUUID();
    const payload: SuspensionJobPayload = {
      ...('definitionId' in target
        ? { processDefinitionId: target.definitionId }
        : { processDefinitionKey: target.definitionKey }),
      ...change,
    };
    await this.dataSource.query(
      `INSERT INTO jobs (id, tenant_id, process_instance_id, kind, type, payload, due_at, created_at)
       VALUES ($1, $2, NULL, $3, $4, $5, $6, now())`,
      [
        jobId,
        tenantId,
        DEFINITION_SUSPENSION_JOB,
        change.suspended ? 'suspend' : 'activate',
        JSON.stringify(payload),
        executionDate,
      ],
    );
    return { jobId, dueAt: executionDate };
  }

  /**
   * Runs a scheduled change from its job's payload. The definitions may have been deleted meanwhile: then there is
   * nothing left to change, which is not a failure.
   */
  async runJob(tenantId: string, payload: Record<string, unknown> | null): Promise<void> {
    const change = payload as SuspensionJobPayload | null;
    const target: SuspensionTarget | undefined =
      typeof change?.processDefinitionId === 'string'
        ? { definitionId: change.processDefinitionId }
        : typeof change?.processDefinitionKey === 'string'
          ? { definitionKey: change.processDefinitionKey }
          : undefined;
    if (!change || !target || typeof change.suspended !== 'boolean') {
      throw new Error('A definition suspension job needs a definition id or key and a suspended flag');
    }
    await this.apply(tenantId, target, {
      suspended: change.suspended,
      includeProcessInstances: change.includeProcessInstances === true,
    });
  }

  private async applyIn(
    manager: EntityManager,
    tenantId: string,
    target: SuspensionTarget,
    change: SuspensionChange,
  ): Promise<boolean> {
    const definitions = returnedRows<{ id: string }>(
      await manager.query(
        `UPDATE process_definitions SET suspended = $3 WHERE tenant_id = $1 AND ${targetColumn(target)} = $2
         RETURNING id`,
        [tenantId, targetValue(target), change.suspended],
      ),
    );
    if (definitions.length === 0) return false;
    if (change.includeProcessInstances) {
      // The version moves on, so a command that read an instance before this runs again and sees the flag.
      await manager.query(
        `UPDATE process_instances SET suspended = $3, version = version + 1
         WHERE definition_id = ANY($1) AND tenant_id = $2 AND status = 'active' AND suspended <> $3`,
        [definitions.map((definition) => definition.id), tenantId, change.suspended],
      );
    }
    return true;
  }
}

function targetColumn(target: SuspensionTarget): 'id' | 'key' {
  return 'definitionId' in target ? 'id' : 'key';
}

function targetValue(target: SuspensionTarget): string {
  return 'definitionId' in target ? target.definitionId : target.definitionKey;
}
