import type { Queue } from 'bull';
import type { DispatchRequest } from './effect-projector.js';
import type { ExternalJobDispatcher } from './engine-runtime.js';

/**
 * Dispatches jobs through Bull on Redis so every engine process shares the work. A Bull job carries only the id of
 * the job row: PostgreSQL stays the truth (the row's lock makes a second delivery harmless, the reconciler puts back
 * what Redis lost). Bull's job id is the row's id, so the same job is not queued twice while it waits.
 */
export class BullJobDispatcher implements ExternalJobDispatcher {
  constructor(
    private readonly queue: Queue<{ jobId: string }>,
    private readonly concurrency: number,
  ) {}

  dispatch(requests: DispatchRequest[]): void {
    if (requests.length === 0) return;
    const now = Date.now();
    const jobs = requests.map(({ jobId, dueAt, recoveryOf }) => ({
      data: { jobId },
      opts: {
        // A recovered job gets a Bull id of its own: the dead worker's delivery may still sit in Bull's active list.
        jobId: recoveryOf ? `${jobId}@${recoveryOf}` : jobId,
        delay: Math.max(0, dueAt.getTime() - now),
        removeOnComplete: true,
        removeOnFail: true,
        attempts: 1,
      },
    }));
    // A failed add is not lost: the job row is due, and the reconciler dispatches it again. The jobs of starts
    // committed together go to Redis together (one pipelined MULTI instead of a round trip each).
    const added = jobs.length === 1 ? this.queue.add(jobs[0].data, jobs[0].opts) : this.queue.addBulk(jobs);
    added.catch(() => undefined);
  }

  async start(runJob: (jobId: string) => Promise<unknown>): Promise<void> {
    // process() settles only when the queue closes; a close right after start must not become an unhandled rejection.
    this.queue
      .process(this.concurrency, async (job) => {
        await runJob(job.data.jobId);
      })
      .catch(() => undefined);
    await this.queue.isReady();
    await untilConnected((this.queue as unknown as { bclient: ConnectingClient }).bclient);
  }

  /** Stops fetching and waits for the jobs this process is running. */
  async stop(): Promise<void> {
    await this.queue.close();
  }
}

/** The part of an ioredis client that tells whether it has connected. */
interface ConnectingClient {
  readonly status: string;
  once(event: 'ready' | 'end', listener: () => void): unknown;
  off(event: 'ready' | 'end', listener: () => void): unknown;
}

/**
 * Waits until Bull's blocking client (made by `process()`) has connected. Closing the queue while it still connects
 * disconnects it with its connection commands (SELECT of the database) in flight, whose rejections nobody awaits.
 */
async function untilConnected(client: ConnectingClient): Promise<void> {
  if (client.status === 'ready' || client.status === 'end') return;
  await new Promise<void>((resolve) => {
    const done = () => {
      client.off('ready', done);
      client.off('end', done);
      resolve();
    };
    client.once('ready', done);
    client.once('end', done);
  });
}
