import { CommandRejectedError } from '#bpmn';
import { returnedRows } from '#store';
import type { DataSource } from 'typeorm';
import type { DispatchRequest } from './effect-projector.js';
import type { InstanceCommands, JobDispatcher } from './instance-commands.js';

/**
 * An operator resolves an incident: the core retries what failed (an expression, a gateway, a call), and a job whose
 * retries ran out gets a fresh set and is due at once — "resolving it retries".
 */
export class IncidentResolution {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: InstanceCommands,
    private readonly dispatcher: JobDispatcher,
    private readonly retriesAfterResolve: number,
  ) {}

  /** `retries`: what a failed job gets (Camunda's `PUT /job/{id}/retries`); the configured default when absent. */
  async resolve(
    tenantId: string,
    incidentId: string,
    retries = this.retriesAfterResolve,
    /** Who resolved it, for the operation log (absent: the runtime itself). */
    userId?: string,
  ): Promise<void> {
    const [incident] = (await this.dataSource.query(
      `SELECT process_instance_id, element_instance_key, incident_type FROM incidents WHERE id = $1 AND tenant_id = $2`,
      [incidentId, tenantId],
    )) as Array<{ process_instance_id: string; element_instance_key: string; incident_type: string }>;
    if (!incident) throw new CommandRejectedError('not-found', `No incident '${incidentId}'`);
    await this.commands.run(
      tenantId,
      incident.process_instance_id,
      { type: 'resolve-incident', incidentKey: incidentId },
      undefined,
      userId === undefined
        ? {}
        : { operation: { userId, operationType: 'Resolve', entityType: 'Incident', entityId: incidentId } },
    );
    if (incident.incident_type !== 'job-failed') return;
    const jobs = returnedRows<{ id: string; kind: string }>(
      await this.dataSource.query(
        `UPDATE jobs SET retries = $3, due_at = now(), lock_owner = NULL, lock_expires_at = NULL
       WHERE tenant_id = $1 AND element_instance_key = $2 AND retries = 0 RETURNING id, kind`,
        [tenantId, incident.element_instance_key, retries],
      ),
    );
    const dispatch: DispatchRequest[] = jobs
      .filter((row) => row.kind !== 'external-task')
      .map((row) => ({ jobId: row.id, dueAt: new Date() }));
    this.dispatcher.dispatch(dispatch);
  }
}
