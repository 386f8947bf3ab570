/** How one item of a batch ended. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface GroupCommitOptions {
  /** Batches in flight at once; the first items of a quiet period go at once, each in a batch of its own. */
  maxBatches: number;
  /** Items per batch at most. */
  maxBatchSize: number;
}

/**
 * Group commit: items submitted while `maxBatches` batches are in flight wait, and the next batch takes all of them
 * (up to `maxBatchSize`). Under load many commands share one transaction — one round trip and one commit (one WAL
 * flush) instead of one each — and when it is quiet an item goes at once, so latency does not suffer.
 */
export class GroupCommitQueue<Item, Result> {
  private waiting: Array<{ item: Item; settle: (outcome: Settled<Result>) => void }> = [];
  private inFlight = 0;

  constructor(
    private readonly runBatch: (items: Item[]) => Promise<Array<Settled<Result>>>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.waiting.push({
        item,
        settle: (outcome) => (outcome.ok ? resolve(outcome.value) : reject(outcome.error)),
      });
      this.pump();
    });
  }

  /** Items submitted and not yet answered. */
  get pending(): number {
    return this.waiting.length + this.inFlight;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxBatches && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatchSize);
      this.inFlight += 1;
      void this.runBatch(batch.map((entry) => entry.item))
        .then(
          (outcomes) => batch.forEach((entry, index) => entry.settle(outcomes[index])),
          (error: unknown) => batch.forEach((entry) => entry.settle({ ok: false, error })),
        )
        .finally(() => {
          this.inFlight -= 1;
          this.pump();
        });
    }
  }
}

/** Runs `work` and tells how it ended, without throwing. */
export async function settle<T>(work: () => Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error };
  }
}
