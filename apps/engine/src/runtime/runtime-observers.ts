import type { Effect } from '#bpmn';

/** A command the runtime has written: which definition's instance, whether it started it, and what came of it. */
export interface CommittedCommand {
  definitionKey: string;
  /** True for a start (a replayed idempotent start is no start and is not reported). */
  started: boolean;
  /** The core's effects: `instance.ended`, `incident.raised` … */
  effects: readonly Effect[];
}

/** Told what the runtime did, after it did it (metrics). Called on the runtime's own path: cheap, and never throwing. */
export interface RuntimeObserver {
  commandCommitted?(command: CommittedCommand): void;
  /** A job attempt ran (whatever came of it). */
  jobExecuted?(kind: string): void;
  /** A job attempt failed: its retries count down, or an incident is raised when none is left. */
  jobFailed?(kind: string): void;
}

/**
 * The observers of one part of the runtime. A failing observer is its own problem: what it observes has already
 * happened and must not be undone or reported as failed because of it.
 */
export class RuntimeObservers implements Required<RuntimeObserver> {
  private readonly observers: RuntimeObserver[] = [];

  add(observer: RuntimeObserver): void {
    this.observers.push(observer);
  }

  commandCommitted(command: CommittedCommand): void {
    this.each((observer) => observer.commandCommitted?.(command));
  }

  jobExecuted(kind: string): void {
    this.each((observer) => observer.jobExecuted?.(kind));
  }

  jobFailed(kind: string): void {
    this.each((observer) => observer.jobFailed?.(kind));
  }

  private each(call: (observer: RuntimeObserver) => void): void {
    for (const observer of this.observers) {
      try {
        call(observer);
      } catch {
        // See the class comment: never let an observer fail the runtime.
      }
    }
  }
}
