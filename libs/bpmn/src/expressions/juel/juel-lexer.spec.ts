import { describe, expect, it } from '@jest/globals';
import { JuelSyntaxError } from './juel-errors.js';
import { describeToken, tokenizeExpression } from './juel-lexer.js';

const kinds = (body: string) => tokenizeExpression(body, 0).map((token) => `${token.kind}:${token.text}`);

function lexError(body: string): JuelSyntaxError {
  try {
    tokenizeExpression(body, 0);
  } catch (error) {
    if (error instanceof JuelSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${body} not to tokenize`);
}

describe('tokenizeExpression', () => {
  it('stops at the first closing brace and reports offsets into the whole source', () => {
    const tokens = tokenizeExpression('ab ${x + 1} cd', 5);
    expect(tokens.map(({ kind, start, end }) => [kind, start, end])).toEqual([
      ['identifier', 5, 6],
      ['operator', 7, 8],
      ['number', 9, 10],
      ['close', 10, 11],
    ]);
  });

  it('ends with eof when the closing brace is missing', () => {
    expect(kinds('a')).toEqual(['identifier:a', 'eof:']);
  });

  it('reads two-character operators greedily', () => {
    expect(kinds('a<=b>=c==d!=e&&f||g!h}')).toEqual([
      'identifier:a',
      'operator:<=',
      'identifier:b',
      'operator:>=',
      'identifier:c',
      'operator:==',
      'identifier:d',
      'operator:!=',
      'identifier:e',
      'operator:&&',
      'identifier:f',
      'operator:||',
      'identifier:g',
      'operator:!',
      'identifier:h',
      'close:}',
    ]);
  });

  it('tells reserved words from identifiers', () => {
    expect(kinds('and or not eq ne lt gt le ge div mod true false null empty instanceof android}')).toEqual([
      ...'and or not eq ne lt gt le ge div mod true false null empty instanceof'
        .split(' ')
        .map((w) => `keyword:${w}`),
      'identifier:android',
      'close:}',
    ]);
  });

  it('accepts Java identifier characters', () => {
    expect(kinds('$total _x9 sagsbehandlerÆndret}')).toEqual([
      'identifier:$total',
      'identifier:_x9',
      'identifier:sagsbehandlerÆndret',
      'close:}',
    ]);
  });

  it.each([
    ['42', 42],
    ['1.5', 1.5],
    ['1.', 1],
    ['.5', 0.5],
    ['1e3', 1000],
    ['2.5E-1', 0.25],
    ['1e+2', 100],
  ])('reads the number %s', (text, value) => {
    const [token] = tokenizeExpression(text, 0);
    expect(token).toMatchObject({ kind: 'number', value, text });
  });

  it('does not read a dot before a name as a number', () => {
    expect(kinds('a.b')).toEqual(['identifier:a', 'operator:.', 'identifier:b', 'eof:']);
  });

  it.each([
    [`'a}b'`, 'a}b'],
    [`"say \\"hi\\""`, 'say "hi"'],
    [`'it\\'s'`, "it's"],
    [`'back\\\\slash'`, 'back\\slash'],
    [`'mixed \\" quote'`, 'mixed " quote'],
    [`''`, ''],
  ])('reads the string %s', (text, value) => {
    const [token] = tokenizeExpression(text, 0);
    expect(token).toMatchObject({ kind: 'string', value });
  });

  it('rejects unknown escapes, naming the allowed ones', () => {
    const error = lexError(`'a\\nb'`);
    expect(error.message).toBe(`Expected one of the escapes \\\\, \\' or \\" but found '\\n' at position 2`);
    expect(error.position).toBe(2);
  });

  it('rejects an unterminated string at the end of the input', () => {
    const error = lexError(`x == 'abc`);
    expect(error.message).toBe(
      "Expected ' to close the string starting at position 5 but found end of input at position 9",
    );
    expect(error.position).toBe(9);
  });

  it.each([
    ['a = 1', 2, "'=' at position 2; did you mean '=='?"],
    ['a & b', 2, "'&' at position 2; did you mean '&&'?"],
    ['a | b', 2, "'|' at position 2; did you mean '||'?"],
    ['{a}', 0, "'{' at position 0; JUEL expressions cannot contain braces"],
    ['a ; b', 2, "';' at position 2"],
    ['a # b', 2, "'#' at position 2"],
  ])('rejects the stray character in %s', (body, position, found) => {
    const error = lexError(body);
    expect(error.position).toBe(position);
    expect(error.message).toBe(
      `Expected an operand, an operator or '}' but found unexpected character ${found}`,
    );
  });

  it('describes tokens for messages', () => {
    const [identifier, number, string, operator, close] = tokenizeExpression(`x 12 'text' + }`, 0);
    expect([identifier, number, string, operator, close].map(describeToken)).toEqual([
      "identifier 'x'",
      'number 12',
      "string 'text'",
      "'+'",
      "'}'",
    ]);
    expect(describeToken(tokenizeExpression('', 0)[0])).toBe('end of input');
  });
});
