import { Injectable } from '@nestjs/common';
import { CamundaRestException } from '#camunda-rest';
import { returnedRows } from '#store';
import type { Command, VariableMap } from '#bpmn';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import { ConcurrentModificationError } from '../../runtime/instance-commands.js';
import {
  insertOperationsFrom,
  operationDetails,
  type OperatorOperation,
} from '../../runtime/operation-log.js';

/**
 * An operator's changes to a running instance: cancel it, change its variables — each a command of the core, run
 * through the runtime, so history, conditional events and a called process's caller see it — and suspend or
 * activate it.
 */
@Injectable()
export class ProcessInstanceOperationsService {
  constructor(private readonly runtime: EngineRuntime) {}

  /** Cancels the instance (its history state becomes `EXTERNALLY_TERMINATED`), and with it its called processes. */
  async cancel(tenantId: string, instanceId: string, userId: string): Promise<void> {
    await this.run(
      tenantId,
      instanceId,
      { type: 'cancel' },
      {
        userId,
        operationType: 'Delete',
        entityType: 'ProcessInstance',
      },
    );
  }

  /** Sets and removes process-level variables in one command (Camunda's `modifications` and `deletions`). */
  async changeVariables(
    tenantId: string,
    instanceId: string,
    modifications: VariableMap,
    deletions: string[],
    userId: string,
  ): Promise<void> {
    // The log names the variables, never their values (they may be personal data).
    const properties = Object.fromEntries([
      ...Object.keys(modifications).map((name) => [name, 'modified']),
      ...deletions.map((name) => [name, 'removed']),
    ]);
    await this.run(
      tenantId,
      instanceId,
      { type: 'set-variables', variables: modifications, ...(deletions.length > 0 ? { deletions } : {}) },
      {
        userId,
        operationType: Object.keys(modifications).length > 0 ? 'ModifyVariable' : 'RemoveVariable',
        entityType: 'Variable',
        properties,
      },
    );
  }

  /**
   * Suspends or activates a running instance; false when there is no such running instance. The version moves on,
   * so a command that read the instance before the suspension runs again and is refused.
   */
  async setSuspended(
    tenantId: string,
    instanceId: string,
    suspended: boolean,
    userId: string,
  ): Promise<boolean> {
    // The change and its entry in the operation log in one statement.
    const rows = (await this.runtime.dataSource.query(
      `WITH changed AS (
         UPDATE process_instances SET suspended = $3, version = version + 1
         WHERE id = $1 AND tenant_id = $2 AND status = 'active' RETURNING id, tenant_id, id AS process_instance_id),
       logged AS (${insertOperationsFrom('changed', 4, 5, 6)})
       SELECT id FROM changed`,
      [
        instanceId,
        tenantId,
        suspended,
        suspended ? 'Suspend' : 'Activate',
        operationDetails({ entityType: 'ProcessInstance' }),
        userId,
      ],
    )) as unknown[];
    return returnedRows(rows).length > 0;
  }

  private async run(
    tenantId: string,
    instanceId: string,
    command: Command,
    operation: OperatorOperation,
  ): Promise<void> {
    try {
      await this.runtime.commands.run(tenantId, instanceId, command, undefined, { operation });
    } catch (error) {
      if (error instanceof ConcurrentModificationError) {
        throw new CamundaRestException(
          409,
          'OptimisticLockingException',
          `${error.message}, again and again; try the request again`,
        );
      }
      throw error;
    }
  }
}
