import type { DataSource } from 'typeorm';
import { DISPATCHED_KINDS } from './effect-projector.js';
import type { JobDispatcher } from './instance-commands.js';

/**
 * PostgreSQL is the source of truth for jobs: every interval the reconciler hands the dispatcher the jobs that are
 * due (or nearly) and not locked — or whose lock expired because their worker died — unless their instance is
 * suspended (those wait, untouched, and are handed over after the activation). That covers a Redis that lost
 * its data, a dispatch that never happened (a crash between commit and dispatch), timers due after a restart, and
 * the embedded mode's polling.
 */
export class JobReconciler {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly dispatcher: JobDispatcher,
    private readonly intervalMs: number,
    private readonly batchSize = 500,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.reconcile(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass; returns how many jobs it handed over. */
  async reconcile(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    try {
      const rows = (await this.dataSource.query(
        `SELECT id, due_at, lock_expires_at FROM jobs
         WHERE kind = ANY($1) AND due_at <= now() + ($2 || ' milliseconds')::interval
           AND (lock_owner IS NULL OR lock_expires_at < now())
           AND NOT EXISTS (SELECT 1 FROM process_instances s WHERE s.id = jobs.process_instance_id AND s.suspended)
         ORDER BY due_at LIMIT $3`,
        [[...DISPATCHED_KINDS], String(this.intervalMs * 2), this.batchSize],
      )) as Array<{ id: string; due_at: Date; lock_expires_at: Date | null }>;
      this.dispatcher.dispatch(
        rows.map((row) => ({
          jobId: row.id,
          dueAt: new Date(row.due_at),
          ...(row.lock_expires_at ? { recoveryOf: new Date(row.lock_expires_at).toISOString() } : {}),
        })),
      );
      return rows.length;
    } catch {
      // The database may be briefly unavailable; the next pass tries again.
      return 0;
    } finally {
      this.busy = false;
    }
  }
}
