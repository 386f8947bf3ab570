/** Camunda's value types: a variable keeps its type so it round-trips through the REST API as it came in. */
export const VALUE_TYPES = [
  'String',
  'Boolean',
  'Integer',
  'Long',
  'Short',
  'Double',
  'Date',
  'Json',
  'Object',
  'Null',
] as const;

export type ValueType = (typeof VALUE_TYPES)[number];

/** A JSON-serialisable value with its Camunda type. */
export interface TypedValue {
  type: ValueType;
  value: unknown;
  /** For `Object` values: Camunda's serialization data format and object type name, kept verbatim. */
  valueInfo?: Record<string, unknown>;
}

export type VariableMap = Record<string, TypedValue>;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Infers the Camunda type of a plain value produced by an expression, a worker or a message. */
export function typedValueOf(value: unknown): TypedValue {
  if (value === null || value === undefined) return { type: 'Null', value: null };
  if (typeof value === 'string') return { type: 'String', value };
  if (typeof value === 'boolean') return { type: 'Boolean', value };
  if (typeof value === 'number') {
    if (Number.isInteger(value)) {
      return { type: value >= INT32_MIN && value <= INT32_MAX ? 'Integer' : 'Long', value };
    }
    return { type: 'Double', value };
  }
  if (value instanceof Date) return { type: 'Date', value: value.toISOString() };
  return { type: 'Json', value: JSON.parse(JSON.stringify(value)) as unknown };
}

/** Turns a plain object of values into typed variables. */
export function typedVariablesOf(values: Record<string, unknown>): VariableMap {
  const result: VariableMap = {};
  for (const [name, value] of Object.entries(values)) result[name] = typedValueOf(value);
  return result;
}

/** The plain values of typed variables, as expressions see them. */
export function plainValuesOf(variables: VariableMap): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [name, typed] of Object.entries(variables)) result[name] = typed.value;
  return result;
}
