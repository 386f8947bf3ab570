import { connect, type ChannelModel, type ConfirmChannel } from 'amqplib';
import type { LoraNotificationBroker } from './lora-notification-broker.js';
import { messageOf, routingKeyOf, type LoraNotification } from './lora-notification.js';

export interface AmqpBrokerOptions {
  /** `amqp://user:password@host:5672/vhost` (or `amqps://`). */
  url: string;
  /** The topic exchange (declared durable on connect). */
  exchange: string;
  /** How long a batch may wait for the broker's confirms before it counts as failed (default 10 s). */
  confirmTimeoutMs?: number;
}

const DEFAULT_CONFIRM_TIMEOUT_MS = 10_000;

/**
 * RabbitMQ behind the {@link LoraNotificationBroker} port: one connection with a confirm channel, opened on the
 * first publish and again after it was lost. Messages are persistent JSON on a durable topic exchange, with the
 * outbox id as `messageId`; a batch succeeds only when the broker confirmed every message of it.
 */
export class AmqpLoraNotificationBroker implements LoraNotificationBroker {
  private connection: Promise<{ model: ChannelModel; channel: ConfirmChannel }> | undefined;

  constructor(private readonly options: AmqpBrokerOptions) {}

  async publish(notifications: readonly LoraNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    try {
      const { channel } = await this.connected();
      const confirmed = new Promise<void>((resolve, reject) => {
        for (const notification of notifications) {
          channel.publish(
            this.options.exchange,
            routingKeyOf(notification),
            Buffer.from(JSON.stringify(messageOf(notification))),
            {
              persistent: true,
              contentType: 'application/json',
              messageId: notification.id,
              type: routingKeyOf(notification),
            },
          );
        }
        channel.waitForConfirms().then(() => resolve(), reject);
      });
      await withTimeout(
        confirmed,
        this.options.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
        `RabbitMQ did not confirm ${notifications.length} LoRA notification(s) in time`,
      );
    } catch (error) {
      // Whatever went wrong, the next attempt starts from a fresh connection.
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const opened = this.connection;
    this.connection = undefined;
    if (!opened) return;
    try {
      const { model } = await opened;
      await model.close();
    } catch {
      // Not open, or already closed by the broker or the network: nothing left to let go of.
    }
  }

  private connected(): Promise<{ model: ChannelModel; channel: ConfirmChannel }> {
    if (this.connection) return this.connection;
    const opening: Promise<{ model: ChannelModel; channel: ConfirmChannel }> = (async () => {
      const model = await connect(this.options.url);
      try {
        // Without listeners these events would be thrown; a lost connection is noticed by the next publish.
        model.on('error', () => undefined);
        model.on('close', () => {
          if (this.connection === opening) this.connection = undefined;
        });
        const channel = await model.createConfirmChannel();
        channel.on('error', () => undefined);
        await channel.assertExchange(this.options.exchange, 'topic', { durable: true });
        return { model, channel };
      } catch (error) {
        await model.close().catch(() => undefined);
        throw error;
      }
    })();
    this.connection = opening;
    opening.catch(() => {
      if (this.connection === opening) this.connection = undefined;
    });
    return opening;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
