/**
 * A small, dependency-free schema language for connector input and output: it validates plain JSON values, reports
 * every problem at once with its path, and infers the TypeScript type of what it accepts.
 *
 * Messages describe the type of a value that was found, never the value itself: connector input carries personal
 * data (CPR numbers, names, addresses) and validation messages end up in incidents and logs.
 */

/** One problem found by a schema: where (`$` is the value itself, `$.items[2].name` a nested field) and what. */
export interface SchemaIssue {
  readonly path: string;
  readonly message: string;
}

/** The outcome of {@link Schema.validate}: the value, typed, or every issue found. */
export type SchemaResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly SchemaIssue[] };

/** A JSON value: what process variables, connector input and connector output are made of. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON Schema (draft 2020-12 subset) describing a {@link Schema}, for documentation and the designer. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/** Validates a value and, where it is valid, types it as `T`. Build one with {@link schema}. */
export interface Schema<T> {
  /** What the schema expects, as a phrase for messages ("a string", "one of 'ok', 'retryable'"). */
  readonly expected: string;
  /** Whether an object field with this schema may be left out (see {@link schema.optional}). */
  readonly optional: boolean;
  readonly description?: string;
  /** Checks `value` and returns it typed, or every issue with its path. */
  validate(value: unknown): SchemaResult<T>;
  /** Adds the issues of `value` (found at `path`) to `issues`; what composite schemas call on their parts. */
  collectIssues(value: unknown, path: string, issues: SchemaIssue[]): void;
  toJsonSchema(): JsonSchema;
}

/** A schema whose field may be left out of an object. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  readonly optional: true;
}

/** The type a schema accepts: `Infer<typeof inputSchema>`. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** The fields of an object schema. */
export type ObjectShape = { readonly [key: string]: Schema<unknown> };

type OptionalKeys<S extends ObjectShape> = {
  [K in keyof S]: S[K] extends { readonly optional: true } ? K : never;
}[keyof S];
type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The object type an {@link ObjectShape} describes; fields with an optional schema become optional. */
export type InferShape<S extends ObjectShape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]> } & { [K in OptionalKeys<S>]?: Infer<S[K]> }
>;

interface Common {
  /** One line shown in documentation and the designer. */
  description?: string;
}

interface Definition {
  expected: string;
  optional?: boolean;
  description?: string;
  collectIssues(value: unknown, path: string, issues: SchemaIssue[]): void;
  toJsonSchema(): JsonSchema;
}

function define<T>(definition: Definition): Schema<T> {
  const withDescription = (json: JsonSchema): JsonSchema =>
    definition.description === undefined ? json : { ...json, description: definition.description };
  return {
    expected: definition.expected,
    optional: definition.optional ?? false,
    ...(definition.description === undefined ? {} : { description: definition.description }),
    collectIssues: definition.collectIssues,
    toJsonSchema: () => withDescription(definition.toJsonSchema()),
    validate(value: unknown): SchemaResult<T> {
      const issues: SchemaIssue[] = [];
      definition.collectIssues(value, '$', issues);
      return issues.length === 0 ? { ok: true, value: value as T } : { ok: false, issues };
    },
  };
}

/** Says what kind of value was found, without showing it. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return 'an infinite number';
    return Number.isInteger(value) ? 'an integer' : 'a number with a fraction';
  }
  if (typeof value === 'string')
    return `a string of ${value.length} character${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object')
    return isPlainObject(value) ? 'an object' : `an instance of ${className(value)}`;
  return `a ${typeof value}`;
}

function className(value: object): string {
  return (value.constructor as { name?: string } | undefined)?.name || 'an unnamed class';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** `$.a`, `$.a[2]`, `$["odd key"]`. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function mismatch(issues: SchemaIssue[], path: string, expected: string, value: unknown): void {
  issues.push({ path, message: `expected ${expected}, found ${describeFound(value)}` });
}

function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function bounds(noun: string, min: number | undefined, max: number | undefined, unit: string): string {
  const plural = (n: number): string => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (min !== undefined && max !== undefined) return `${noun} of ${min} to ${plural(max)}`;
  if (min !== undefined) return `${noun} of at least ${plural(min)}`;
  if (max !== undefined) return `${noun} of at most ${plural(max)}`;
  return noun;
}

function numberRange(noun: string, minimum: number | undefined, maximum: number | undefined): string {
  if (minimum !== undefined && maximum !== undefined) return `${noun} from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return `${noun} ≥ ${minimum}`;
  if (maximum !== undefined) return `${noun} ≤ ${maximum}`;
  return noun;
}

interface StringOptions extends Common {
  minLength?: number;
  maxLength?: number;
  /** Tested against the whole string: anchor it (`/^…$/`) to constrain every character. */
  pattern?: RegExp;
}

function stringSchema(options: StringOptions = {}): Schema<string> {
  const { minLength, maxLength, pattern } = options;
  const sized = bounds('a string', minLength, maxLength, 'character');
  const expected = pattern ? `${sized} matching ${pattern}` : sized;
  return define<string>({
    expected,
    description: options.description,
    collectIssues(value, path, issues) {
      if (typeof value !== 'string') return mismatch(issues, path, expected, value);
      const tooShort = minLength !== undefined && value.length < minLength;
      const tooLong = maxLength !== undefined && value.length > maxLength;
      if (tooShort || tooLong) return mismatch(issues, path, expected, value);
      if (pattern && !new RegExp(pattern.source, pattern.flags.replace('g', '')).test(value)) {
        issues.push({ path, message: `expected ${expected}, found a string that does not match` });
      }
    },
    toJsonSchema: () => ({
      type: 'string',
      ...(minLength === undefined ? {} : { minLength }),
      ...(maxLength === undefined ? {} : { maxLength }),
      ...(pattern ? { pattern: pattern.source } : {}),
    }),
  });
}

interface NumberOptions extends Common {
  minimum?: number;
  maximum?: number;
}

function numericSchema(kind: 'number' | 'integer', options: NumberOptions = {}): Schema<number> {
  const { minimum, maximum } = options;
  const expected = numberRange(kind === 'integer' ? 'an integer' : 'a number', minimum, maximum);
  return define<number>({
    expected,
    description: options.description,
    collectIssues(value, path, issues) {
      const valid =
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (kind === 'number' || Number.isInteger(value)) &&
        (minimum === undefined || value >= minimum) &&
        (maximum === undefined || value <= maximum);
      if (!valid) mismatch(issues, path, expected, value);
    },
    toJsonSchema: () => ({
      type: kind,
      ...(minimum === undefined ? {} : { minimum }),
      ...(maximum === undefined ? {} : { maximum }),
    }),
  });
}

function booleanSchema(options: Common = {}): Schema<boolean> {
  return define<boolean>({
    expected: 'a boolean',
    description: options.description,
    collectIssues(value, path, issues) {
      if (typeof value !== 'boolean') mismatch(issues, path, 'a boolean', value);
    },
    toJsonSchema: () => ({ type: 'boolean' }),
  });
}

function enumSchema<const V extends readonly (string | number | boolean)[]>(
  values: V,
  options: Common = {},
): Schema<V[number]> {
  if (values.length === 0) throw new Error('schema.enum needs at least one value');
  const expected = `one of ${values.map(literal).join(', ')}`;
  return define<V[number]>({
    expected,
    description: options.description,
    collectIssues(value, path, issues) {
      if (values.includes(value as V[number])) return;
      const sameType = values.some((allowed) => typeof allowed === typeof value);
      // Says that the value is none of them without repeating it: it may be personal data.
      if (sameType)
        issues.push({
          path,
          message: `expected ${expected}, found ${describeFound(value)} that is none of them`,
        });
      else mismatch(issues, path, expected, value);
    },
    toJsonSchema: () => ({ enum: [...values] }),
  });
}

interface ArrayOptions extends Common {
  minItems?: number;
  maxItems?: number;
}

function arraySchema<T>(items: Schema<T>, options: ArrayOptions = {}): Schema<T[]> {
  const { minItems, maxItems } = options;
  const expected = `${bounds('an array', minItems, maxItems, 'item')}, each ${items.expected}`;
  return define<T[]>({
    expected,
    description: options.description,
    collectIssues(value, path, issues) {
      if (!Array.isArray(value)) return mismatch(issues, path, expected, value);
      if (
        (minItems !== undefined && value.length < minItems) ||
        (maxItems !== undefined && value.length > maxItems)
      ) {
        mismatch(issues, path, expected, value);
      }
      value.forEach((item, index) => items.collectIssues(item, childPath(path, index), issues));
    },
    toJsonSchema: () => ({
      type: 'array',
      items: items.toJsonSchema(),
      ...(minItems === undefined ? {} : { minItems }),
      ...(maxItems === undefined ? {} : { maxItems }),
    }),
  });
}

interface ObjectOptions extends Common {
  /**
   * What to do with fields the shape does not name: `reject` (the default — a misspelt field is reported rather
   * than silently ignored) or `allow` them through unchecked.
   */
  unknownFields?: 'reject' | 'allow';
}

function objectSchema<S extends ObjectShape>(shape: S, options: ObjectOptions = {}): Schema<InferShape<S>> {
  const known = Object.keys(shape);
  const rejectUnknown = (options.unknownFields ?? 'reject') === 'reject';
  return define<InferShape<S>>({
    expected: 'an object',
    description: options.description,
    collectIssues(value, path, issues) {
      if (!isPlainObject(value)) return mismatch(issues, path, 'an object', value);
      for (const key of known) {
        const field = shape[key]!;
        const present = Object.hasOwn(value, key) && value[key] !== undefined;
        if (!present && field.optional) continue;
        field.collectIssues(value[key], childPath(path, key), issues);
      }
      if (!rejectUnknown) return;
      for (const key of Object.keys(value)) {
        if (Object.hasOwn(shape, key)) continue;
        const expectation = known.length === 0 ? 'no fields' : `only ${known.join(', ')}`;
        issues.push({
          path: childPath(path, key),
          message: `is not a known field (expected ${expectation})`,
        });
      }
    },
    toJsonSchema: () => ({
      type: 'object',
      properties: Object.fromEntries(known.map((key) => [key, shape[key]!.toJsonSchema()])),
      required: known.filter((key) => !shape[key]!.optional),
      additionalProperties: !rejectUnknown,
    }),
  });
}

function recordSchema<T>(values: Schema<T>, options: Common = {}): Schema<Record<string, T>> {
  const expected = `an object whose fields are each ${values.expected}`;
  return define<Record<string, T>>({
    expected,
    description: options.description,
    collectIssues(value, path, issues) {
      if (!isPlainObject(value)) return mismatch(issues, path, expected, value);
      for (const [key, field] of Object.entries(value))
        values.collectIssues(field, childPath(path, key), issues);
    },
    toJsonSchema: () => ({ type: 'object', additionalProperties: values.toJsonSchema() }),
  });
}

const MAX_JSON_DEPTH = 64;

function collectJsonIssues(value: unknown, path: string, issues: SchemaIssue[], depth: number): void {
  if (depth > MAX_JSON_DEPTH) {
    issues.push({
      path,
      message: `expected JSON nested at most ${MAX_JSON_DEPTH} levels deep, found deeper`,
    });
    return;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) mismatch(issues, path, 'a JSON value', value);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectJsonIssues(item, childPath(path, index), issues, depth + 1));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, field] of Object.entries(value)) {
      collectJsonIssues(field, childPath(path, key), issues, depth + 1);
    }
    return;
  }
  mismatch(issues, path, 'a JSON value', value);
}

function jsonSchema(options: Common = {}): Schema<JsonValue> {
  return define<JsonValue>({
    expected: 'a JSON value',
    description: options.description,
    collectIssues: (value, path, issues) => collectJsonIssues(value, path, issues, 0),
    toJsonSchema: () => ({}),
  });
}

function optionalSchema<T>(inner: Schema<T>): OptionalSchema<T> {
  const expected = `${inner.expected} or nothing`;
  return {
    ...(define<T | undefined>({
      expected,
      optional: true,
      description: inner.description,
      collectIssues(value, path, issues) {
        if (value !== undefined) inner.collectIssues(value, path, issues);
      },
      toJsonSchema: () => inner.toJsonSchema(),
    }) as Schema<T | undefined>),
    optional: true,
  };
}

function nullableSchema<T>(inner: Schema<T>): Schema<T | null> {
  const expected = `${inner.expected} or null`;
  return define<T | null>({
    expected,
    optional: inner.optional,
    description: inner.description,
    collectIssues(value, path, issues) {
      if (value === null) return;
      const own: SchemaIssue[] = [];
      inner.collectIssues(value, path, own);
      // A wrong type is reported against the whole expectation ("… or null"); deeper issues as they are.
      for (const issue of own) {
        issues.push(
          issue.path === path
            ? { path, message: `expected ${expected}, found ${describeFound(value)}` }
            : issue,
        );
      }
    },
    toJsonSchema: () => ({ anyOf: [inner.toJsonSchema(), { type: 'null' }] }),
  });
}

/**
 * Builds schemas for connector input and output.
 *
 * @example
 * const input = schema.object({
 *   caseNumber: schema.string({ minLength: 1 }),
 *   copies: schema.optional(schema.integer({ minimum: 1 })),
 *   channel: schema.enum(['digital-post', 'letter']),
 * });
 * type Input = Infer<typeof input>; // { caseNumber: string; channel: 'digital-post' | 'letter'; copies?: number }
 * const checked = input.validate({ caseNumber: '' });
 * // { ok: false, issues: [{ path: '$.caseNumber', … }, { path: '$.channel', … }] }
 */
export const schema = {
  object: objectSchema,
  string: stringSchema,
  number: (options?: NumberOptions) => numericSchema('number', options),
  integer: (options?: NumberOptions) => numericSchema('integer', options),
  boolean: booleanSchema,
  array: arraySchema,
  enum: enumSchema,
  /** An object whose field names are free and whose values share one schema. */
  record: recordSchema,
  /** Any JSON value (null, boolean, finite number, string, array, plain object). */
  json: jsonSchema,
  /** A field that may be left out (or be `undefined`); as a whole value it also accepts `undefined`. */
  optional: optionalSchema,
  nullable: nullableSchema,
};
