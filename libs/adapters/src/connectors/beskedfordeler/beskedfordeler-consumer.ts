import { connect, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import {
  AmqpDeliverySettler,
  type DeliveryOutcome,
  type SettlementEvent,
} from '../../amqp/amqp-delivery-settler.js';
import type { ConnectorLogger } from '../../contract/connector-logger.js';
import { backoffDelayMs, type BackoffOptions } from '../../http/retry-backoff.js';

/** What became of one message; a thrown error means "try again later" (the message is requeued). */
export type BeskedOutcome = DeliveryOutcome;

export interface BeskedfordelerConsumerOptions {
  /** The broker, credentials included; never logged. */
  readonly url: string;
  readonly queue: string;
  readonly deadLetterQueue: string;
  /** Messages handled at once. */
  readonly prefetch: number;
  /**
   * Handles one message body. Resolves only once what the message caused is committed: the message is acknowledged
   * after that (dead-lettered ones after the dead-letter queue confirmed them). Throwing requeues it.
   */
  readonly handle: (body: Buffer) => Promise<BeskedOutcome>;
  readonly log: ConnectorLogger;
  /** Waits between reconnection attempts (default 200 ms doubling to 10 s, with jitter). */
  readonly reconnect?: BackoffOptions;
  /** How long a message whose handling failed transiently is held before it is requeued (default 1 s). */
  readonly requeueDelayMs?: number;
  /** A name for log lines (the tenant). */
  readonly name: string;
}

const DEFAULT_RECONNECT: BackoffOptions = { baseMs: 200, maxMs: 10_000 };

/**
 * Consumes one Beskedfordeler queue with manual acknowledgements, and keeps doing so across broker restarts and
 * dropped connections: a lost connection is reopened with backoff, and every message that was not acknowledged is
 * redelivered by the broker — which is why the handler must recognise a message it handled before (by BeskedId).
 * Guarantees: a message is acknowledged only after its handling committed (at-least-once delivery, made
 * effectively-once by the handler's deduplication); one that cannot be handled goes to the dead-letter queue with
 * the reason in `x-kf-dead-letter-reason` (see {@link AmqpDeliverySettler}), confirmed there before it is acknowledged here; a transient
 * failure requeues it after a delay.
 */
export class BeskedfordelerConsumer {
  private connection: ChannelModel | undefined;
  private stopped = false;
  private attempts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly settler: AmqpDeliverySettler;
  private connectedOnce: (() => void) | undefined;

  constructor(private readonly options: BeskedfordelerConsumerOptions) {
    this.settler = new AmqpDeliverySettler({
      queue: options.queue,
      deadLetterQueue: options.deadLetterQueue,
      requeueDelayMs: options.requeueDelayMs ?? 1_000,
      report: (event) => this.report(event),
    });
  }

  /** Whether a channel is consuming now. */
  get consuming(): boolean {
    return this.connection !== undefined;
  }

  /** Starts consuming; resolves once connected the first time (or keeps trying in the background after `waitMs`). */
  async start(waitMs = 5_000): Promise<void> {
    const connected = new Promise<void>((resolve) => (this.connectedOnce = resolve));
    void this.connect();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([connected, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
  }

  /** Stops taking messages, lets the ones being handled finish, and closes the connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    this.settler.stop();
    await Promise.allSettled([...this.inFlight]);
    const connection = this.connection;
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let connection: ChannelModel | undefined;
    try {
      connection = await connect(this.options.url);
      connection.on('error', () => undefined); // 'close' follows and reconnects
      connection.on('close', () => this.lost(connection!));
      const channel = await connection.createConfirmChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => void connection!.close().catch(() => undefined));
      await channel.assertQueue(this.options.deadLetterQueue, { durable: true });
      await channel.prefetch(this.options.prefetch);
      await channel.consume(this.options.queue, (message) => this.receive(channel, message), {
        noAck: false,
      });
      if (this.stopped) {
        await connection.close().catch(() => undefined);
        return;
      }
      this.connection = connection;
      this.attempts = 0;
      this.options.log.info('Beskedfordeler consumer connected', { consumer: this.options.name });
      this.connectedOnce?.();
    } catch (error) {
      await connection?.close().catch(() => undefined);
      this.options.log.warn('Beskedfordeler consumer cannot connect; trying again', {
        consumer: this.options.name,
        reason: reasonOf(error),
      });
      this.scheduleReconnect();
    }
  }

  private lost(connection: ChannelModel): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    if (this.stopped) return;
    this.options.log.warn('Beskedfordeler connection lost; reconnecting', { consumer: this.options.name });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== undefined) return;
    this.attempts += 1;
    const delay = backoffDelayMs(this.attempts, this.options.reconnect ?? DEFAULT_RECONNECT, Math.random);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.connect();
    }, delay);
  }

  private receive(channel: ConfirmChannel, message: ConsumeMessage | null): void {
    if (message === null) {
      // The broker cancelled the consumer (the queue was deleted): start over.
      void channel.close().catch(() => undefined);
      return;
    }
    const work = this.settler
      .settle(channel, message, (delivery) => this.options.handle(delivery.content))
      .finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private report(event: SettlementEvent): void {
    const consumer = this.options.name;
    switch (event.kind) {
      case 'requeued':
        this.options.log.warn('Beskedfordeler message not handled; it is requeued', {
          consumer,
          reason: reasonOf(event.error),
        });
        return;
      case 'dead-lettered':
        this.options.log.warn('Beskedfordeler message dead-lettered', { consumer, reason: event.reason });
        return;
      case 'dead-letter-unconfirmed':
        this.options.log.warn('Beskedfordeler dead-letter queue did not confirm; the message is requeued', {
          consumer,
          reason: reasonOf(event.error),
        });
        return;
    }
  }
}

/** A failure's kind for a log line: its code or class, never its message (it may quote the URL or the content). */
function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') return String(code);
  return error instanceof Error ? error.name : 'error';
}
