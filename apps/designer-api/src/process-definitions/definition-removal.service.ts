import { CamundaRestException } from '#camunda-rest';
import type { DataSource, EntityManager } from 'typeorm';
import type { ProcessInstanceControl } from '../process-instances/process-instance-control.js';

/** What is removed: a whole deployment, or one process definition version. */
export type RemovalTarget = { deploymentId: string } | { processDefinitionId: string };

/**
 * Deletes deployments and process definitions as Camunda does. Refused while instances of the definitions run;
 * with `cascade`, those instances — and the processes they called — are first cancelled through the runtime's
 * cancel command, so their history says they were cancelled. Everything in one transaction: a failure leaves all
 * as it was. The history of the instances stays (the history cleanup removes it in time); their runtime rows go.
 */
export class DefinitionRemovalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly instances: ProcessInstanceControl,
  ) {}

  /** Removes the target of `tenantId`; false when it does not exist there. */
  async remove(tenantId: string, target: RemovalTarget, cascade: boolean): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // Locked: a start of one of these definitions waits (its foreign key check) until this commits.
      const definitionIds = await this.lockedDefinitions(manager, tenantId, target);
      if (definitionIds === undefined) return false;
      const running = await this.runningInstances(manager, tenantId, definitionIds);
      if (running.length > 0 && !cascade) {
        throw new CamundaRestException(
          409,
          'ProcessEngineException',
          `Cannot delete ${describe(target)}: ${running.length} instance(s) of its process definitions are running ` +
            `(e.g. ${running[0].id}). Cancel them first, or delete with cascade=true to cancel them`,
        );
      }
      // Called processes first, so each cancellation ends its instance at once rather than by a later job.
      const deepestFirst = [...running].sort((a, b) => b.depth - a.depth);
      await this.instances.cancelInTransaction(
        manager,
        tenantId,
        deepestFirst.map((instance) => instance.id),
      );
      await manager.query(
        `DELETE FROM idempotent_starts WHERE tenant_id = $1 AND process_instance_id IN (
           SELECT id FROM process_instances WHERE tenant_id = $1 AND definition_id = ANY($2))`,
        [tenantId, definitionIds],
      );
      await manager.query(`DELETE FROM process_instances WHERE tenant_id = $1 AND definition_id = ANY($2)`, [
        tenantId,
        definitionIds,
      ]);
      if ('deploymentId' in target) {
        // Its resources and definitions go with it (ON DELETE CASCADE).
        await manager.query(`DELETE FROM deployments WHERE tenant_id = $1 AND id::text = $2`, [
          tenantId,
          target.deploymentId,
        ]);
      } else {
        await manager.query(`DELETE FROM process_definitions WHERE tenant_id = $1 AND id = $2`, [
          tenantId,
          target.processDefinitionId,
        ]);
      }
      return true;
    });
  }

  /** The ids of the target's process definitions, locked; undefined when the target does not exist. */
  private async lockedDefinitions(
    manager: EntityManager,
    tenantId: string,
    target: RemovalTarget,
  ): Promise<string[] | undefined> {
    if ('deploymentId' in target) {
      const deployments = (await manager.query(
        `SELECT id FROM deployments WHERE tenant_id = $1 AND id::text = $2 FOR UPDATE`,
        [tenantId, target.deploymentId],
      )) as unknown[];
      if (deployments.length === 0) return undefined;
      const rows = (await manager.query(
        `SELECT id FROM process_definitions WHERE tenant_id = $1 AND deployment_id::text = $2 ORDER BY id FOR UPDATE`,
        [tenantId, target.deploymentId],
      )) as Array<{ id: string }>;
      return rows.map((row) => row.id);
    }
    const rows = (await manager.query(
      `SELECT id FROM process_definitions WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, target.processDefinitionId],
    )) as Array<{ id: string }>;
    return rows.length === 0 ? undefined : rows.map((row) => row.id);
  }

  /**
   * The running instances of the definitions and, below them, every running process they called (of whatever
   * definition): cancelling a caller cancels what it called, as Camunda's cascading delete does.
   */
  private async runningInstances(
    manager: EntityManager,
    tenantId: string,
    definitionIds: string[],
  ): Promise<Array<{ id: string; depth: number }>> {
    if (definitionIds.length === 0) return [];
    const rows = (await manager.query(
      `WITH RECURSIVE running (id, depth) AS (
         SELECT id, 0 FROM process_instances WHERE tenant_id = $1 AND definition_id = ANY($2) AND status = 'active'
         UNION
         SELECT c.id, r.depth + 1 FROM process_instances c JOIN running r ON c.super_instance_id = r.id
         WHERE c.tenant_id = $1 AND c.status = 'active'
       )
       SELECT id, max(depth) AS depth FROM running GROUP BY id ORDER BY id`,
      [tenantId, definitionIds],
    )) as Array<{ id: string; depth: number | string }>;
    return rows.map((row) => ({ id: row.id, depth: Number(row.depth) }));
  }
}

function describe(target: RemovalTarget): string {
  return 'deploymentId' in target
    ? `deployment ${target.deploymentId}`
    : `process definition ${target.processDefinitionId}`;
}
