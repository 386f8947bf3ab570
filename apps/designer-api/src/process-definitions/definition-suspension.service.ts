import { Injectable } from '@nestjs/common';
import { returnedRows } from '#store';
import { DataSource } from 'typeorm';

/**
 * Suspends and activates a process definition, optionally with its running instances, in one transaction. A
 * suspended definition starts no instances (the runtime refuses the start); a suspended instance does not move and
 * its jobs wait until it is activated (the runtime honours the instance's flag).
 */
@Injectable()
export class DefinitionSuspensionService {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the definition does not exist for the tenant. */
  async setSuspended(
    tenantId: string,
    definitionId: string,
    suspended: boolean,
    includeProcessInstances: boolean,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const definitions = returnedRows(
        await manager.query(
          `UPDATE process_definitions SET suspended = $3 WHERE id = $1 AND tenant_id = $2 RETURNING id`,
          [definitionId, tenantId, suspended],
        ),
      );
      if (definitions.length === 0) return false;
      if (includeProcessInstances) {
        // The version moves on, so a command that read an instance before this runs again and sees the flag.
        await manager.query(
          `UPDATE process_instances SET suspended = $3, version = version + 1
           WHERE definition_id = $1 AND tenant_id = $2 AND status = 'active' AND suspended <> $3`,
          [definitionId, tenantId, suspended],
        );
      }
      return true;
    });
  }
}
