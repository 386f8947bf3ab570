import { CommandRejectedError, type VariableMap } from '#bpmn';
import type { DataSource, EntityManager } from 'typeorm';
import {
  insertBufferedMessage,
  type MessageToBuffer,
  lockMessageName,
  rootScopeOf,
  subscriptionScopeOf,
  variablesMatch,
} from './buffered-messages.js';
import type { DefinitionCatalog } from './definition-catalog.js';
import {
  ConcurrentModificationError,
  type CommandOutcome,
  type InstanceCommands,
  type JobDispatcher,
} from './instance-commands.js';

/** A message to correlate, as a caller or a throwing process names it: what it matches by and brings, and how. */
export interface MessageToCorrelate extends MessageToBuffer {
  /** Deliver to every waiting subscription and start every matching definition, instead of one. */
  all?: boolean;
  /**
   * Camunda 7's rules (the REST API's messages): a correlation to one that matches more than one waiting
   * subscription (or, with none waiting, more than one startable definition) is a
   * {@link MismatchingMessageCorrelationError}, and `all` starts the matching definitions even when subscriptions
   * took the message. Without them the oldest subscription takes the message, and a definition is started only when
   * none did (how messages thrown by processes are routed).
   */
  strict?: boolean;
  /** When nothing matches, keep the message this long for a subscription that opens later (our extension). */
  timeToLiveMs?: number;
}

export interface CorrelationResult {
  resultType: 'Execution' | 'ProcessDefinition';
  processInstanceId: string;
  /** The element instance that waited for the message (Camunda's execution); for a start, the new instance. */
  executionId: string;
  definitionId: string;
  definitionKey: string;
  businessKey: string | null;
  tenantId: string;
  /** The instance right after the command the message caused. */
  outcome: CommandOutcome;
}

/** Camunda's MismatchingMessageCorrelationException: the message matches more than one of what it must match once. */
export class MismatchingMessageCorrelationError extends Error {}

interface SubscriptionRow {
  id: string;
  process_instance_id: string;
}

interface MessageSubscriptionRow extends SubscriptionRow {
  owner_key: string | null;
  definition_id: string;
  definition_key: string;
  business_key: string | null;
}

interface BufferedMessageRow {
  id: string;
  process_instance_id: string;
  variables: VariableMap;
  local_variables: VariableMap | null;
}

/** How often a correlation to one looks again when the subscription it chose closed in the meantime. */
const SINGLE_CORRELATION_ATTEMPTS = 5;
/** Buffered messages one job delivers to a subscription that stays open (a non-interrupting boundary event). */
const MAX_BUFFERED_DELIVERIES = 100;

/**
 * Delivers messages and signals: to waiting subscriptions first (oldest first), else by starting the latest
 * version of each definition with a matching start event. A subscription that closed in the meantime (another
 * command got there first) is skipped for the next one. A message with a time to live that matches nothing is
 * buffered and delivered when a matching subscription opens (see buffered-messages.ts).
 */
export class EventRouting {
  constructor(
    private readonly dataSource: DataSource,
    private readonly definitions: DefinitionCatalog,
    private readonly commands: InstanceCommands,
    private readonly dispatcher: JobDispatcher,
  ) {}

  async correlateMessage(message: MessageToCorrelate): Promise<CorrelationResult[]> {
    for (let attempt = 1; ; attempt += 1) {
      const results = message.strict && !message.all ? await this.correlateOnce(message) : [];
      if (!message.strict || message.all) results.push(...(await this.correlateInOrder(message)));
      if (results.length > 0 || message.timeToLiveMs === undefined) return results;
      // Nothing matched: buffer it, unless a subscription opened meanwhile (then correlate again).
      if (await this.buffer(message, message.timeToLiveMs)) return results;
      if (attempt >= SINGLE_CORRELATION_ATTEMPTS) return results;
    }
  }

  /**
   * Delivers the buffered messages that match message subscription `subscriptionId` (oldest first, expired ones
   * never), each in one transaction with the trigger it causes, so each is delivered once.
   */
  async deliverBuffered(tenantId: string, subscriptionId: string): Promise<number> {
    let delivered = 0;
    while (delivered < MAX_BUFFERED_DELIVERIES) {
      if (!(await this.deliverOneBuffered(tenantId, subscriptionId))) return delivered;
      delivered += 1;
    }
    return delivered;
  }

  /** Broadcasts a signal to every waiting subscription and every definition with a matching signal start event. */
  async broadcastSignal(
    tenantId: string,
    signalName: string,
    variables: VariableMap,
    manager?: EntityManager,
  ): Promise<number> {
    const query = manager ?? this.dataSource.manager;
    const subscriptions = (await query.query(
      `SELECT id, process_instance_id FROM event_subscriptions WHERE tenant_id = $1 AND kind = 'signal' AND name = $2 ORDER BY created_at, id`,
      [tenantId, signalName],
    )) as SubscriptionRow[];
    let reached = 0;
    for (const subscription of subscriptions) {
      if (await this.deliver(tenantId, subscription, variables)) reached += 1;
    }
    for (const { definition, startEventId } of await this.definitions.startableBy(
      query,
      tenantId,
      'signal',
      signalName,
    )) {
      await this.commands.start({ tenantId, definition, startEventId, variables });
      reached += 1;
    }
    return reached;
  }

  /** Camunda 7's correlation to one: exactly one waiting subscription, else exactly one startable definition. */
  private async correlateOnce(message: MessageToCorrelate): Promise<CorrelationResult[]> {
    for (let attempt = 1; attempt <= SINGLE_CORRELATION_ATTEMPTS; attempt += 1) {
      const subscriptions = await this.waitingFor(this.dataSource.manager, message);
      if (subscriptions.length > 1) {
        throw new MismatchingMessageCorrelationError(
          `ENGINE-13031 Cannot correlate a message with name '${message.messageName}' to a single execution. ` +
            `${subscriptions.length} executions match the correlation keys: ${correlationSetOf(message)}`,
        );
      }
      const [subscription] = subscriptions;
      if (!subscription) return this.startAll(message, true);
      const outcome = await this.deliver(
        message.tenantId,
        subscription,
        message.variables,
        message.localVariables,
      );
      if (outcome) return [executionResult(message.tenantId, subscription, outcome)];
    }
    return [];
  }

  /** Oldest subscription first (or every one, with `all`); then start events when none took it (or with `all`). */
  private async correlateInOrder(message: MessageToCorrelate): Promise<CorrelationResult[]> {
    const results: CorrelationResult[] = [];
    for (const subscription of await this.waitingFor(this.dataSource.manager, message)) {
      const outcome = await this.deliver(
        message.tenantId,
        subscription,
        message.variables,
        message.localVariables,
      );
      if (outcome) {
        results.push(executionResult(message.tenantId, subscription, outcome));
        if (!message.all) return results;
      }
    }
    // Camunda's correlateAll also starts the definitions; a message thrown by a process starts one only if nothing waited.
    if (results.length > 0 && !(message.all && message.strict)) return results;
    results.push(...(await this.startAll(message, false)));
    return results;
  }

  /** Starts the latest version of each definition with a matching message start event (one, unless `all`). */
  private async startAll(message: MessageToCorrelate, exactlyOne: boolean): Promise<CorrelationResult[]> {
    if (message.processInstanceId !== undefined) return [];
    const startable = await this.definitions.startableBy(
      this.dataSource.manager,
      message.tenantId,
      'message',
      message.messageName,
    );
    if (exactlyOne && startable.length > 1) {
      throw new MismatchingMessageCorrelationError(
        `ENGINE-13030 Cannot correlate a message with name '${message.messageName}' to a single process definition. ` +
          `${startable.length} process definitions match the correlations keys: ${correlationSetOf(message)}`,
      );
    }
    const results: CorrelationResult[] = [];
    for (const { definition, startEventId } of message.all ? startable : startable.slice(0, 1)) {
      const started = await this.commands.start({
        tenantId: message.tenantId,
        definition,
        startEventId,
        variables: message.variables,
        ...(message.businessKey !== undefined ? { businessKey: message.businessKey } : {}),
      });
      results.push({
        resultType: 'ProcessDefinition',
        processInstanceId: started.instanceId,
        executionId: started.instanceId,
        definitionId: definition.id,
        definitionKey: definition.key,
        businessKey: message.businessKey ?? null,
        tenantId: message.tenantId,
        outcome: started,
      });
    }
    return results;
  }

  /** The message subscriptions that match, oldest first; suspended instances take no messages. */
  private async waitingFor(
    manager: EntityManager,
    message: MessageToCorrelate,
  ): Promise<MessageSubscriptionRow[]> {
    return (await manager.query(
      `SELECT s.id, s.process_instance_id, ${subscriptionScopeOf('p.state', 's.id')} AS owner_key,
         p.definition_id, p.definition_key, p.business_key
       FROM event_subscriptions s JOIN process_instances p ON p.id = s.process_instance_id AND p.tenant_id = s.tenant_id
       WHERE s.tenant_id = $1 AND s.kind = 'message' AND s.name = $2 AND NOT p.suspended
         AND ($3::text IS NULL OR s.correlation_key IS NULL OR s.correlation_key = $3)
         AND ($4::text IS NULL OR s.business_key = $4)
         AND ($5::text IS NULL OR s.process_instance_id = $5)
         AND ${variablesMatch('p.state', rootScopeOf('p.state'), '$6::jsonb')}
         AND ${variablesMatch('p.state', subscriptionScopeOf('p.state', 's.id'), '$7::jsonb')}
       ORDER BY s.created_at, s.id`,
      [
        message.tenantId,
        message.messageName,
        message.correlationKey ?? null,
        message.businessKey ?? null,
        message.processInstanceId ?? null,
        JSON.stringify(message.processVariablesEqual ?? {}),
        JSON.stringify(message.localVariablesEqual ?? {}),
      ],
    )) as MessageSubscriptionRow[];
  }

  /**
   * Keeps a message nothing matched until `timeToLiveMs` has passed. Under the message name's lock, so a
   * subscription opening at the same time either is seen here (false: correlate again) or sees the message.
   */
  private async buffer(message: MessageToCorrelate, timeToLiveMs: number): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await lockMessageName(manager, message.tenantId, message.messageName);
      if ((await this.waitingFor(manager, message)).length > 0) return false;
      await insertBufferedMessage(manager, message, timeToLiveMs);
      return true;
    });
  }

  /** Takes the oldest buffered message that matches the subscription and triggers it, in one transaction. */
  private async deliverOneBuffered(tenantId: string, subscriptionId: string): Promise<boolean> {
    for (let attempt = 1; attempt <= SINGLE_CORRELATION_ATTEMPTS; attempt += 1) {
      try {
        const outcome = await this.dataSource.transaction(async (manager) => {
          const [message] = (await manager.query(
            `SELECT m.id, s.process_instance_id, m.variables, m.local_variables
             FROM event_subscriptions s
               JOIN process_instances p ON p.id = s.process_instance_id AND p.tenant_id = s.tenant_id
               JOIN buffered_messages m ON m.tenant_id = s.tenant_id AND m.name = s.name
             WHERE s.id = $1 AND s.tenant_id = $2 AND s.kind = 'message' AND NOT p.suspended
               AND m.expires_at > clock_timestamp()
               AND (m.correlation_key IS NULL OR s.correlation_key IS NULL OR m.correlation_key = s.correlation_key)
               AND (m.business_key IS NULL OR m.business_key = s.business_key)
               AND (m.process_instance_id IS NULL OR m.process_instance_id = s.process_instance_id)
               AND ${variablesMatch('p.state', rootScopeOf('p.state'), 'm.correlation_variables')}
               AND ${variablesMatch('p.state', subscriptionScopeOf('p.state', 's.id'), 'm.local_correlation_variables')}
             ORDER BY m.created_at, m.id LIMIT 1 FOR UPDATE OF m SKIP LOCKED`,
            [subscriptionId, tenantId],
          )) as BufferedMessageRow[];
          if (!message) return undefined;
          await manager.query(`DELETE FROM buffered_messages WHERE id = $1`, [message.id]);
          return this.commands.run(
            tenantId,
            message.process_instance_id,
            {
              type: 'trigger',
              waitKey: subscriptionId,
              variables: message.variables,
              ...(message.local_variables ? { localVariables: message.local_variables } : {}),
            },
            manager,
          );
        });
        if (!outcome) return false;
        this.dispatcher.dispatch(outcome.dispatch);
        return true;
      } catch (error) {
        // The subscription closed meanwhile: the message stays buffered for another one.
        if (error instanceof CommandRejectedError) return false;
        if (!(error instanceof ConcurrentModificationError)) throw error;
      }
    }
    return false;
  }

  /** Triggers the subscription's wait; undefined when it closed meanwhile (another command was first). */
  private async deliver(
    tenantId: string,
    subscription: SubscriptionRow,
    variables: VariableMap,
    localVariables?: VariableMap,
  ): Promise<CommandOutcome | undefined> {
    try {
      return await this.commands.run(tenantId, subscription.process_instance_id, {
        type: 'trigger',
        waitKey: subscription.id,
        variables,
        ...(localVariables ? { localVariables } : {}),
      });
    } catch (error) {
      if (error instanceof CommandRejectedError) return undefined;
      throw error;
    }
  }
}

function executionResult(
  tenantId: string,
  subscription: MessageSubscriptionRow,
  outcome: CommandOutcome,
): CorrelationResult {
  return {
    resultType: 'Execution',
    processInstanceId: subscription.process_instance_id,
    executionId: subscription.owner_key ?? subscription.process_instance_id,
    definitionId: subscription.definition_id,
    definitionKey: subscription.definition_key,
    businessKey: subscription.business_key,
    tenantId,
    outcome,
  };
}

/** What a message was correlated by, for Camunda's messages — names only: values may be personal data. */
function correlationSetOf(message: MessageToCorrelate): string {
  const parts = [
    message.businessKey !== undefined ? 'businessKey' : undefined,
    message.processInstanceId !== undefined ? `processInstanceId=${message.processInstanceId}` : undefined,
    message.processVariablesEqual
      ? `correlationKeys [${Object.keys(message.processVariablesEqual).join(', ')}]`
      : undefined,
    message.localVariablesEqual
      ? `localCorrelationKeys [${Object.keys(message.localVariablesEqual).join(', ')}]`
      : undefined,
  ].filter((part) => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
