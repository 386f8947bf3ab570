import { describe, expect, it } from '@jest/globals';
import { bpmnErrorRequestOf, completeRequestOf, userIdOf } from './task-requests.js';

describe('the bodies of the task commands', () => {
  it('reads the userId of a claim (required) and of an assignment (null or absent unassigns)', () => {
    expect(userIdOf({ userId: 'jens' }, true)).toBe('jens');
    expect(userIdOf({ userId: null }, false)).toBeNull();
    expect(userIdOf(undefined, false)).toBeNull();
    expect(() => userIdOf({}, true)).toThrow("Expected 'userId' to name the user who claims the task");
    expect(() => userIdOf({ userId: 7 }, false)).toThrow(
      "Expected 'userId' to be a user id (a non-empty string), but found a whole number",
    );
    expect(() => userIdOf({ userId: 'x'.repeat(256) }, true)).toThrow('at most 255 characters');
    expect(() => userIdOf('jens', true)).toThrow('Expected the request body to be a JSON object');
  });

  it('reads typed variables and withVariablesInReturn of a completion; unknown fields are ignored', () => {
    expect(
      completeRequestOf({
        variables: { approved: { value: true, type: 'Boolean' } },
        withVariablesInReturn: true,
        comment: 'ignored',
      }),
    ).toEqual({ variables: { approved: { type: 'Boolean', value: true } }, withVariablesInReturn: true });
    expect(completeRequestOf(undefined)).toEqual({ variables: {}, withVariablesInReturn: false });
    expect(() => completeRequestOf({ withVariablesInReturn: 'yes' })).toThrow(
      "Expected 'withVariablesInReturn' to be true or false, but found a string",
    );
    expect(() => completeRequestOf({ variables: { amount: { value: 'many', type: 'Integer' } } })).toThrow(
      "Variable 'amount' in 'variables' is declared as Integer",
    );
  });

  it('reads the error code, message and variables of a BPMN error; the code is required', () => {
    expect(
      bpmnErrorRequestOf({
        errorCode: 'objection',
        errorMessage: 'The citizen objected',
        variables: { reason: { value: 'late', type: 'String' } },
      }),
    ).toEqual({
      errorCode: 'objection',
      errorMessage: 'The citizen objected',
      variables: { reason: { type: 'String', value: 'late' } },
    });
    expect(() => bpmnErrorRequestOf({})).toThrow("Expected 'errorCode' to name the BPMN error");
    expect(() => bpmnErrorRequestOf({ errorCode: 'x', errorMessage: 3 })).toThrow(
      "Expected 'errorMessage' to be a string",
    );
  });
});
