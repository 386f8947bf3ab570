import { describe, expect, it } from '@jest/globals';
import { CamundaRestException } from './camunda-rest.exception.js';
import { variablesFromCamunda, variablesToCamunda } from './typed-variables.js';

function refusal(input: unknown): { status: number; message: string } {
  try {
    variablesFromCamunda(input);
  } catch (error) {
    if (error instanceof CamundaRestException) return { status: error.status, message: error.message };
    throw error;
  }
  throw new Error('expected the variables to be refused');
}

describe('Camunda typed variables in', () => {
  it('reads every type Camunda clients send', () => {
    expect(
      variablesFromCamunda({
        amount: { value: 5000, type: 'Integer' },
        name: { value: 'Anna', type: 'String' },
        granted: { value: true, type: 'Boolean' },
        small: { value: 12, type: 'Short' },
        big: { value: 9_000_000_000, type: 'Long' },
        rate: { value: 2.5, type: 'Double' },
        due: { value: '2026-01-05T09:00:00.000+0100', type: 'Date' },
        order: { value: '{"lines":[1,2]}', type: 'Json' },
        nothing: { value: null, type: 'Null' },
        customer: {
          value: '{"id":7}',
          type: 'Object',
          valueInfo: { objectTypeName: 'dk.kommune.Customer', serializationDataFormat: 'application/json' },
        },
      }),
    ).toEqual({
      amount: { type: 'Integer', value: 5000 },
      name: { type: 'String', value: 'Anna' },
      granted: { type: 'Boolean', value: true },
      small: { type: 'Short', value: 12 },
      big: { type: 'Long', value: 9_000_000_000 },
      rate: { type: 'Double', value: 2.5 },
      due: { type: 'Date', value: '2026-01-05T08:00:00.000Z' },
      order: { type: 'Json', value: { lines: [1, 2] } },
      nothing: { type: 'Null', value: null },
      customer: {
        type: 'Object',
        value: { id: 7 },
        valueInfo: { objectTypeName: 'dk.kommune.Customer', serializationDataFormat: 'application/json' },
      },
    });
  });

  it('accepts numbers and booleans written as text, type names in any first-letter case, and no type at all', () => {
    expect(
      variablesFromCamunda({
        a: { value: '42', type: 'integer' },
        b: { value: 'false', type: 'Boolean' },
        c: { value: 7 },
        d: { value: 'x' },
        e: { value: null, type: 'String' },
      }),
    ).toEqual({
      a: { type: 'Integer', value: 42 },
      b: { type: 'Boolean', value: false },
      c: { type: 'Integer', value: 7 },
      d: { type: 'String', value: 'x' },
      e: { type: 'String', value: null },
    });
  });

  it.each([
    [
      { amount: { value: 'abc', type: 'Integer' } },
      "Variable 'amount' in 'variables' is declared as Integer, but its value is a string",
    ],
    [
      { amount: { value: 5.5, type: 'Integer' } },
      'but its value is a number with a fraction: expected a whole number from -2147483648 to 2147483647',
    ],
    [{ amount: { value: 3_000_000_000, type: 'Integer' } }, "'amount'"],
    [{ small: { value: 40_000, type: 'Short' } }, "'small' in 'variables' is declared as Short"],
    [{ ok: { value: 'yes', type: 'Boolean' } }, 'expected true or false'],
    [{ due: { value: '05-01-2026', type: 'Date' } }, "expected a date in Camunda's format"],
    [{ order: { value: '{oops', type: 'Json' } }, "'order' in 'variables' is declared as Json"],
    [
      { file: { value: 'x', type: 'File' } },
      "Variable 'file' in 'variables' has type \"File\", which this engine does not know",
    ],
    [
      { c: { value: '{}', type: 'Object' } },
      "'c' in 'variables' is declared as Object, but its valueInfo has no 'objectTypeName'",
    ],
    [{ n: 5 }, "Variable 'n' in 'variables' must be an object"],
    [[1, 2], "Expected 'variables' to be an object of variables"],
  ])('refuses %j with a 400 naming the variable', (input, message) => {
    const { status, message: text } = refusal(input);
    expect(status).toBe(400);
    expect(text).toContain(message);
  });

  it('never echoes the value it refuses, which may be personal data', () => {
    expect(refusal({ cpr: { value: '010203-1234', type: 'Integer' } }).message).not.toContain('010203');
  });
});

describe('Camunda typed variables out', () => {
  it('writes dates in Camunda format, Json and Object as JSON text, and always a valueInfo', () => {
    expect(
      variablesToCamunda({
        due: { type: 'Date', value: '2026-01-05T08:00:00.000Z' },
        order: { type: 'Json', value: { lines: [1] } },
        amount: { type: 'Integer', value: 5 },
        customer: {
          type: 'Object',
          value: { id: 7 },
          valueInfo: { objectTypeName: 'C', serializationDataFormat: 'application/json' },
        },
      }),
    ).toEqual({
      due: { type: 'Date', value: '2026-01-05T08:00:00.000+0000', valueInfo: {} },
      order: { type: 'Json', value: '{"lines":[1]}', valueInfo: {} },
      amount: { type: 'Integer', value: 5, valueInfo: {} },
      customer: {
        type: 'Object',
        value: '{"id":7}',
        valueInfo: { objectTypeName: 'C', serializationDataFormat: 'application/json' },
      },
    });
  });
});
