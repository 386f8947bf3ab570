import { typedValueOf, VALUE_TYPES, type TypedValue, type ValueType, type VariableMap } from '#bpmn';
import { formatCamundaDate, parseCamundaDate } from './camunda-date.js';
import { invalidRequest } from './camunda-rest.exception.js';

/** A variable as Camunda's REST API writes it. */
export interface CamundaVariable {
  value: unknown;
  type: ValueType;
  valueInfo: Record<string, unknown>;
}

const INT32 = { min: -2_147_483_648, max: 2_147_483_647 };
const INT16 = { min: -32_768, max: 32_767 };
const JSON_FORMAT = 'application/json';

/**
 * Reads Camunda's typed variables (`{ "amount": { "value": 5000, "type": "Integer" } }`) into the core's typed values.
 * Each value must fit its type — Integer a whole number in 32 bits, Date Camunda's date format, Json a JSON text
 * or structure, Object a serialized value with its `objectTypeName` — else a 400 names the variable, the type and
 * what was found (by kind only: a value may be personal data). A missing type is inferred from the JSON value.
 *
 * @param field what the variables are called in the request, for messages (`variables`, `modifications`)
 */
export function variablesFromCamunda(input: unknown, field = 'variables'): VariableMap {
  if (input === undefined || input === null) return {};
  if (!isPlainObject(input)) {
    throw invalidRequest(
      `Expected '${field}' to be an object of variables ({ "name": { "value": …, "type": "String" } }), but found ${kindOf(input)}`,
    );
  }
  const variables: VariableMap = {};
  for (const [name, variable] of Object.entries(input)) {
    variables[name] = variableFromCamunda(name, variable, field);
  }
  return variables;
}

/** How variables are written out: Camunda's `deserializeValues` (Object values as JSON instead of their serialized text). */
export interface CamundaVariableOptions {
  deserializeValues?: boolean;
}

/** Writes the core's typed values as Camunda does: Date in Camunda's format, Json and Object as JSON text. */
export function variablesToCamunda(
  variables: VariableMap,
  options: CamundaVariableOptions = {},
): Record<string, CamundaVariable> {
  const result: Record<string, CamundaVariable> = {};
  for (const [name, typed] of Object.entries(variables)) result[name] = variableToCamunda(typed, options);
  return result;
}

export function variableToCamunda(typed: TypedValue, options: CamundaVariableOptions = {}): CamundaVariable {
  const valueInfo = { ...(typed.valueInfo ?? {}) };
  switch (typed.type) {
    case 'Date':
      return { type: 'Date', value: formatCamundaDate(typed.value as string | null), valueInfo };
    case 'Json':
      return { type: 'Json', value: typed.value === null ? null : JSON.stringify(typed.value), valueInfo };
    case 'Object':
      return {
        type: 'Object',
        // A JSON-serialized object is kept parsed: deserialized, it is that JSON; serialized, its text.
        value:
          typeof typed.value === 'string' || typed.value === null || options.deserializeValues
            ? typed.value
            : JSON.stringify(typed.value),
        valueInfo,
      };
    default:
      return { type: typed.type, value: typed.value ?? null, valueInfo };
  }
}

function variableFromCamunda(name: string, variable: unknown, field: string): TypedValue {
  const where = `Variable '${name}' in '${field}'`;
  if (!isPlainObject(variable)) {
    throw invalidRequest(
      `${where} must be an object { "value": …, "type": "…" }, but is ${kindOf(variable)}`,
    );
  }
  const { value, type, valueInfo } = variable as { value?: unknown; type?: unknown; valueInfo?: unknown };
  if (valueInfo !== undefined && valueInfo !== null && !isPlainObject(valueInfo)) {
    throw invalidRequest(`${where} has a 'valueInfo' that is ${kindOf(valueInfo)}; expected an object`);
  }
  if (type === undefined || type === null) return typedValueOf(value ?? null);
  const valueType = typeof type === 'string' ? valueTypeNamed(type) : undefined;
  if (!valueType) {
    throw invalidRequest(
      `${where} has type ${JSON.stringify(type)}, which this engine does not know; use one of ${VALUE_TYPES.join(', ')}`,
    );
  }
  if (value === null || value === undefined) {
    return valueType === 'Object'
      ? { type: 'Object', value: null, valueInfo: objectValueInfo(where, valueInfo) }
      : { type: valueType, value: null };
  }
  const wrong = (expected: string) =>
    invalidRequest(
      `${where} is declared as ${valueType}, but its value is ${kindOf(value)}: expected ${expected}`,
    );
  switch (valueType) {
    case 'String':
      if (typeof value !== 'string') throw wrong('a string');
      return { type: 'String', value };
    case 'Boolean':
      if (typeof value === 'boolean') return { type: 'Boolean', value };
      if (value === 'true' || value === 'false') return { type: 'Boolean', value: value === 'true' };
      throw wrong('true or false');
    case 'Integer':
      return {
        type: 'Integer',
        value: wholeNumber(value, INT32, () => wrong(`a whole number from ${INT32.min} to ${INT32.max}`)),
      };
    case 'Short':
      return {
        type: 'Short',
        value: wholeNumber(value, INT16, () => wrong(`a whole number from ${INT16.min} to ${INT16.max}`)),
      };
    case 'Long':
      return {
        type: 'Long',
        value: wholeNumber(value, { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }, () =>
          wrong(`a whole number from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}`),
        ),
      };
    case 'Double': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) throw wrong('a finite number');
      return { type: 'Double', value: number };
    }
    case 'Date': {
      const date = typeof value === 'string' ? parseCamundaDate(value) : undefined;
      if (!date)
        throw wrong(
          "a date in Camunda's format yyyy-MM-dd'T'HH:mm:ss.SSSZ, e.g. 2026-01-05T08:00:00.000+0100",
        );
      return { type: 'Date', value: date.toISOString() };
    }
    case 'Json':
      return {
        type: 'Json',
        value: typeof value === 'string' ? parsedJson(value, () => wrong('JSON text')) : value,
      };
    case 'Object': {
      const info = objectValueInfo(where, valueInfo);
      if (typeof value !== 'string')
        throw wrong(`a serialized object (a string in ${String(info.serializationDataFormat)})`);
      // A JSON-serialized object is kept parsed, so expressions can read its fields; other formats stay text.
      const parsed =
        info.serializationDataFormat === JSON_FORMAT ? parsedJson(value, () => wrong('JSON text')) : value;
      return { type: 'Object', value: parsed, valueInfo: info };
    }
    case 'Null':
      throw wrong('null');
  }
}

/** Camunda resolves type names ignoring the case of their first letter (`integer` = `Integer`). */
function valueTypeNamed(name: string): ValueType | undefined {
  return VALUE_TYPES.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
}

function objectValueInfo(where: string, valueInfo: unknown): Record<string, unknown> {
  const info = (valueInfo ?? {}) as Record<string, unknown>;
  if (typeof info.objectTypeName !== 'string' || info.objectTypeName === '') {
    throw invalidRequest(
      `${where} is declared as Object, but its valueInfo has no 'objectTypeName': give the type of the serialized object, e.g. "java.util.HashMap"`,
    );
  }
  const format = info.serializationDataFormat ?? JSON_FORMAT;
  if (typeof format !== 'string') {
    throw invalidRequest(
      `${where} has a 'serializationDataFormat' that is ${kindOf(format)}; expected e.g. "application/json"`,
    );
  }
  return { ...info, serializationDataFormat: format };
}

function wholeNumber(value: unknown, range: { min: number; max: number }, wrong: () => Error): number {
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < range.min || number > range.max)
    throw wrong();
  return number;
}

function parsedJson(text: string, wrong: () => Error): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw wrong();
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a value is, without showing it: values may be personal data. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : 'a string';
    case 'number':
      return Number.isInteger(value) ? 'a whole number' : 'a number with a fraction';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}
