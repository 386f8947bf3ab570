/** The types of parsed timers: what parseTimer returns and the process state stores. */

/** Which BPMN timer element the text came from: timeDate, timeDuration or timeCycle. */
export type TimerKind = 'date' | 'duration' | 'cycle';

/** A parsed timer, JSON-serialisable (it is stored in process state). Instants are UTC ISO strings. */
export type TimerSchedule =
  | { kind: 'date'; at: string }
  | { kind: 'duration'; duration: string }
  | { kind: 'cycle'; repetitions: number | null; start?: string; end?: string; interval: string }
  | { kind: 'cron'; pattern: string; repetitions: number | null };

/** A cycle given as an ISO 8601 repeating interval (R…/…). */
export type IsoCycleSchedule = Extract<TimerSchedule, { kind: 'cycle' }>;

/** A cycle given as a cron pattern. */
export type CronSchedule = Extract<TimerSchedule, { kind: 'cron' }>;

/** Options shared by the timer functions. */
export interface TimerOptions {
  /** IANA zone for dates without an offset, calendar arithmetic and cron patterns; default Europe/Copenhagen. */
  timeZone?: string;
}
