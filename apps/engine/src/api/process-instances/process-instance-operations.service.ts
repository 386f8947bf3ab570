import { Injectable } from '@nestjs/common';
import { CamundaRestException } from '#camunda-rest';
import type { Command, VariableMap } from '#bpmn';
import { EngineRuntime } from '../../runtime/engine-runtime.js';
import { ConcurrentModificationError } from '../../runtime/instance-commands.js';

/**
 * An operator's changes to a running instance: cancel it, change its variables — each a command of the core, run
 * through the runtime, so history, conditional events and a called process's caller see it — and suspend or
 * activate it.
 */
@Injectable()
export class ProcessInstanceOperationsService {
  constructor(private readonly runtime: EngineRuntime) {}

  /** Cancels the instance (its history state becomes `EXTERNALLY_TERMINATED`), and with it its called processes. */
  async cancel(tenantId: string, instanceId: string): Promise<void> {
    await this.run(tenantId, instanceId, { type: 'cancel' });
  }

  /** Sets and removes process-level variables in one command (Camunda's `modifications` and `deletions`). */
  async changeVariables(
    tenantId: string,
    instanceId: string,
    modifications: VariableMap,
    deletions: string[],
  ): Promise<void> {
    await this.run(tenantId, instanceId, {
      type: 'set-variables',
      variables: modifications,
      ...(deletions.length > 0 ? { deletions } : {}),
    });
  }

  /**
   * Suspends or activates a running instance; false when there is no such running instance. The version moves on,
   * so a command that read the instance before the suspension runs again and is refused.
   */
  async setSuspended(tenantId: string, instanceId: string, suspended: boolean): Promise<boolean> {
    const rows = (await this.runtime.dataSource.query(
      `UPDATE process_instances SET suspended = $3, version = version + 1
       WHERE id = $1 AND tenant_id = $2 AND status = 'active' RETURNING id`,
      [instanceId, tenantId, suspended],
    )) as unknown[];
    // pg answers an UPDATE … RETURNING with [rows, count]; PGlite with the rows.
    const updated = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : rows;
    return updated.length > 0;
  }

  private async run(tenantId: string, instanceId: string, command: Command): Promise<void> {
    try {
      await this.runtime.commands.run(tenantId, instanceId, command);
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
