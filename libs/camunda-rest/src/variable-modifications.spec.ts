import { describe, expect, it } from '@jest/globals';
import { singleVariableOf, variableModificationsOf } from './variable-modifications.js';

describe('variable modifications: the bodies of POST …/variables and PUT …/variables/{name}', () => {
  it('reads typed modifications and the names to delete; an empty body changes nothing', () => {
    expect(
      variableModificationsOf({
        modifications: { amount: { value: 5000, type: 'Integer' } },
        deletions: ['draft'],
        unknownOption: true,
      }),
    ).toEqual({ modifications: { amount: { type: 'Integer', value: 5000 } }, deletions: ['draft'] });
    expect(variableModificationsOf(undefined)).toEqual({ modifications: {}, deletions: [] });
  });

  it.each([
    [[1], 'Expected the request body to be a JSON object'],
    [{ deletions: 'draft' }, "Expected 'deletions' to be a list of variable names, but found a string"],
    [{ deletions: [1] }, "Expected 'deletions' to be a list of variable names"],
    [{ modifications: { amount: { value: 'x', type: 'Integer' } } }, "Variable 'amount' in 'modifications'"],
  ])('refuses %j with a 400 naming the field', (body, message) => {
    expect(() => variableModificationsOf(body)).toThrow(message);
  });

  it('reads one typed value, naming the variable when it does not fit', () => {
    expect(singleVariableOf('approved', { value: true, type: 'Boolean' })).toEqual({
      type: 'Boolean',
      value: true,
    });
    expect(() => singleVariableOf('approved', { value: 'maybe', type: 'Boolean' })).toThrow(
      "Variable 'approved' in 'body' is declared as Boolean",
    );
    expect(() => singleVariableOf('approved', 'yes')).toThrow('Expected the request body to be a variable');
  });
});
