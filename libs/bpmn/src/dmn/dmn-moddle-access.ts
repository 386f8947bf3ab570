import type { DmnModdleElement } from 'dmn-moddle';

/** Small readers over dmn-moddle elements, so the compile step reads like the document it reads. */

export function text(carrier: DmnModdleElement, property: string): string | undefined {
  const value = carrier.get(property);
  if (value === undefined || value === null) return undefined;
  const result = String(value);
  return result === '' ? undefined : result;
}

export function element(carrier: DmnModdleElement, property: string): DmnModdleElement | undefined {
  const value = carrier.get(property);
  return value && typeof value === 'object' ? (value as DmnModdleElement) : undefined;
}

export function list(carrier: DmnModdleElement, property: string): DmnModdleElement[] {
  const value = carrier.get(property);
  return Array.isArray(value) ? (value as DmnModdleElement[]) : [];
}

/** "decision 'Dish' (dish)" — how messages name a DRG element for a process owner. */
export function describeDrgElement(drgElement: DmnModdleElement): string {
  const kind = drgElement.$type
    .replace(/^dmn:/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  const id = drgElement.id ?? '(no id)';
  return drgElement.name ? `${kind} '${drgElement.name}' (${id})` : `${kind} '${id}'`;
}
