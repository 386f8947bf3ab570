import type { Evaluation } from '../expressions/feel-expression.js';

/**
 * Brings a value to the type an input or output declares (`typeRef`), as Camunda's type transformers do: numbers
 * and booleans written as text are read, whole-number types refuse fractions. Types it does not know (dates,
 * durations, item definitions) and null pass unchanged.
 */
export function coerceToTypeRef(value: unknown, typeRef: string | undefined, what: string): Evaluation {
  if (value === null || value === undefined || !typeRef) return { ok: true, value: value ?? null };
  const type = typeRef.toLowerCase();
  const fail = (expected: string): Evaluation => ({
    ok: false,
    message: `Expected ${what} to be ${expected} (typeRef '${typeRef}'), but it was ${JSON.stringify(value)}`,
  });
  switch (type) {
    case 'string':
      return typeof value === 'object' ? fail('text') : { ok: true, value: String(value) };
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value };
      if (value === 'true' || value === 'false') return { ok: true, value: value === 'true' };
      return fail('true or false');
    case 'integer':
    case 'long': {
      const number = numberOf(value);
      return number !== undefined && Number.isInteger(number)
        ? { ok: true, value: number }
        : fail('a whole number');
    }
    case 'double':
    case 'number': {
      const number = numberOf(value);
      return number !== undefined ? { ok: true, value: number } : fail('a number');
    }
    default:
      return { ok: true, value };
  }
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}
