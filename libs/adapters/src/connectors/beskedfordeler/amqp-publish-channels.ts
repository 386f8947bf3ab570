import { createHash } from 'node:crypto';
import { connect, type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';

/** One open connection with its confirm channel, and why the broker closed the channel (when it did). */
interface PooledChannel {
  readonly connection: ChannelModel;
  readonly channel: ConfirmChannel;
  /** The broker's reason for closing the channel (a 404 for a missing exchange), for the publish that caused it. */
  closedFor: unknown;
}

/** What {@link AmqpPublishChannels.publish} sends. */
export interface AmqpPublication {
  readonly exchange: string;
  readonly routingKey: string;
  readonly content: Buffer;
  readonly options: Options.Publish;
}

/**
 * One AMQP connection and confirm channel per tenant and broker URL, shared by every publish of that tenant:
 * opened on first use, dropped when the broker or the network closes it (the next publish opens a new one), and
 * closed by {@link close} when the engine shuts down. A tenant's connection is never used for another tenant, even
 * with the same URL. The URL holds credentials: it is kept only as a hash, and never logged.
 */
export class AmqpPublishChannels {
  private readonly pool = new Map<string, Promise<PooledChannel>>();

  /**
   * Publishes with a publisher confirm; resolves once the broker has the message. Rejects with the broker's reason
   * when it refused it (closing the channel), or with the connection's error; `signal` stops the wait.
   */
  async publish(
    tenantId: string,
    url: string,
    publication: AmqpPublication,
    signal: AbortSignal,
  ): Promise<void> {
    const pooled = await abortable(this.channelFor(tenantId, url), signal);
    try {
      await abortable(
        new Promise<void>((resolve, reject) => {
          pooled.channel.publish(
            publication.exchange,
            publication.routingKey,
            publication.content,
            publication.options,
            (error: unknown) => (error ? reject(asError(error)) : resolve()),
          );
        }),
        signal,
      );
    } catch (error) {
      throw pooled.closedFor ?? error;
    }
  }

  /** How many connections are open (for tests and health views). */
  get size(): number {
    return this.pool.size;
  }

  /** Closes every connection; a later publish opens a new one. */
  async close(): Promise<void> {
    const open = [...this.pool.values()];
    this.pool.clear();
    await Promise.all(
      open.map((pending) =>
        pending.then(
          (pooled) => pooled.connection.close().catch(() => undefined),
          () => undefined,
        ),
      ),
    );
  }

  private channelFor(tenantId: string, url: string): Promise<PooledChannel> {
    const key = JSON.stringify([tenantId, createHash('sha256').update(url).digest('hex')]);
    let pending = this.pool.get(key);
    if (!pending) {
      pending = this.open(url, () => {
        if (this.pool.get(key) === pending) this.pool.delete(key);
      });
      this.pool.set(key, pending);
      // A connection that cannot be opened is not kept: the next publish tries again.
      pending.catch(() => {
        if (this.pool.get(key) === pending) this.pool.delete(key);
      });
    }
    return pending;
  }

  private async open(url: string, forget: () => void): Promise<PooledChannel> {
    const connection = await connect(url);
    connection.on('error', () => undefined); // 'close' follows
    connection.on('close', forget);
    try {
      const channel = await connection.createConfirmChannel();
      const pooled: PooledChannel = { connection, channel, closedFor: undefined };
      channel.on('error', (error: unknown) => (pooled.closedFor = error));
      channel.on('close', () => {
        forget();
        void connection.close().catch(() => undefined);
      });
      return pooled;
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
  }
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(asError(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(asError(signal.reason));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
