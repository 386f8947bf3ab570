import type { ElementType, ExecutableElement } from '../model/executable-model.js';
import type { ElementInstance, ProcessInstanceState } from './instance-state.js';

/**
 * An activity with loop characteristics runs as two kinds of element instance with the activity's id: a body
 * (`multiInstanceBody`, `standardLoopBody`) that owns the boundary events and counts, and inside it the inner
 * instances that run the activity's own behaviour, one per repetition.
 */
export function isLoopBody(instance: ElementInstance): boolean {
  return instance.elementType === 'multiInstanceBody' || instance.elementType === 'standardLoopBody';
}

/** An inner instance of a multi-instance or loop activity (one repetition), as opposed to its body. */
export function isLoopIteration(state: ProcessInstanceState, instance: ElementInstance): boolean {
  const parent = instance.parentKey === null ? undefined : state.elementInstances[instance.parentKey];
  return parent !== undefined && isLoopBody(parent);
}

/**
 * The type of a new element instance: an activity with loop characteristics first gets its body; inside the body
 * (the parent is the body of the same activity) it gets its own type.
 */
export function instanceTypeOf(element: ExecutableElement, parent: ElementInstance | undefined): ElementType {
  if (!element.loop) return element.type;
  if (parent && isLoopBody(parent) && parent.elementId === element.id) return element.type;
  return element.loop.kind === 'multi-instance' ? 'multiInstanceBody' : 'standardLoopBody';
}
