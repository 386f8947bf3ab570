import type { DispatchRequest } from './effect-projector.js';
import type { JobDispatcher } from './instance-commands.js';

/** Jobs due further away than this are left to the reconciler's polling instead of a timer each. */
const NEAR_FUTURE_MS = 60_000;

/**
 * Runs jobs in this Node process (the embedded mode without Redis, and tests): due jobs go to a bounded pool of
 * concurrent runs, near-future ones wait on a timer, far ones for the reconciler. A job already queued or running
 * is not queued twice; the PostgreSQL lock guards against other processes.
 */
export class InProcessJobDispatcher implements JobDispatcher {
  private readonly queue: string[] = [];
  private readonly known = new Set<string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private running = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly runJob: (jobId: string) => Promise<unknown>,
    private readonly concurrency: number,
    private readonly onError: (jobId: string, error: unknown) => void = () => undefined,
  ) {}

  dispatch(requests: DispatchRequest[]): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const { jobId, dueAt } of requests) {
      const delay = dueAt.getTime() - now;
      if (delay <= 0) this.enqueue(jobId);
      else if (delay < NEAR_FUTURE_MS && !this.timers.has(jobId)) {
        this.timers.set(
          jobId,
          setTimeout(() => {
            this.timers.delete(jobId);
            this.enqueue(jobId);
          }, delay),
        );
      }
    }
  }

  /** Stops taking jobs and waits for those running to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.queue.length = 0;
    await this.idle();
  }

  /** Resolves once no job is queued or running (tests use it to wait for the engine to settle). */
  idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(jobId: string): void {
    if (this.stopped || this.known.has(jobId)) return;
    this.known.add(jobId);
    this.queue.push(jobId);
    this.pump();
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const jobId = this.queue.shift() as string;
      this.running += 1;
      this.runJob(jobId)
        .catch((error: unknown) => this.onError(jobId, error))
        .finally(() => {
          this.running -= 1;
          this.known.delete(jobId);
          this.pump();
          if (this.running === 0 && this.queue.length === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}
