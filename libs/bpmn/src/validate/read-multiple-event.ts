import type { ModdleElement } from 'bpmn-moddle';
import type { EventDefinition, ExecutableElement } from '../model/executable-model.js';
import type { FindingCollector } from './finding.js';
import { children, describeElement } from './moddle-access.js';
import { readDefinition } from './read-event-definition.js';

/** Triggers a multiple event may combine: those that are waited for (a start event: all but conditional). */
const COMBINABLE = new Set<EventDefinition['kind']>(['message', 'timer', 'signal', 'conditional']);
const COMBINABLE_AT_START = new Set<EventDefinition['kind']>(['message', 'timer', 'signal']);

/**
 * Reads a multiple event — one with several event definitions — into `eventDefinitions` (and `parallelMultiple`).
 * Start, intermediate catch and boundary events may combine message, timer, signal and conditional triggers; what
 * this engine does not run (a multiple throw or end event, a parallel multiple boundary event, other triggers in
 * the mix) is refused by name.
 */
export function readMultipleEvent(
  event: ModdleElement,
  executable: ExecutableElement,
  findings: FindingCollector,
): void {
  const definitions = children(event, 'eventDefinitions');
  if (definitions.length < 2) return;
  const refuse = (message: string) =>
    findings.error('unsupported-element', event.id, `${describeElement(event)} ${message}`);
  if (executable.type === 'endEvent' || executable.type === 'intermediateThrowEvent') {
    return refuse(
      `has ${definitions.length} event definitions (a multiple throw event), which this engine does not run; ` +
        'throw each result from its own event, one after the other.',
    );
  }
  const read = definitions.map((definition) => readDefinition(event, definition, findings));
  const usable = read.filter((definition): definition is EventDefinition => definition !== null);
  // Kept even when refused below, so the structure check sees a multiple event rather than one that catches nothing.
  executable.eventDefinitions = usable;
  if (usable.length < read.length) return;
  const parallel = event.get('parallelMultiple') === true;
  const kinds = usable.map((definition) => definition.kind);
  const allowed = executable.type === 'startEvent' ? COMBINABLE_AT_START : COMBINABLE;
  const other = kinds.find((kind) => !allowed.has(kind));
  if (other) {
    return refuse(
      `combines a ${other} trigger with others; a multiple ${executable.type === 'startEvent' ? 'start event' : 'event'} ` +
        `may combine ${executable.type === 'startEvent' ? 'message, timer and signal' : 'message, timer, signal and conditional'} triggers only.`,
    );
  }
  const conditionals = kinds.filter((kind) => kind === 'conditional').length;
  if (conditionals > 1) {
    return refuse(
      `has ${conditionals} conditional triggers; combine them into one condition (with ${parallel ? "'and'" : "'or'"}).`,
    );
  }
  if (parallel) executable.parallelMultiple = true;
}
