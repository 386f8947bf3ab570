import type { DataSource } from 'typeorm';
import { returnedRows } from '#store';

/** How long a start's `Idempotency-Key` is remembered. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/**
 * Removes the history of ended instances whose removal time (end + the definition's history time to live) has
 * passed, in batches so a large backlog never holds long locks. Instances without a time to live use the default
 * given here (null keeps them for ever). On the same schedule it removes buffered messages whose time to live passed.
 */
export class HistoryCleanup {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { batchSize: number; intervalMs: number; defaultTimeToLiveDays: number | null },
  ) {}

  start(): void {
    this.timer = setInterval(
      () =>
        void this.runOnce()
          .then(() => this.removeExpiredMessages())
          .then(() => this.removeExpiredIdempotencyKeys())
          .catch(() => undefined),
      this.options.intervalMs,
    );
    this.timer.unref();
  }

  /**
   * Removes buffered messages whose time to live has passed (on the same schedule: they are never delivered once
   * expired, so this only frees the space). Returns how many it removed.
   */
  async removeExpiredMessages(now: Date = new Date()): Promise<number> {
    let removed = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `DELETE FROM buffered_messages WHERE id IN (
           SELECT id FROM buffered_messages WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [now, this.options.batchSize],
      )) as unknown;
      const batch = returnedRows(rows).length;
      removed += batch;
      if (batch < this.options.batchSize) return removed;
    }
  }

  /**
   * Forgets idempotency keys of starts older than {@link IDEMPOTENCY_KEY_TTL_HOURS}: a client retries a start within
   * minutes, and keeping keys for ever would let the table grow without bound. Returns how many it removed.
   */
  async removeExpiredIdempotencyKeys(now: Date = new Date()): Promise<number> {
    const rows = (await this.dataSource.query(
      `DELETE FROM idempotent_starts WHERE created_at <= $1::timestamptz - ($2::integer * interval '1 hour') RETURNING key`,
      [now, IDEMPOTENCY_KEY_TTL_HOURS],
    )) as unknown;
    return returnedRows(rows).length;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Removes expired history until none is left (batch by batch); returns how many instances it removed. */
  async runOnce(now: Date = new Date()): Promise<number> {
    let removed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = (await manager.query(
          `SELECT id FROM history_process_instances
           WHERE ended_at IS NOT NULL
             AND coalesce(removal_time, CASE WHEN $2::integer IS NULL THEN NULL ELSE ended_at + ($2::integer * interval '1 day') END) <= $1
           ORDER BY ended_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
          [now, this.options.defaultTimeToLiveDays, this.options.batchSize],
        )) as Array<{ id: string }>;
        const ids = rows.map((row) => row.id);
        if (ids.length === 0) return 0;
        for (const table of [
          'history_activity_instances',
          'history_variable_updates',
          'history_incidents',
          'history_operations',
        ]) {
          await manager.query(`DELETE FROM ${table} WHERE process_instance_id = ANY($1)`, [ids]);
        }
        // The runtime row of an ended instance goes with its history (its state is no longer needed).
        await manager.query(`DELETE FROM process_instances WHERE id = ANY($1) AND status <> 'active'`, [ids]);
        await manager.query(`DELETE FROM history_process_instances WHERE id = ANY($1)`, [ids]);
        return ids.length;
      });
      removed += batch;
      if (batch < this.options.batchSize) return removed;
    }
  }
}
