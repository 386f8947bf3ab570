import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { VariableMap } from '#bpmn';
import { returnedRows } from '#store';

/**
 * Messages published with a time to live that nothing waited for yet (`buffered_messages`), and the SQL both sides
 * of a correlation share. A publisher that finds nothing buffers the message under the message name's lock; a
 * command that opens a subscription for that name takes the same lock before it looks for buffered messages. So
 * whichever commits first, the other sees it: the message is never left buffered while a matching subscription
 * waits, and is delivered exactly once because delivering deletes it in the transaction that triggers the wait.
 */

/** Serialises buffering a message and opening a subscription for the same name in one tenant, until commit. */
export async function lockMessageName(manager: EntityManager, tenantId: string, name: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
    `kf-message:${JSON.stringify([tenantId, name])}`,
  ]);
}

/**
 * SQL that holds when every `name → value` of the JSON object `values` equals the value of that variable in the
 * variable scope `scope` of the instance state `state` (a variable that does not exist matches nothing; `null`
 * matches a variable whose value is null). Values compare as JSON: Camunda's typed values as the core keeps them.
 */
export function variablesMatch(state: string, scope: string, values: string): string {
  return `NOT EXISTS (SELECT 1 FROM jsonb_each(coalesce(${values}, '{}'::jsonb)) wanted
    WHERE ${state}->'variables'->(${scope})->wanted.key->'value' IS DISTINCT FROM wanted.value)`;
}

/** The root scope of the instance whose state is `state`, for {@link variablesMatch}. */
export function rootScopeOf(state: string): string {
  return `${state}->>'rootKey'`;
}

/** The scope of the element instance that owns subscription `subscription` (its local variables). */
export function subscriptionScopeOf(state: string, subscription: string): string {
  return `${state}->'waits'->${subscription}->>'ownerKey'`;
}

/** What a buffered message is matched by when a subscription opens, and the variables it brings. */
export interface MessageToBuffer {
  tenantId: string;
  messageName: string;
  /** Camunda 8: must equal the subscription's correlation key. */
  correlationKey?: string;
  /** Camunda 7: only instances with this business key (and a process the message starts gets it). */
  businessKey?: string;
  /** Camunda 7: only subscriptions of this instance (and no start events). */
  processInstanceId?: string;
  /** Camunda 7's `correlationKeys`: values the instance's process variables must have, by name. */
  processVariablesEqual?: Record<string, unknown>;
  /** Camunda 7's `localCorrelationKeys`: values the waiting scope's own variables must have, by name. */
  localVariablesEqual?: Record<string, unknown>;
  variables: VariableMap;
  /** Set in the waiting scope only (Camunda 7's `processVariablesLocal`); not used by a start. */
  localVariables?: VariableMap;
}

/**
 * Keeps `message` in `manager`'s transaction until `timeToLiveMs` has passed. The caller holds the message name's
 * lock ({@link lockMessageName}) and has seen no matching subscription under it.
 */
export async function insertBufferedMessage(
  manager: EntityManager,
  message: MessageToBuffer,
  timeToLiveMs: number,
): Promise<void> {
  await manager.query(
    `INSERT INTO buffered_messages (id, tenant_id, name, correlation_key, business_key, process_instance_id,
       correlation_variables, local_correlation_variables, variables, local_variables, expires_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, clock_timestamp() + ($11 || ' milliseconds')::interval, clock_timestamp())`,
    [
      randomUUID(),
      message.tenantId,
      message.messageName,
      message.correlationKey ?? null,
      message.businessKey ?? null,
      message.processInstanceId ?? null,
      message.processVariablesEqual ? JSON.stringify(message.processVariablesEqual) : null,
      message.localVariablesEqual ? JSON.stringify(message.localVariablesEqual) : null,
      JSON.stringify(message.variables),
      message.localVariables ? JSON.stringify(message.localVariables) : null,
      String(timeToLiveMs),
    ],
  );
}

/** A job that delivers buffered messages to a subscription (its `type`) once the command that opened it committed. */
export const DELIVER_BUFFERED_MESSAGE_JOB = 'deliver-buffered-message';

/**
 * In the command that opened message subscription `subscriptionId`: when a message with that name is buffered
 * (and not expired), writes the job that delivers it after commit. Returns whether it did.
 */
export async function scheduleBufferedDelivery(
  manager: EntityManager,
  job: {
    tenantId: string;
    instanceId: string;
    subscriptionId: string;
    elementId: string;
    elementInstanceKey: string;
    messageName: string;
    now: Date;
  },
): Promise<string | undefined> {
  await lockMessageName(manager, job.tenantId, job.messageName);
  const jobId = `${job.subscriptionId}:buffered`;
  const rows = (await manager.query(
    `INSERT INTO jobs (id, tenant_id, process_instance_id, element_id, element_instance_key, kind, type, due_at, created_at)
     SELECT $1, $2, $3, $4, $5, '${DELIVER_BUFFERED_MESSAGE_JOB}', $6, $8, $8
     WHERE EXISTS (SELECT 1 FROM buffered_messages WHERE tenant_id = $2 AND name = $7 AND expires_at > clock_timestamp())
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      jobId,
      job.tenantId,
      job.instanceId,
      job.elementId,
      job.elementInstanceKey,
      job.subscriptionId,
      job.messageName,
      job.now,
    ],
  )) as unknown;
  return returnedRows(rows).length > 0 ? jobId : undefined;
}
