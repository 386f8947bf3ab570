import type { EntityManager } from 'typeorm';

/**
 * Who did what to an instance by hand: an operator's or caseworker's operation (Camunda's user operation log), kept
 * in `history_operations` for the audit trail a municipality owes (who cancelled the case, who changed the
 * deadline). Written in the same transaction as the change it records.
 */
export interface OperatorOperation {
  /** The caller's name (the API key's name or the token's subject). */
  userId: string;
  /** Camunda's operation types: `Delete` (cancel), `Suspend`, `Activate`, `ModifyVariable`, `RemoveVariable`, `Claim`, `Assign`, `Complete`, `Resolve`, `SetJobRetries`, … */
  operationType: string;
  /** `ProcessInstance`, `Variable`, `Task`, `Incident`, `Job`. */
  entityType: string;
  /** The task, job or incident the operation was on, when not the instance itself. */
  entityId?: string;
  /** What changed: property → new value (never a variable's value: it may be personal data). */
  properties?: Record<string, string | number | boolean | null>;
}

/** The INSERT of one operation; its text is constant so operations of commands written together merge. */
export const INSERT_OPERATION = `INSERT INTO history_operations (tenant_id, process_instance_id, operation, details, user_id, at)
  VALUES ($1, $2, $3, $4, $5, $6)`;

/**
 * An INSERT of one operation for each row of `source` — a CTE of the statement whose change it records, with
 * `tenant_id` and `process_instance_id` — so the change and its record are one statement. `type`, `details` and
 * `user` are the numbers of the parameters holding the operation type, {@link operationDetails} and the user.
 */
export function insertOperationsFrom(source: string, type: number, details: number, user: number): string {
  return `INSERT INTO history_operations (tenant_id, process_instance_id, operation, details, user_id, at)
    SELECT tenant_id, process_instance_id, $${type}, $${details}::jsonb, $${user}, now() FROM ${source}`;
}

/** The `details` of an operation's row. */
export function operationDetails(operation: Omit<OperatorOperation, 'userId' | 'operationType'>): string {
  return JSON.stringify({
    entityType: operation.entityType,
    ...(operation.entityId !== undefined ? { entityId: operation.entityId } : {}),
    ...(operation.properties ? { properties: operation.properties } : {}),
  });
}

export function operationParameters(
  tenantId: string,
  processInstanceId: string | null,
  operation: OperatorOperation,
  at: Date,
): unknown[] {
  return [
    tenantId,
    processInstanceId,
    operation.operationType,
    operationDetails(operation),
    operation.userId,
    at,
  ];
}

/** Records an operation in `manager`'s transaction. */
export async function recordOperation(
  manager: EntityManager,
  tenantId: string,
  processInstanceId: string | null,
  operation: OperatorOperation,
  at: Date = new Date(),
): Promise<void> {
  await manager.query(INSERT_OPERATION, operationParameters(tenantId, processInstanceId, operation, at));
}
