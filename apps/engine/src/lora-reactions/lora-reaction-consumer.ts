import { AmqpDeliverySettler, type DeliveryOutcome, type SettlementEvent } from '#adapters';
import { CommandRejectedError } from '#bpmn';
import { LIVSCYKLUSKODER, routingKeyOf, type LoraNotificationMessage } from '#lora';
import { redactUrl } from '#store';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import {
  reactionsDeadLetterQueueOf,
  type LoraNotificationSettings,
  type LoraReaction,
} from '../config/lora-notification-settings.js';
import { reactionsTo, type LoraReactionRunner } from './lora-reaction-runner.js';

/** The first wait after the broker or the store failed; doubling up to the maximum. */
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 5_000;
/** How long a notification whose reaction failed transiently (the database) is held before it is requeued. */
const REQUEUE_DELAY_MS = RETRY_BASE_MS * 4;

/**
 * Consumes LoRA notifications from a durable queue (LORA_REACTIONS_QUEUE) bound to the exchange for the configured
 * type + lifecycle codes, and acknowledges each only after every reaction's command committed: a crash or a lost
 * connection before that makes RabbitMQ deliver it again (at least once; starts and message correlations are done
 * once per notification). One message at a time (prefetch 1), so notifications are handled in the order they were
 * published. Nothing is lost: a notification a reaction was refused for (no such process key for the tenant, a
 * suspended definition) — its other reactions done — or a message that is not a LoRA notification goes to the
 * dead-letter queue (LORA_REACTIONS_DEAD_LETTER_QUEUE, default `<queue>.dlq`) with the reason in the
 * `x-kf-dead-letter-reason` header, and is acknowledged only after that queue confirmed it; any other failure (the
 * database) puts the message back after a delay. Settled as the Beskedfordeler consumer settles its messages
 * ({@link AmqpDeliverySettler}).
 */
export class LoraReactionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LoraReactions');
  private running = false;
  private model: ChannelModel | undefined;
  private consumerTag: { channel: Channel; tag: string } | undefined;
  private handling: Promise<void> = Promise.resolve();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private readonly deadLetterQueue: string;
  private readonly settler: AmqpDeliverySettler;

  constructor(
    private readonly runner: LoraReactionRunner,
    private readonly settings: LoraNotificationSettings & { amqpUrl: string },
  ) {
    this.deadLetterQueue = reactionsDeadLetterQueueOf(settings);
    this.settler = new AmqpDeliverySettler({
      queue: settings.reactionsQueue,
      deadLetterQueue: this.deadLetterQueue,
      requeueDelayMs: REQUEUE_DELAY_MS,
      report: (event, delivery) => this.report(event, delivery),
    });
  }

  onApplicationBootstrap(): void {
    this.running = true;
    void this.connect();
  }

  /** Stops taking messages, lets the one being handled finish (and be acknowledged), then closes the connection. */
  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.reconnectTimer);
    this.settler.stop();
    const consumer = this.consumerTag;
    this.consumerTag = undefined;
    await consumer?.channel.cancel(consumer.tag).catch(() => undefined);
    await this.handling;
    await this.model?.close().catch(() => undefined);
    this.model = undefined;
  }

  private async connect(): Promise<void> {
    if (!this.running) return;
    try {
      const model = await connect(this.settings.amqpUrl);
      this.model = model;
      model.on('error', () => undefined);
      model.on('close', () => {
        if (this.model === model) this.reconnectLater('the connection closed');
      });
      const channel = await model.createConfirmChannel();
      channel.on('error', () => undefined);
      const { exchange, reactionsQueue } = this.settings;
      await channel.assertExchange(exchange, 'topic', { durable: true });
      await channel.assertQueue(reactionsQueue, { durable: true });
      await channel.assertQueue(this.deadLetterQueue, { durable: true });
      const keys = new Set(
        this.settings.reactions.map((reaction) =>
          routingKeyOf({ objekttype: reaction.type, livscykluskode: reaction.livscykluskode }),
        ),
      );
      for (const key of keys) await channel.bindQueue(reactionsQueue, exchange, key);
      await channel.prefetch(1);
      const { consumerTag } = await channel.consume(reactionsQueue, (delivery) => {
        if (delivery === null) {
          this.reconnectLater('RabbitMQ cancelled the consumer');
          return;
        }
        this.handling = this.handling.then(() =>
          this.settler.settle(channel, delivery, (received) => this.outcomeOf(received)),
        );
      });
      if (!this.running) {
        await model.close().catch(() => undefined);
        return;
      }
      this.consumerTag = { channel, tag: consumerTag };
      if (this.failures > 0) this.logger.log(`Receiving LoRA notifications from '${reactionsQueue}' again`);
      this.failures = 0;
    } catch (error) {
      this.reconnectLater((error as Error).message);
    }
  }

  private reconnectLater(reason: string): void {
    const model = this.model;
    this.model = undefined;
    this.consumerTag = undefined;
    void model?.close().catch(() => undefined);
    if (!this.running || this.reconnectTimer) return;
    this.failures += 1;
    const wait = Math.min(RETRY_BASE_MS * 2 ** (this.failures - 1), RETRY_MAX_MS);
    if (this.failures === 1 || this.failures % 10 === 0) {
      this.logger.warn(
        `Cannot receive LoRA notifications from ${redactUrl(this.settings.amqpUrl)} (${reason}); trying again in ${wait} ms`,
      );
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, wait);
  }

  /**
   * Runs every reaction to the notification, collecting the refused ones for the dead-letter reason; throws (the
   * message is requeued) as soon as one fails transiently — each is done once per notification, so the redelivery
   * repeats none that committed.
   */
  private async outcomeOf(delivery: ConsumeMessage): Promise<DeliveryOutcome> {
    const message = notificationOf(delivery.content);
    if (!message) {
      return {
        kind: 'dead-letter',
        reason: `Not a LoRA notification (routing key '${delivery.fields.routingKey}'): expected a JSON body with uuid, objekttype, livscykluskode (${LIVSCYKLUSKODER.join('|')}), registreringstid and tenant`,
      };
    }
    const messageId =
      typeof delivery.properties.messageId === 'string' ? delivery.properties.messageId : undefined;
    const refusals: string[] = [];
    for (const reaction of reactionsTo(this.settings.reactions, message)) {
      try {
        await this.runner.react(reaction, { message, ...(messageId ? { messageId } : {}) });
      } catch (error) {
        if (!(error instanceof CommandRejectedError)) throw error;
        refusals.push(`${describeReaction(reaction)} was refused: ${error.message}`);
      }
    }
    if (refusals.length === 0) return { kind: 'handled' };
    return {
      kind: 'dead-letter',
      reason: `Reacting to ${routingKeyOf(message)} ${message.uuid}: ${refusals.join('; ')}`,
    };
  }

  private report(event: SettlementEvent, delivery: ConsumeMessage): void {
    const queue = this.settings.reactionsQueue;
    const message = notificationOf(delivery.content);
    const what = message
      ? `${routingKeyOf(message)} ${message.uuid}`
      : `a message with routing key '${delivery.fields.routingKey}'`;
    switch (event.kind) {
      case 'requeued':
        this.logger.warn(`Reacting to ${what} failed (${messageOf(event.error)}); it is delivered again`);
        return;
      case 'dead-lettered':
        this.logger.warn(`Moved ${what} from '${queue}' to '${this.deadLetterQueue}': ${event.reason}`);
        return;
      case 'dead-letter-unconfirmed':
        this.logger.warn(
          `The dead-letter queue '${this.deadLetterQueue}' did not confirm ${what} (${messageOf(event.error)}); it is delivered again`,
        );
        return;
    }
  }
}

/** How a reaction is named in a dead-letter reason. */
function describeReaction(reaction: LoraReaction): string {
  return reaction.startProcess !== undefined
    ? `starting process '${reaction.startProcess}'`
    : `correlating message '${reaction.correlateMessage}'`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The body of a LoRA notification, or undefined when it is not one. */
function notificationOf(content: Buffer): LoraNotificationMessage | undefined {
  let body: unknown;
  try {
    body = JSON.parse(content.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { uuid, objekttype, livscykluskode, registreringstid, tenant } = body as Record<string, unknown>;
  if (
    typeof uuid !== 'string' ||
    typeof objekttype !== 'string' ||
    !(LIVSCYKLUSKODER as readonly unknown[]).includes(livscykluskode) ||
    typeof registreringstid !== 'string' ||
    typeof tenant !== 'string'
  ) {
    return undefined;
  }
  return {
    uuid,
    objekttype,
    livscykluskode: livscykluskode as LoraNotificationMessage['livscykluskode'],
    registreringstid,
    tenant,
  };
}
