import { evaluate, parseExpression, parseUnaryTests } from 'feelin';

/** The outcome of evaluating an expression: a value, or a failure that says what went wrong (becomes an incident). */
export type Evaluation =
  | { ok: true; value: unknown }
  /** `noMatchingFlow`: a gateway found no flow to take — an incident of its own kind for operators. */
  | { ok: false; message: string; noMatchingFlow?: boolean };

/** Warnings that FEEL answers with null by design (an absent variable or property); all others are failures. */
const NULL_BY_DESIGN = new Set(['NO_VARIABLE_FOUND', 'NO_PROPERTY_FOUND']);

/** Evaluates FEEL (without its leading `=`) over plain values. */
export function evaluateFeel(source: string, context: Record<string, unknown>): Evaluation {
  let result: { value: unknown; warnings: Array<{ type: string; message: string }> };
  try {
    result = evaluate(source, context) as typeof result;
  } catch (error) {
    return { ok: false, message: `FEEL syntax error: ${(error as Error).message}` };
  }
  if (result.value === null || result.value === undefined) {
    const failures = result.warnings.filter((warning) => !NULL_BY_DESIGN.has(warning.type));
    if (failures.length > 0) return { ok: false, message: failures.map((w) => w.message).join('; ') };
  }
  const value = toPlainValue(result.value);
  if (value === FUNCTION_VALUE) return { ok: false, message: 'the expression evaluated to a function' };
  return { ok: true, value };
}

/** Why evaluating a FEEL expression gave null, for messages such as "Variable 'x' not found". */
export function explainFeelNull(source: string, context: Record<string, unknown>): string | undefined {
  try {
    const { warnings } = evaluate(source, context) as { warnings: Array<{ message: string }> };
    return warnings.length > 0 ? warnings.map((w) => w.message).join('; ') : undefined;
  } catch {
    return undefined;
  }
}

/** Checks FEEL syntax at deploy time; returns a message with the position of the first error, or null. */
export function feelSyntaxError(source: string): string | null {
  if (source.trim() === '') return 'the FEEL expression is empty';
  const errorAt = firstErrorPosition(() => parseExpression(source, {}, undefined));
  if (typeof errorAt === 'string') return errorAt;
  return errorAt === null ? null : `FEEL syntax error at position ${errorAt + 1} of '${source}'`;
}

/** Checks the syntax of FEEL unary tests (DMN input entries); null when they parse. */
export function unaryTestsSyntaxError(source: string): string | null {
  const errorAt = firstErrorPosition(() => parseUnaryTests(source, {}, undefined));
  if (typeof errorAt === 'string') return errorAt;
  return errorAt === null ? null : `FEEL syntax error at position ${errorAt + 1}`;
}

/** feelin's parsers recover from errors and mark them in the tree: the first marked position, or the thrown message. */
function firstErrorPosition(parse: () => unknown): number | string | null {
  let errorAt: number | null = null;
  try {
    const tree = parse() as {
      iterate(visitor: { enter(node: { type: { isError: boolean }; from: number }): void }): void;
    };
    tree.iterate({
      enter(node) {
        if (node.type.isError && errorAt === null) errorAt = node.from;
      },
    });
  } catch (error) {
    return `FEEL syntax error: ${(error as Error).message}`;
  }
  return errorAt;
}

const FUNCTION_VALUE = Symbol('function');

/** FEEL dates, times and durations become ISO strings; everything else is already JSON. */
function toPlainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'function') return FUNCTION_VALUE;
  if (Array.isArray(value)) return value.map(toPlainValue);
  if (typeof value === 'object') {
    const name = (value as object).constructor?.name ?? '';
    if (name.startsWith('Feel')) return String(value);
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>))
      result[key] = toPlainValue(item);
    return result;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}
