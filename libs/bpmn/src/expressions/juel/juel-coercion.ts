/** JUEL's type coercions (EL spec 1.23) as they apply to JSON values. */
import { JuelValueError } from './juel-errors.js';
import { describeValue, isRecord } from './juel-values.js';

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** null and '' become 0 as in EL; a string must be a plain decimal number (no whitespace, as Long.valueOf). */
export function toNumber(value: unknown, context: string): number {
  if (value === null || value === undefined || value === '') return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  throw new JuelValueError(`Cannot coerce ${describeValue(value)} to a number for ${context}`);
}

/** Java truncates a decimal when it needs an int (Number.intValue), so this does too. */
export function toInteger(value: unknown, context: string): number {
  if (typeof value === 'string' && !INTEGER.test(value)) {
    throw new JuelValueError(`Cannot coerce ${describeValue(value)} to an integer for ${context}`);
  }
  const number = toNumber(value, context);
  if (!Number.isFinite(number)) throw new JuelValueError(`Cannot use ${number} as an integer for ${context}`);
  return Math.trunc(number) + 0;
}

/** As Boolean.valueOf: any string other than "true" (ignoring case) is false; numbers are an error. */
export function toBoolean(value: unknown, context: string): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.toLowerCase() === 'true';
  throw new JuelValueError(`Cannot coerce ${describeValue(value)} to a boolean for ${context}`);
}

/** Arrays and objects are refused: Java's toString of a List or Map is no contract worth comparing against. */
export function toText(value: unknown, context: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new JuelValueError(`Cannot coerce ${describeValue(value)} to a string for ${context}`);
}

/** How a value appears inside mixed text: null is empty, structures are shown as JSON. */
export function toTemplateText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value) || isRecord(value)) return JSON.stringify(value);
  return String(value);
}
