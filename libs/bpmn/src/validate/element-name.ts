import type { ExecutableElement } from '../model/executable-model.js';

/** "user task 'Review' (Activity_1)" — how findings name an element of the executable model. */
export function nameOf(element: ExecutableElement): string {
  const kind = element.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `${kind} '${element.name ?? element.id}'${element.name ? ` (${element.id})` : ''}`;
}
