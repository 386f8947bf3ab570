import { returnedRows } from '#store';
import type { DataSource } from 'typeorm';

/** How long a tenant's handled BeskedIds are kept: its retention, never shorter than its buffered messages live. */
export interface BeskedRetention {
  readonly tenantId: string;
  readonly retentionMs: number;
}

export interface BeskedfordelerMessageCleanupOptions {
  /** The retention of each tenant with Beskedfordeler settings. */
  readonly tenants: readonly BeskedRetention[];
  /** For rows of tenants that no longer have settings. */
  readonly defaultRetentionMs: number;
  /** Rows removed per statement (default 1000): a large backlog never holds long locks. */
  readonly batchSize?: number;
  /** How often the loop runs (default hourly). */
  readonly intervalMs?: number;
}

const DEFAULT_BATCH_SIZE = 1000;
const DEFAULT_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Forgets handled BeskedIds (`beskedfordeler_messages`) once they are older than their tenant's retention, batch by
 * batch, on nodes that consume. Deduplication only needs a BeskedId while the broker may deliver its message again
 * — minutes after a lost acknowledgement — or while what it caused is still in flight in the engine (a buffered
 * correlation): so the retention is at least a day and never shorter than the tenant's buffer time to live. A row
 * locked by an intake transaction is skipped, not waited for, and removed by a later run.
 */
export class BeskedfordelerMessageCleanup {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: BeskedfordelerMessageCleanupOptions,
  ) {}

  start(): void {
    this.timer = setInterval(
      () => void this.removeExpired().catch(() => undefined),
      this.options.intervalMs ?? DEFAULT_INTERVAL_MS,
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Removes every expired row (of each tenant, then of tenants without settings); returns how many. */
  async removeExpired(now: Date = new Date()): Promise<number> {
    let removed = 0;
    for (const tenant of this.options.tenants) {
      removed += await this.removeBatches(`tenant_id = $3`, [
        new Date(now.getTime() - tenant.retentionMs),
        tenant.tenantId,
      ]);
    }
    removed += await this.removeBatches(`NOT (tenant_id = ANY($3))`, [
      new Date(now.getTime() - this.options.defaultRetentionMs),
      this.options.tenants.map((tenant) => tenant.tenantId),
    ]);
    return removed;
  }

  private async removeBatches(tenantCondition: string, [before, tenants]: [Date, unknown]): Promise<number> {
    const batchSize = this.options.batchSize ?? DEFAULT_BATCH_SIZE;
    let removed = 0;
    for (;;) {
      const rows = (await this.dataSource.query(
        `DELETE FROM beskedfordeler_messages WHERE (tenant_id, besked_id) IN (
           SELECT tenant_id, besked_id FROM beskedfordeler_messages
           WHERE received_at < $1 AND ${tenantCondition}
           LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING besked_id`,
        [before, batchSize, tenants],
      )) as unknown;
      const batch = returnedRows(rows).length;
      removed += batch;
      if (batch < batchSize) return removed;
    }
  }
}
