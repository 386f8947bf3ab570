import type { ModdleElement } from 'bpmn-moddle';

/** Small readers over moddle elements, so the compile step reads like the model it reads. */

export function attr(element: ModdleElement, name: string): string | undefined {
  const value = element.get(name);
  if (value === undefined || value === null) return undefined;
  const text = String(value);
  return text === '' ? undefined : text;
}

export function children(element: ModdleElement, property: string): ModdleElement[] {
  const value = element.get(property);
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}

export function child(element: ModdleElement, property: string): ModdleElement | undefined {
  const value = element.get(property);
  return value && typeof value === 'object' ? (value as ModdleElement) : undefined;
}

/** The `extensionElements` of an element with the given `$type`, e.g. `camunda:InputOutput`. */
export function extensions(element: ModdleElement, type: string): ModdleElement[] {
  const container = child(element, 'extensionElements');
  if (!container) return [];
  return children(container, 'values').filter((value) => value.$type === type);
}

export function extension(element: ModdleElement, type: string): ModdleElement | undefined {
  return extensions(element, type)[0];
}

/** The body text of a formal expression (`<conditionExpression>…</conditionExpression>`). */
export function bodyOf(element: ModdleElement | undefined): string | undefined {
  if (!element) return undefined;
  const body = element.get('body');
  return typeof body === 'string' && body.trim() !== '' ? body.trim() : undefined;
}

/** "user task 'Review' (Activity_1)" — how messages name an element for a process owner. */
export function describeElement(element: ModdleElement): string {
  const kind = element.$type
    .replace(/^bpmn:/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return element.name ? `${kind} '${element.name}' (${element.id})` : `${kind} '${element.id}'`;
}
