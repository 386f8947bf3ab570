import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { LoraNotificationBroker } from './lora-notification-broker.js';
import {
  deletePublishedBefore,
  markPublished,
  takeOutbox,
  unpublishedNotifications,
} from './lora-notification-outbox.js';

export interface LoraNotificationPublisherOptions {
  /** How often the outbox is looked at when no write in this process said so (writes of other nodes; default 1 s). */
  pollIntervalMs?: number;
  /** The first wait after the broker failed; each next one twice as long, up to `retryMaxMs` (defaults 250 ms, 5 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Notifications sent per batch, and confirmed together (default 100). */
  batchSize?: number;
  /** How long a published notification stays in the outbox before it is deleted (default 7 days). */
  retentionMs?: number;
  /** How often the loop deletes expired published notifications (default every 10 minutes), and how many per batch (1000). */
  cleanupIntervalMs?: number;
  cleanupBatchSize?: number;
}

/** The defaults of {@link LoraNotificationPublisherOptions}' retention. */
export const LORA_NOTIFICATION_RETENTION_DEFAULTS = {
  retentionMs: 7 * 24 * 60 * 60 * 1000,
  cleanupIntervalMs: 10 * 60 * 1000,
  cleanupBatchSize: 1_000,
} as const;

/**
 * Sends the outbox's unpublished notifications to the broker, oldest first, and marks them published only after
 * the broker confirmed them: at least once, never lost. A batch is sent inside a transaction holding the outbox's
 * advisory lock, so of several engine nodes one sends at a time and the order holds; if the broker fails, nothing
 * is marked and the batch is sent again after a backoff (a crash between confirm and commit sends it twice).
 * Woken by each LoRA write of this process, and polling for the others'. Every `cleanupIntervalMs` it also deletes the
 * notifications published more than `retentionMs` ago, in batches, so the outbox does not grow for ever. Started and
 * stopped with the app.
 */
export class LoraNotificationPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LoraNotifications');
  private readonly pollIntervalMs: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;
  private readonly batchSize: number;
  private readonly retentionMs: number;
  private readonly cleanupIntervalMs: number;
  private readonly cleanupBatchSize: number;
  /** When the loop last deleted expired notifications (performance.now()); undefined: not yet. */
  private lastCleanup: number | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private woken = false;
  private failures = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly broker: LoraNotificationBroker,
    options: LoraNotificationPublisherOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
    this.retryBaseMs = options.retryBaseMs ?? 250;
    this.retryMaxMs = options.retryMaxMs ?? 5_000;
    this.batchSize = options.batchSize ?? 100;
    this.retentionMs = options.retentionMs ?? LORA_NOTIFICATION_RETENTION_DEFAULTS.retentionMs;
    this.cleanupIntervalMs =
      options.cleanupIntervalMs ?? LORA_NOTIFICATION_RETENTION_DEFAULTS.cleanupIntervalMs;
    this.cleanupBatchSize = options.cleanupBatchSize ?? LORA_NOTIFICATION_RETENTION_DEFAULTS.cleanupBatchSize;
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch being sent (its confirms or its failure), then closes the broker connection. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
    this.loop = undefined;
    await this.broker.close();
  }

  /** A write committed: look at the outbox now instead of at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Sends everything unpublished now; answers how many were sent (tests; the loop calls it too). */
  async publishPending(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        if (!(await takeOutbox(manager))) return 0;
        const notifications = await unpublishedNotifications(manager, this.batchSize);
        if (notifications.length === 0) return 0;
        await this.broker.publish(notifications);
        await markPublished(
          manager,
          notifications.map((notification) => notification.id),
        );
        return notifications.length;
      });
      sent += batch;
      if (batch < this.batchSize) return sent;
    }
  }

  /**
   * Deletes the notifications published more than the retention ago, one batch per transaction (short locks, however
   * many expired); answers how many (tests; the loop calls it every `cleanupIntervalMs`).
   */
  async deleteExpired(): Promise<number> {
    let deleted = 0;
    for (;;) {
      const batch = await this.dataSource.transaction((manager) =>
        deletePublishedBefore(manager, this.retentionMs, this.cleanupBatchSize),
      );
      deleted += batch;
      if (batch < this.cleanupBatchSize) return deleted;
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      let wait = this.pollIntervalMs;
      try {
        await this.publishPending();
        if (this.failures > 0) this.logger.log('Publishing LoRA notifications again');
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        wait = Math.min(this.retryBaseMs * 2 ** (this.failures - 1), this.retryMaxMs);
        // Every failure while it lasts would flood the log: the first, then every tenth.
        if (this.failures === 1 || this.failures % 10 === 0) {
          this.logger.warn(
            `LoRA notifications cannot be published (${(error as Error).message}); they stay in the outbox, next attempt in ${wait} ms`,
          );
        }
        // A write waking the publisher must not skip the backoff.
        this.woken = false;
      }
      if (this.failures === 0) await this.cleanUpWhenDue();
      if (this.running && !this.woken) await this.sleep(wait);
    }
  }

  /** Deletes expired notifications if `cleanupIntervalMs` passed since the last time; a failure waits for the next. */
  private async cleanUpWhenDue(): Promise<void> {
    const now = performance.now();
    if (this.lastCleanup !== undefined && now - this.lastCleanup < this.cleanupIntervalMs) return;
    this.lastCleanup = now;
    try {
      await this.deleteExpired();
    } catch (error) {
      this.logger.warn(
        `Published LoRA notifications could not be deleted (${(error as Error).message}); trying again in ${this.cleanupIntervalMs} ms`,
      );
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = () => {
        // During a backoff only stopping cuts the wait short.
        if (!this.running || this.failures === 0) done();
      };
    });
  }
}
