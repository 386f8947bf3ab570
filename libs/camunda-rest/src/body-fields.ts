import { invalidRequest } from './camunda-rest.exception.js';
import { kindOf } from './typed-variables.js';

/**
 * Fields of a JSON request body, checked one by one: a value of the wrong kind is a 400 naming the field (and the
 * kind it found, never the value: it may be personal data); absent and `null` are both "not given", as Camunda's
 * Jackson DTOs read them. Fields a request does not know are left alone (Camunda ignores them).
 */

/**
 * The JSON object a body (or a part of it) must be; absent is an empty object. `what` names it in the message, and
 * `example`, when given, shows what is expected.
 */
export function bodyObjectOf(
  value: unknown,
  what = 'the request body',
  example?: string,
): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    const expected = example === undefined ? 'a JSON object' : `a JSON object such as ${example}`;
    throw invalidRequest(`Expected ${what} to be ${expected}, but found ${kindOf(value)}`);
  }
  return value as Record<string, unknown>;
}

/** A string field, or undefined when absent. */
export function textField(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw invalidRequest(`Expected '${field}' to be a string, but found ${kindOf(value)}`);
  }
  return value;
}

/** A string field that must be given and not be empty. */
export function requiredTextField(value: unknown, field: string): string {
  if (typeof value === 'string' && value !== '') return value;
  if (value === undefined || value === null) throw invalidRequest(`Expected '${field}', but it is missing`);
  throw invalidRequest(`Expected '${field}' to be a non-empty string, but found ${kindOf(value)}`);
}

/** `true` or `false`, or undefined when absent. */
export function booleanField(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw invalidRequest(`Expected '${field}' to be true or false, but found ${kindOf(value)}`);
  }
  return value;
}

/** A whole number from `minimum` to `maximum`, or undefined when absent. */
export function wholeNumberField(
  value: unknown,
  field: string,
  minimum: number,
  maximum: number,
): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < minimum || value > maximum) {
    throw invalidRequest(
      `Expected '${field}' to be a whole number from ${minimum} to ${maximum}, but found ${
        typeof value === 'number' ? String(value) : kindOf(value)
      }`,
    );
  }
  return value;
}
