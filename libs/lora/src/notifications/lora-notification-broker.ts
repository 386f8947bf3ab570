import type { LoraNotification } from './lora-notification.js';

/**
 * The port to the message broker the notifications go to (RabbitMQ in the engine: {@link AmqpLoraNotificationBroker}).
 * `publish` resolves only once the broker has taken responsibility for every notification given (publisher
 * confirms), and rejects when it cannot say so — the publisher then keeps them and tries again later.
 */
export interface LoraNotificationBroker {
  publish(notifications: readonly LoraNotification[]): Promise<void>;
  /** Lets go of the connection; a later `publish` may open a new one. */
  close(): Promise<void>;
}
