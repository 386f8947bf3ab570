/** The semantics of JUEL's operators (EL spec 1.7–1.10), including its coercion rules. */
import type { ArithmeticOperator, BinaryOperator, RelationalOperator } from './juel-ast.js';
import { toBoolean, toNumber, toText } from './juel-coercion.js';
import { JuelValueError } from './juel-errors.js';
import { deepEqual, describeValue, isRecord } from './juel-values.js';

export function applyBinary(operator: BinaryOperator, left: unknown, right: unknown): unknown {
  switch (operator) {
    case '==':
      return looselyEqual(left, right, operator);
    case '!=':
      return !looselyEqual(left, right, operator);
    case '<':
    case '>':
    case '<=':
    case '>=':
      return compare(operator, left, right);
    default:
      return arithmetic(operator, left, right);
  }
}

/** JUEL's `+` is numeric only: strings are parsed as numbers, never concatenated. */
export function arithmetic(operator: ArithmeticOperator, left: unknown, right: unknown): number {
  const context = `operator '${operator}'`;
  const a = toNumber(left, context);
  const b = toNumber(right, context);
  switch (operator) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      // Java would return Infinity for a double division; an error is more useful in a process.
      if (b === 0) throw new JuelValueError('Division by zero');
      return a / b;
    case '%':
      if (b === 0) throw new JuelValueError('Modulo by zero');
      return a % b;
  }
}

export function negate(value: unknown): number {
  return 0 - toNumber(value, "unary '-'");
}

/** Numbers win over strings, as in EL: `10 > '9'` is numeric, `'10' > '9'` is lexical. */
export function compare(operator: RelationalOperator, left: unknown, right: unknown): boolean {
  if (left === right && (operator === '<=' || operator === '>=')) return true;
  if (left === null || right === null) return false;
  const context = `operator '${operator}'`;
  let difference: number;
  if (typeof left === 'number' || typeof right === 'number') {
    difference = toNumber(left, context) - toNumber(right, context);
  } else if (typeof left === 'string' || typeof right === 'string') {
    const a = toText(left, context);
    const b = toText(right, context);
    difference = a < b ? -1 : a > b ? 1 : 0;
  } else if (typeof left === 'boolean' && typeof right === 'boolean') {
    difference = Number(left) - Number(right);
  } else {
    throw new JuelValueError(
      `Cannot compare ${describeValue(left)} with ${describeValue(right)} using ${context}`,
    );
  }
  switch (operator) {
    case '<':
      return difference < 0;
    case '>':
      return difference > 0;
    case '<=':
      return difference <= 0;
    case '>=':
      return difference >= 0;
  }
}

/** EL equality: numbers first, then booleans, then strings; structures compare by content. */
export function looselyEqual(left: unknown, right: unknown, operator: '==' | '!=' = '=='): boolean {
  if (left === right) return true;
  if (left === null || right === null) return false;
  const context = `operator '${operator}'`;
  if (typeof left === 'number' || typeof right === 'number') {
    return toNumber(left, context) === toNumber(right, context);
  }
  if (typeof left === 'boolean' || typeof right === 'boolean') {
    return toBoolean(left, context) === toBoolean(right, context);
  }
  // Strings were equal by identity already; a string never equals an array or object.
  if (typeof left === 'string' || typeof right === 'string') return false;
  return deepEqual(left, right);
}

export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
  if (isRecord(value)) return Object.keys(value).length === 0;
  return false;
}
