import type { ConfirmChannel, ConsumeMessage } from 'amqplib';

/** The header a dead-lettered message carries: why it could not be handled. */
export const DEAD_LETTER_REASON_HEADER = 'x-kf-dead-letter-reason';

/** The header a dead-lettered message carries: the queue it was consumed from. */
export const DEAD_LETTER_SOURCE_HEADER = 'x-kf-dead-letter-queue-of';

/** What became of one delivery; a thrown error means "try again later" (the message is requeued). */
export type DeliveryOutcome =
  | { readonly kind: 'handled' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'dead-letter'; readonly reason: string };

/** What the settler did with a delivery beyond acknowledging it, for the consumer's log line. */
export type SettlementEvent =
  | { readonly kind: 'requeued'; readonly error: unknown }
  | { readonly kind: 'dead-lettered'; readonly reason: string }
  | { readonly kind: 'dead-letter-unconfirmed'; readonly error: unknown };

export interface AmqpDeliverySettlerOptions {
  /** The queue consumed (named in the dead-lettered message's headers). */
  readonly queue: string;
  /** Where messages that cannot be handled go; the consumer asserts it on its channel. */
  readonly deadLetterQueue: string;
  /** How long a message whose handling failed transiently is held before it is requeued. */
  readonly requeueDelayMs: number;
  /** Told of every requeue and dead-lettering; the consumer words the log line (it knows what its messages are). */
  readonly report: (event: SettlementEvent, message: ConsumeMessage) => void;
}

/**
 * Settles consumed messages the one way every consumer here does: acknowledged only after `handle` resolved (what
 * the message caused is committed); a message `handle` says cannot be handled is first published to the dead-letter
 * queue with the reason in {@link DEAD_LETTER_REASON_HEADER} and acknowledged only once the broker confirmed it
 * there (so it is never lost between the two queues); a thrown error, or a dead-letter queue that does not confirm,
 * holds the message for a delay and then requeues it. The channel must be a confirm channel.
 */
export class AmqpDeliverySettler {
  private readonly requeueTimers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(private readonly options: AmqpDeliverySettlerOptions) {}

  async settle(
    channel: ConfirmChannel,
    message: ConsumeMessage,
    handle: (message: ConsumeMessage) => Promise<DeliveryOutcome>,
  ): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      outcome = await handle(message);
    } catch (error) {
      this.options.report({ kind: 'requeued', error }, message);
      this.requeueLater(channel, message);
      return;
    }
    if (outcome.kind === 'dead-letter') {
      this.options.report({ kind: 'dead-lettered', reason: outcome.reason }, message);
      try {
        await this.deadLetter(channel, message, outcome.reason);
      } catch (error) {
        this.options.report({ kind: 'dead-letter-unconfirmed', error }, message);
        this.requeueLater(channel, message);
        return;
      }
    }
    // A closed channel cannot acknowledge: the broker redelivers, and the handler recognises the message.
    try {
      channel.ack(message);
    } catch {
      return;
    }
  }

  /**
   * Requeues at once from now on, and drops the held messages' timers: they stay unacknowledged, so the broker
   * redelivers them when the consumer's connection closes.
   */
  stop(): void {
    this.stopped = true;
    for (const timer of this.requeueTimers) clearTimeout(timer);
    this.requeueTimers.clear();
  }

  private deadLetter(channel: ConfirmChannel, message: ConsumeMessage, reason: string): Promise<void> {
    return new Promise((resolve, reject) => {
      channel.sendToQueue(
        this.options.deadLetterQueue,
        message.content,
        {
          persistent: true,
          ...(message.properties.contentType ? { contentType: message.properties.contentType } : {}),
          ...(message.properties.messageId ? { messageId: message.properties.messageId } : {}),
          headers: {
            ...(message.properties.headers ?? {}),
            [DEAD_LETTER_REASON_HEADER]: reason,
            [DEAD_LETTER_SOURCE_HEADER]: this.options.queue,
          },
        },
        (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      );
    });
  }

  private requeueLater(channel: ConfirmChannel, message: ConsumeMessage): void {
    if (this.stopped) return nackQuietly(channel, message);
    const timer = setTimeout(() => {
      this.requeueTimers.delete(timer);
      nackQuietly(channel, message);
    }, this.options.requeueDelayMs);
    this.requeueTimers.add(timer);
  }
}

function nackQuietly(channel: ConfirmChannel, message: ConsumeMessage): void {
  try {
    channel.nack(message, false, true);
  } catch {
    // The channel closed: the broker redelivers the message anyway.
  }
}
