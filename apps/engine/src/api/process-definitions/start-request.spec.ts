import { describe, expect, it } from '@jest/globals';
import { startRequestOf } from './start-request.js';

describe('startRequestOf: the body of POST /process-definition/key/{key}/start', () => {
  it('reads the business key, typed variables and withVariablesInReturn; an empty body starts without variables', () => {
    expect(
      startRequestOf({
        businessKey: 'sag-1',
        variables: { amount: { value: 5000, type: 'Integer' } },
        withVariablesInReturn: true,
      }),
    ).toEqual({
      businessKey: 'sag-1',
      variables: { amount: { type: 'Integer', value: 5000 } },
      withVariablesInReturn: true,
    });
    expect(startRequestOf(undefined)).toEqual({ variables: {}, withVariablesInReturn: false });
    expect(startRequestOf({ businessKey: null })).toEqual({ variables: {}, withVariablesInReturn: false });
  });

  it.each([
    [[1], 'Expected the request body to be a JSON object'],
    [{ businessKey: 42 }, "Expected 'businessKey' to be a string, but found a whole number"],
    [{ businessKey: 'x'.repeat(256) }, "Expected 'businessKey' to have at most 255 characters"],
    [{ withVariablesInReturn: 'yes' }, "Expected 'withVariablesInReturn' to be true or false"],
    [
      { startInstructions: [{ type: 'startBeforeActivity', activityId: 'a' }] },
      "'startInstructions' are not supported yet",
    ],
    [
      { variables: { amount: { value: 1.5, type: 'Long' } } },
      "Variable 'amount' in 'variables' is declared as Long",
    ],
  ])('refuses %j with a 400 naming the field', (body, message) => {
    expect(() => startRequestOf(body)).toThrow(message);
  });
});
