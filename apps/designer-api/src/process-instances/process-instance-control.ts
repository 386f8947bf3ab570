import type { LinkableRequest } from '#camunda-rest';
import type { EntityManager } from 'typeorm';

/**
 * What the designer-api needs of the engine's runtime, supplied by whoever builds it (the engine's servers): start
 * an instance (Camunda Modeler's "deploy and start") and cancel instances before their definitions are deleted.
 * A port, so designer-api knows no engine code.
 */
export interface ProcessInstanceControl {
  /**
   * Starts the definition with this id for `tenantId` from a Camunda start request body, as the engine's
   * `POST /process-definition/{id}/start` does, and answers Camunda's `ProcessInstanceWithVariablesDto`. An
   * unknown id, or another tenant's, is a 404; a suspended definition is refused.
   */
  startById(
    tenantId: string,
    definitionId: string,
    body: unknown,
    request: LinkableRequest,
  ): Promise<Record<string, unknown>>;

  /**
   * Cancels running instances in `manager`'s transaction, each through the runtime's cancel command, so their
   * history ends `EXTERNALLY_TERMINATED` and their waits, jobs and tasks go. One already ended meanwhile is
   * skipped. The jobs the cancellations write are picked up by the engine's job workers.
   */
  cancelInTransaction(manager: EntityManager, tenantId: string, instanceIds: string[]): Promise<void>;

  /**
   * Suspends (`suspended: true`) or activates the tenant's definitions named by id or by key (every version), with
   * their running instances when `includeProcessInstances`. With an `executionDate` in the future the change is a
   * job due then (seen in the engine's `GET /job`); otherwise it is made at once. False when nothing matches.
   */
  suspendDefinitions(
    tenantId: string,
    target: { definitionId: string } | { definitionKey: string },
    change: { suspended: boolean; includeProcessInstances: boolean },
    executionDate?: Date,
  ): Promise<boolean>;
}

/** Nest token of the {@link ProcessInstanceControl}. */
export const PROCESS_INSTANCE_CONTROL = Symbol('PROCESS_INSTANCE_CONTROL');
