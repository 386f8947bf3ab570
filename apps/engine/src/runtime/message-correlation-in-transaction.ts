import { CommandRejectedError, type VariableMap } from '#bpmn';
import type { EntityManager } from 'typeorm';
import { insertBufferedMessage, lockMessageName, rootScopeOf, variablesMatch } from './buffered-messages.js';
import type { DefinitionCatalog } from './definition-catalog.js';
import type { DispatchRequest } from './effect-projector.js';
import type { InstanceCommands } from './instance-commands.js';

/** What a correlation in a caller's transaction runs its commands with (the engine runtime has both). */
export interface CorrelationCommands {
  readonly commands: InstanceCommands;
  readonly definitions: DefinitionCatalog;
}

/**
 * A message from an intake that records it in its own transaction (a dedup row, a receipt). A subscription with a
 * correlation key (Camunda 8) takes it when that key is `correlationKey`; one without (Camunda 7) takes it when the
 * message names the instance another way — `businessKey`, `processVariablesEqual` — and the instance matches.
 */
export interface MessageToCorrelateInTransaction {
  tenantId: string;
  messageName: string;
  variables: VariableMap;
  correlationKey: string;
  /** Only instances with this business key. An instance the message starts gets it (else the correlation key). */
  businessKey?: string;
  /** Values the instance's process variables must have, by name, for a subscription without a correlation key. */
  processVariablesEqual?: Record<string, string>;
  /**
   * Every matching subscription takes it and, when none waits, every definition with the start event gets an
   * instance; otherwise the oldest subscription, or the first definition.
   */
  all?: boolean;
  /** Nothing waits and nothing starts: keep it this long for a subscription that opens later. Absent: dropped. */
  bufferForMs?: number;
}

/** An instance the message reached: a waiting subscription triggered, or a message start event started. */
export interface ReachedInstance {
  readonly as: 'correlated' | 'started';
  readonly instanceId: string;
}

export interface CorrelationInTransaction {
  /** Empty when nothing matched (then the message was buffered, when `bufferForMs` was given). */
  readonly reached: readonly ReachedInstance[];
  readonly buffered: boolean;
  /** The jobs the commands wrote: hand them to `dispatchCommitted` once the caller's transaction committed. */
  readonly dispatch: readonly DispatchRequest[];
}

/**
 * Correlates `message` inside `manager`'s transaction, so it happens if and only if the caller's own record of the
 * message (written in the same transaction) commits: a crash or a failure anywhere rolls back both, and a message
 * delivered again is correlated once. Waiting subscriptions first (oldest first); a subscription that closed
 * meanwhile is skipped. When none took it, it is looked for again under the message name's lock — a subscription
 * opening meanwhile either is seen then, or (taking the same lock) sees the buffered message — and then the latest
 * definitions with a matching message start event are started, or else the message is buffered.
 */
export async function correlateInTransaction(
  engine: CorrelationCommands,
  manager: EntityManager,
  message: MessageToCorrelateInTransaction,
): Promise<CorrelationInTransaction> {
  const dispatch: DispatchRequest[] = [];
  let reached = await triggerWaiting(engine, manager, message, dispatch);
  if (reached.length === 0) {
    await lockMessageName(manager, message.tenantId, message.messageName);
    reached = await triggerWaiting(engine, manager, message, dispatch);
  }
  if (reached.length > 0) return { reached, buffered: false, dispatch };
  const startable = await engine.definitions.startableBy(
    manager,
    message.tenantId,
    'message',
    message.messageName,
  );
  if (startable.length === 0) {
    if (message.bufferForMs === undefined) return { reached, buffered: false, dispatch };
    await insertBufferedMessage(manager, message, message.bufferForMs);
    return { reached, buffered: true, dispatch };
  }
  for (const { definition, startEventId } of message.all ? startable : startable.slice(0, 1)) {
    const started = await engine.commands.start(
      {
        tenantId: message.tenantId,
        definition,
        startEventId,
        variables: message.variables,
        businessKey: message.businessKey ?? message.correlationKey,
      },
      manager,
    );
    dispatch.push(...started.dispatch);
    reached.push({ as: 'started', instanceId: started.instanceId });
  }
  return { reached, buffered: false, dispatch };
}

/** Triggers the oldest matching subscription (every one, with `all`); those that closed meanwhile are skipped. */
async function triggerWaiting(
  engine: CorrelationCommands,
  manager: EntityManager,
  message: MessageToCorrelateInTransaction,
  dispatch: DispatchRequest[],
): Promise<ReachedInstance[]> {
  const reached: ReachedInstance[] = [];
  for (const subscription of await waitingSubscriptions(manager, message)) {
    let outcome;
    try {
      outcome = await engine.commands.run(
        message.tenantId,
        subscription.process_instance_id,
        { type: 'trigger', waitKey: subscription.id, variables: message.variables },
        manager,
      );
    } catch (error) {
      // Refused before it wrote anything (the wait is gone): the transaction goes on with the next subscription.
      if (error instanceof CommandRejectedError) continue;
      throw error;
    }
    dispatch.push(...outcome.dispatch);
    reached.push({ as: 'correlated', instanceId: subscription.process_instance_id });
    if (!message.all) break;
  }
  return reached;
}

/** The message subscriptions that match, oldest first; suspended instances take no messages. */
async function waitingSubscriptions(
  manager: EntityManager,
  message: MessageToCorrelateInTransaction,
): Promise<Array<{ id: string; process_instance_id: string }>> {
  return (await manager.query(
    `SELECT s.id, s.process_instance_id FROM event_subscriptions s
       JOIN process_instances p ON p.id = s.process_instance_id AND p.tenant_id = s.tenant_id
     WHERE s.tenant_id = $1 AND s.kind = 'message' AND s.name = $2 AND NOT p.suspended
       AND ($4::text IS NULL OR s.business_key = $4)
       AND (s.correlation_key = $3
         OR (s.correlation_key IS NULL AND ($4::text IS NOT NULL OR $5::jsonb IS NOT NULL)
           AND ${variablesMatch('p.state', rootScopeOf('p.state'), '$5::jsonb')}))
     ORDER BY s.created_at, s.id`,
    [
      message.tenantId,
      message.messageName,
      message.correlationKey,
      message.businessKey ?? null,
      message.processVariablesEqual ? JSON.stringify(message.processVariablesEqual) : null,
    ],
  )) as Array<{ id: string; process_instance_id: string }>;
}
