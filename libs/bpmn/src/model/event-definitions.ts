import type { EventDefinition, ExecutableElement } from './executable-model.js';

/**
 * Every trigger or result of an event: its single `eventDefinition`, or the `eventDefinitions` of a multiple
 * (or parallel multiple) event; empty for a none event. Code that must treat multiple events alike reads this.
 */
export function eventDefinitionsOf(element: ExecutableElement): EventDefinition[] {
  if (element.eventDefinitions) return element.eventDefinitions;
  return element.eventDefinition ? [element.eventDefinition] : [];
}

/** An event with several event definitions: one of them (multiple) or all of them (parallel multiple) must occur. */
export function isMultipleEvent(element: ExecutableElement): boolean {
  return (element.eventDefinitions?.length ?? 0) > 1;
}
