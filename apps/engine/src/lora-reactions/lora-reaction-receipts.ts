import type { DataSource, EntityManager } from 'typeorm';

/** How long a receipt is kept: RabbitMQ redelivers within minutes of a lost acknowledgement, never a day later. */
const RECEIPT_RETENTION_HOURS = 24;
/** Expired receipts are deleted at most this often, by the reaction that comes along. */
const CLEANUP_INTERVAL_MS = 10 * 60 * 1000;

/**
 * The notifications whose message correlation is done (`lora_reaction_receipts`), so a notification RabbitMQ
 * delivers again is not correlated twice. The receipt and the work are one transaction — the work writes through
 * the `manager` it is given — so both commit or neither does: a failed correlation (or a crash) leaves no receipt
 * and the redelivery correlates; a second delivery arriving meanwhile waits on the key, then finds it taken.
 */
export class LoraReactionReceipts {
  private lastCleanup: number | undefined;

  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in the receipt's transaction unless a receipt for `key` exists; answers what it returned. */
  async once<T>(
    tenantId: string,
    key: string,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<{ ran: true; result: T } | { ran: false }> {
    return this.dataSource.transaction(async (manager) => {
      await this.deleteExpiredWhenDue(manager);
      const taken = (await manager.query(
        `INSERT INTO lora_reaction_receipts (tenant_id, key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING key`,
        [tenantId, key],
      )) as unknown[];
      if (taken.length === 0) return { ran: false };
      return { ran: true, result: await work(manager) };
    });
  }

  private async deleteExpiredWhenDue(manager: EntityManager): Promise<void> {
    const now = performance.now();
    if (this.lastCleanup !== undefined && now - this.lastCleanup < CLEANUP_INTERVAL_MS) return;
    this.lastCleanup = now;
    await manager.query(
      `DELETE FROM lora_reaction_receipts WHERE received_at < now() - $1 * interval '1 hour'`,
      [RECEIPT_RETENTION_HOURS],
    );
  }
}
