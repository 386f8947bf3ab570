import { describe, expect, it } from '@jest/globals';
import { describeFound, schema, type Infer } from './schema.js';

const issuesOf = (result: { ok: boolean; issues?: readonly unknown[] }) => (result.ok ? [] : result.issues);

describe('schema', () => {
  const letter = schema.object({
    caseNumber: schema.string({ minLength: 1 }),
    copies: schema.optional(schema.integer({ minimum: 1, maximum: 5 })),
    channel: schema.enum(['digital-post', 'letter']),
    urgent: schema.boolean(),
    weight: schema.nullable(schema.number({ minimum: 0 })),
    recipients: schema.array(schema.object({ name: schema.string(), tags: schema.array(schema.string()) }), {
      minItems: 1,
    }),
  });

  it('accepts a valid value and returns it typed', () => {
    const value = {
      caseNumber: '27.00.00-A00-1-24',
      channel: 'letter',
      urgent: false,
      weight: null,
      recipients: [{ name: 'Borgerservice', tags: [] }],
    };
    const result = letter.validate(value);
    expect(result).toEqual({ ok: true, value });
    if (result.ok) {
      const typed: Infer<typeof letter> = result.value;
      // Optional fields are optional in the inferred type, required ones are not.
      expect(typed.copies).toBeUndefined();
      expect(typed.channel).toBe('letter');
    }
  });

  it('reports every problem at once, each with its path', () => {
    const result = letter.validate({
      caseNumber: '',
      copies: 2.5,
      channel: 'fax',
      weight: -1,
      recipients: [{ name: 7, tags: ['a', 3] }, 'x'],
      chanel: 'letter',
    });
    expect(issuesOf(result)).toEqual([
      {
        path: '$.caseNumber',
        message: 'expected a string of at least 1 character, found a string of 0 characters',
      },
      { path: '$.copies', message: 'expected an integer from 1 to 5, found a number with a fraction' },
      {
        path: '$.channel',
        message:
          "expected one of 'digital-post', 'letter', found a string of 3 characters that is none of them",
      },
      { path: '$.urgent', message: 'expected a boolean, found nothing' },
      { path: '$.weight', message: 'expected a number ≥ 0 or null, found an integer' },
      { path: '$.recipients[0].name', message: 'expected a string, found an integer' },
      { path: '$.recipients[0].tags[1]', message: 'expected a string, found an integer' },
      { path: '$.recipients[1]', message: 'expected an object, found a string of 1 character' },
      {
        path: '$.chanel',
        message:
          'is not a known field (expected only caseNumber, copies, channel, urgent, weight, recipients)',
      },
    ]);
  });

  it('never repeats the value it found: input carries personal data', () => {
    const cpr = '0101901234';
    const result = schema
      .object({ id: schema.integer(), kind: schema.enum(['a']) })
      .validate({ id: cpr, kind: cpr });
    expect(JSON.stringify(result)).not.toContain(cpr);
  });

  it('rejects what is not a plain JSON value', () => {
    expect(issuesOf(schema.number().validate(Number.NaN))).toEqual([
      { path: '$', message: 'expected a number, found NaN' },
    ]);
    expect(issuesOf(schema.object({}).validate(new Date(0)))).toEqual([
      { path: '$', message: 'expected an object, found an instance of Date' },
    ]);
    expect(issuesOf(schema.json().validate({ a: [1, { b: () => 1 }], c: Infinity }))).toEqual([
      { path: '$.a[1].b', message: 'expected a JSON value, found a function' },
      { path: '$.c', message: 'expected a JSON value, found an infinite number' },
    ]);
    expect(schema.json().validate({ a: [null, true, 'x', 1.5] }).ok).toBe(true);
  });

  it('checks string length and pattern, array size, number and integer bounds', () => {
    const code = schema.string({ maxLength: 4, pattern: /^[A-Z]+$/ });
    expect(code.validate('ABC').ok).toBe(true);
    expect(issuesOf(code.validate('abc'))).toEqual([
      {
        path: '$',
        message:
          'expected a string of at most 4 characters matching /^[A-Z]+$/, found a string that does not match',
      },
    ]);
    expect(code.validate('ABCDE').ok).toBe(false);
    expect(schema.string({ pattern: /^a/g }).validate('ab').ok).toBe(true);
    expect(schema.array(schema.integer(), { maxItems: 1 }).validate([1, 2]).ok).toBe(false);
    expect(schema.number({ maximum: 1 }).validate(1.5).ok).toBe(false);
    expect(schema.integer().validate(3).ok).toBe(true);
  });

  it('lets an object allow unknown fields, and records take any field name', () => {
    expect(schema.object({}, { unknownFields: 'allow' }).validate({ anything: 1 }).ok).toBe(true);
    expect(issuesOf(schema.object({}).validate({ anything: 1 }))).toEqual([
      { path: '$.anything', message: 'is not a known field (expected no fields)' },
    ]);
    const headers = schema.record(schema.string());
    expect(headers.validate({ 'x-trace': 'a' }).ok).toBe(true);
    expect(issuesOf(headers.validate({ 'x-trace': 1 }))).toEqual([
      { path: '$["x-trace"]', message: 'expected a string, found an integer' },
    ]);
  });

  it('takes an optional field as absent when it is undefined, and nullable accepts null only', () => {
    const shape = schema.object({ a: schema.optional(schema.string()), b: schema.nullable(schema.string()) });
    expect(shape.validate({ a: undefined, b: null }).ok).toBe(true);
    expect(issuesOf(shape.validate({}))).toEqual([
      { path: '$.b', message: 'expected a string or null, found nothing' },
    ]);
    expect(schema.optional(schema.string()).validate(undefined).ok).toBe(true);
  });

  it('describes itself as JSON Schema', () => {
    const shape = schema.object(
      {
        outcome: schema.enum(['ok', 'retryable']),
        times: schema.optional(schema.integer({ minimum: 0, description: 'How often.' })),
        note: schema.nullable(schema.string({ maxLength: 10 })),
        list: schema.array(schema.boolean()),
      },
      { description: 'Input.' },
    );
    expect(shape.toJsonSchema()).toEqual({
      type: 'object',
      description: 'Input.',
      properties: {
        outcome: { enum: ['ok', 'retryable'] },
        times: { type: 'integer', minimum: 0, description: 'How often.' },
        note: { anyOf: [{ type: 'string', maxLength: 10 }, { type: 'null' }] },
        list: { type: 'array', items: { type: 'boolean' } },
      },
      required: ['outcome', 'note', 'list'],
      additionalProperties: false,
    });
  });

  it('says what it found without showing it', () => {
    expect(describeFound(undefined)).toBe('nothing');
    expect(describeFound([1])).toBe('an array of 1 item');
    expect(describeFound(true)).toBe('a boolean');
    expect(describeFound(Object.create(null))).toBe('an object');
  });

  it('refuses an empty enum', () => {
    expect(() => schema.enum([])).toThrow('at least one value');
  });
});
