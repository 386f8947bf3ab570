/** Inspection helpers for the plain JSON values expressions operate on. */

/** A JSON object as the evaluator sees it: JUEL calls it a Map. */
export type JsonObject = Readonly<Record<string, unknown>>;

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Describes a value for error messages, e.g. `string 'abc'`, `number 1.5`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return `string ${quote(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'an array';
  if (isRecord(value)) return 'an object';
  return `a ${typeof value}`;
}

export function quote(text: string): string {
  if (text.length <= 40) return `'${text}'`;
  // Never cut through a number: the cut-off half of a CPR number would escape the masking of incident texts.
  return `'${text.slice(0, 37).replace(/[\d-]+$/, '')}...'`;
}

/** Reads only own properties: inherited ones such as `constructor` or `__proto__` must stay invisible. */
export function ownProperty(record: JsonObject, key: string): unknown {
  return Object.hasOwn(record, key) ? (record[key] ?? null) : null;
}

/** Structural equality of JSON values, standing in for Java's `List.equals`/`Map.equals`. */
export function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => deepEqual(item, right[index]));
  }
  if (isRecord(left) && isRecord(right)) {
    const keys = Object.keys(left);
    return (
      keys.length === Object.keys(right).length &&
      keys.every((key) => Object.hasOwn(right, key) && deepEqual(left[key], right[key]))
    );
  }
  return false;
}
