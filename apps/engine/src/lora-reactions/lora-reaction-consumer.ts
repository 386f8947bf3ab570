import { CommandRejectedError } from '#bpmn';
import { LIVSCYKLUSKODER, routingKeyOf, type LoraNotificationMessage } from '#lora';
import { redactUrl } from '#store';
import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { connect, type Channel, type ChannelModel, type ConsumeMessage } from 'amqplib';
import type { LoraNotificationSettings } from '../config/lora-notification-settings.js';
import { reactionsTo, type LoraReactionRunner } from './lora-reaction-runner.js';

/** The first wait after the broker or the store failed; doubling up to the maximum. */
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 5_000;

/**
 * Consumes LoRA notifications from a durable queue (LORA_REACTIONS_QUEUE) bound to the exchange for the configured
 * type + lifecycle codes, and acknowledges each only after every reaction's command committed: a crash or a lost
 * connection before that makes RabbitMQ deliver it again (at least once; starts and message correlations are done
 * once per notification). One message at a time (prefetch 1), so notifications are handled in the order they were
 * published. A reaction the engine refuses (no such process key for the tenant, a suspended definition) is logged
 * and skipped, as retrying cannot help; any other failure (the database) puts the message back after a backoff.
 */
export class LoraReactionConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LoraReactions');
  private running = false;
  private model: ChannelModel | undefined;
  private consumerTag: { channel: Channel; tag: string } | undefined;
  private handling: Promise<void> = Promise.resolve();
  private reconnectTimer: NodeJS.Timeout | undefined;
  private failures = 0;

  constructor(
    private readonly runner: LoraReactionRunner,
    private readonly settings: LoraNotificationSettings & { amqpUrl: string },
  ) {}

  onApplicationBootstrap(): void {
    this.running = true;
    void this.connect();
  }

  /** Stops taking messages, lets the one being handled finish (and be acknowledged), then closes the connection. */
  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    clearTimeout(this.reconnectTimer);
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
      const channel = await model.createChannel();
      channel.on('error', () => undefined);
      const { exchange, reactionsQueue } = this.settings;
      await channel.assertExchange(exchange, 'topic', { durable: true });
      await channel.assertQueue(reactionsQueue, { durable: true });
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
        this.handling = this.handling.then(() => this.handle(channel, delivery));
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

  private async handle(channel: Channel, delivery: ConsumeMessage): Promise<void> {
    const message = notificationOf(delivery.content);
    if (!message) {
      // Not ours to understand, and never will be: dropped rather than redelivered for ever.
      this.logger.warn(
        `Dropped a message on '${this.settings.reactionsQueue}' that is not a LoRA notification (routing key '${delivery.fields.routingKey}')`,
      );
      ack(channel, delivery);
      return;
    }
    const messageId =
      typeof delivery.properties.messageId === 'string' ? delivery.properties.messageId : undefined;
    try {
      for (const reaction of reactionsTo(this.settings.reactions, message)) {
        try {
          await this.runner.react(reaction, { message, ...(messageId ? { messageId } : {}) });
        } catch (error) {
          if (!(error instanceof CommandRejectedError)) throw error;
          this.logger.warn(
            `A reaction to ${routingKeyOf(message)} ${message.uuid} was refused and is skipped: ${error.message}`,
          );
        }
      }
      ack(channel, delivery);
    } catch (error) {
      this.logger.warn(
        `Reacting to ${routingKeyOf(message)} ${message.uuid} failed (${(error as Error).message}); it is delivered again`,
      );
      await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * 4));
      try {
        channel.nack(delivery, false, true);
      } catch {
        // The channel is gone: RabbitMQ delivers the message again anyway.
      }
    }
  }
}

/** A channel closed under the ack: the message is delivered again, and the idempotent start answers the same. */
function ack(channel: Channel, delivery: ConsumeMessage): void {
  try {
    channel.ack(delivery);
  } catch {
    // See above.
  }
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
