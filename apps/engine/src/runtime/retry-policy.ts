import { addDuration, parseTimer } from '#bpmn';

/** How long to wait before retry number `attempt` (1-based) of a failed job. */
export function retryDelayMs(retryTimeCycle: string | null, attempt: number, defaultBaseMs: number): number {
  if (retryTimeCycle) {
    try {
      const schedule = parseTimer('cycle', retryTimeCycle);
      if (schedule.kind === 'cycle') return durationMs(schedule.interval);
    } catch {
      // An unreadable cycle falls back to the default backoff; validation reports it at deploy.
    }
  }
  // Exponential backoff with jitter, capped at ten minutes.
  const base = Math.min(defaultBaseMs * 2 ** (attempt - 1), 600_000);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Retries a failed job gets: the count of `R3/PT10M`, else the job's own count. */
export function retriesOf(retryTimeCycle: string | null, fallback: number): number {
  if (!retryTimeCycle) return fallback;
  const match = /^R(\d+)\//.exec(retryTimeCycle.trim());
  return match ? Number(match[1]) : fallback;
}

/** Milliseconds of an ISO 8601 duration, counted from the epoch in UTC (retry intervals have no calendar to follow). */
function durationMs(iso: string): number {
  return addDuration(new Date(0), iso, { timeZone: 'UTC' }).getTime();
}
