/** Timer definitions of the BPMN core: parse timeDate / timeDuration / timeCycle text and compute due times. */
export type { TimerKind, TimerOptions, TimerSchedule } from './timer-schedule.js';
export { TimerDefinitionError } from './timer-definition-error.js';
export { parseTimer } from './parse-timer.js';
export { firstDue, nextDue } from './due-dates.js';
export { addDuration } from './iso-duration.js';
