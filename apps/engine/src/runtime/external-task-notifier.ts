/** External tasks that became fetchable: new ones, unlocked ones, ones given retries again. */
export interface AvailableExternalTask {
  tenantId: string;
  topic: string;
}

/** What a waiting fetch-and-lock (long polling) is waiting for: a task on one of its topics, in one of its tenants. */
export interface ExternalTaskInterest {
  topics: ReadonlySet<string>;
  tenantIds: ReadonlySet<string>;
}

/**
 * Wakes long-polling fetch-and-lock requests when work for them may have appeared, without a busy loop. A command
 * that opened an external task announces it after its transaction committed — so the woken request finds the row —
 * and only requests waiting for that topic and tenant wake. Work this process is not told about (created by another
 * engine process, a lock that expired, a retry timeout that passed) is found by each waiting request's re-check
 * every `recheckIntervalMs`.
 */
export class ExternalTaskNotifier {
  private readonly subscriptions = new Set<ExternalTaskSubscription>();
  private closed = false;

  constructor(readonly recheckIntervalMs: number) {}

  /** Starts listening before the first fetch, so nothing announced between the fetch and the wait is missed. */
  subscribe(interest: ExternalTaskInterest): ExternalTaskSubscription {
    const subscription = new ExternalTaskSubscription(interest, this.recheckIntervalMs, (done) =>
      this.subscriptions.delete(done),
    );
    if (this.closed) subscription.close();
    else this.subscriptions.add(subscription);
    return subscription;
  }

  /** Tasks committed and fetchable now. */
  announce(tasks: AvailableExternalTask[]): void {
    if (tasks.length === 0) return;
    for (const subscription of this.subscriptions) {
      if (tasks.some((task) => subscription.wants(task))) subscription.wake();
    }
  }

  /** Shutdown: every waiting request answers now (with what it has: nothing), and no new one waits. */
  close(): void {
    this.closed = true;
    for (const subscription of [...this.subscriptions]) subscription.close();
  }
}

/** One long-polling request's interest, from its first fetch until it answers. */
export class ExternalTaskSubscription {
  /** Woken while not waiting: the next wait returns at once. */
  private pending = false;
  private closed = false;
  private resolveWait: (() => void) | undefined;

  constructor(
    private readonly interest: ExternalTaskInterest,
    private readonly recheckIntervalMs: number,
    private readonly onClose: (subscription: ExternalTaskSubscription) => void,
  ) {}

  /** False once closed (by the request or by shutdown): the request should answer with what it has. */
  get open(): boolean {
    return !this.closed;
  }

  wants(task: AvailableExternalTask): boolean {
    return this.interest.topics.has(task.topic) && this.interest.tenantIds.has(task.tenantId);
  }

  wake(): void {
    if (this.resolveWait) this.resolveWait();
    else this.pending = true;
  }

  /** Resolves when matching work was announced, after the re-check interval or `maxWaitMs`, or on close. */
  async next(maxWaitMs: number): Promise<void> {
    if (this.pending || this.closed) {
      this.pending = false;
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.resolveWait = resolve;
      timer = setTimeout(resolve, Math.max(0, Math.min(maxWaitMs, this.recheckIntervalMs)));
    });
    clearTimeout(timer);
    this.resolveWait = undefined;
    this.pending = false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.resolveWait?.();
    this.onClose(this);
  }
}
