/** Splits the body of one `${…}` into tokens, stopping at the first `}` outside a string literal. */
import { JuelSyntaxError } from './juel-errors.js';

export type Token =
  | {
      readonly kind: 'number';
      readonly value: number;
      readonly text: string;
      readonly start: number;
      readonly end: number;
    }
  | {
      readonly kind: 'string';
      readonly value: string;
      readonly text: string;
      readonly start: number;
      readonly end: number;
    }
  | {
      /** `close` is the `}` ending the expression; `eof` means the template ended before it. */
      readonly kind: 'identifier' | 'keyword' | 'operator' | 'close' | 'eof';
      readonly text: string;
      readonly start: number;
      readonly end: number;
    };

/** JUEL's reserved words; they can never name a variable. */
const KEYWORDS: ReadonlySet<string> = new Set(
  'and or not eq ne lt gt le ge div mod true false null empty instanceof'.split(' '),
);

// Two-character operators come first so that `<=` is not read as `<` followed by `=`.
const OPERATORS: readonly string[] = '== != <= >= && || < > + - * / % ! ? : . ( ) [ ] ,'.split(' ');

/** Hints for characters people bring over from other expression languages. */
const STRAY_CHARACTER_HINTS: ReadonlyMap<string, string> = new Map([
  ['=', "; did you mean '=='?"],
  ['&', "; did you mean '&&'?"],
  ['|', "; did you mean '||'?"],
  ['{', '; JUEL expressions cannot contain braces'],
]);

const WHITESPACE = /[ \t\r\n]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
// Java identifiers: letters, `_` and `$` first, then also digits and combining marks.
const IDENTIFIER = /[\p{L}\p{Nl}\p{Pc}\p{Sc}][\p{L}\p{Nl}\p{Pc}\p{Sc}\p{Nd}\p{Mn}\p{Mc}]*/uy;

/** Tokenizes from `start` (just after `${`); the last token is always `close` or `eof`. */
export function tokenizeExpression(source: string, start: number): Token[] {
  const tokens: Token[] = [];
  let position = start;
  for (;;) {
    position = skip(WHITESPACE, source, position);
    if (position >= source.length) {
      tokens.push({ kind: 'eof', text: '', start: position, end: position });
      return tokens;
    }
    const token = readToken(source, position);
    tokens.push(token);
    if (token.kind === 'close') return tokens;
    position = token.end;
  }
}

/** Names a token for "expected … but found …" messages. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'end of input';
    case 'identifier':
      return `identifier '${token.text}'`;
    case 'number':
      return `number ${token.text}`;
    case 'string':
      return `string ${abbreviate(token.text)}`;
    default:
      return `'${token.text}'`;
  }
}

function readToken(source: string, start: number): Token {
  const char = source[start];
  if (char === '}') return { kind: 'close', text: '}', start, end: start + 1 };
  if (char === "'" || char === '"') return readString(source, start);

  const number = match(NUMBER, source, start);
  if (number !== undefined) {
    return { kind: 'number', value: Number(number), text: number, start, end: start + number.length };
  }
  const word = match(IDENTIFIER, source, start);
  if (word !== undefined) {
    const kind = KEYWORDS.has(word) ? 'keyword' : 'identifier';
    return { kind, text: word, start, end: start + word.length };
  }
  const operator = OPERATORS.find((candidate) => source.startsWith(candidate, start));
  if (operator !== undefined)
    return { kind: 'operator', text: operator, start, end: start + operator.length };

  const hint = STRAY_CHARACTER_HINTS.get(char) ?? '';
  throw new JuelSyntaxError(
    `Expected an operand, an operator or '}' but found unexpected character '${char}' at position ${start}${hint}`,
    source,
    start,
  );
}

/** JUEL strings know only three escapes: `\\`, `\'` and `\"`. */
function readString(source: string, start: number): Token {
  const quote = source[start];
  let value = '';
  let position = start + 1;
  while (position < source.length) {
    const char = source[position];
    if (char === quote) {
      return { kind: 'string', value, text: source.slice(start, position + 1), start, end: position + 1 };
    }
    if (char === '\\') {
      const escaped = source[position + 1];
      if (escaped !== '\\' && escaped !== "'" && escaped !== '"') {
        const found = escaped === undefined ? 'end of input' : `'\\${escaped}'`;
        throw new JuelSyntaxError(
          `Expected one of the escapes \\\\, \\' or \\" but found ${found} at position ${position}`,
          source,
          position,
        );
      }
      value += escaped;
      position += 2;
      continue;
    }
    value += char;
    position += 1;
  }
  throw new JuelSyntaxError(
    `Expected ${quote} to close the string starting at position ${start} but found end of input at position ${source.length}`,
    source,
    source.length,
  );
}

function skip(pattern: RegExp, source: string, position: number): number {
  pattern.lastIndex = position;
  pattern.exec(source);
  return pattern.lastIndex;
}

function match(pattern: RegExp, source: string, position: number): string | undefined {
  pattern.lastIndex = position;
  return pattern.exec(source)?.[0];
}

function abbreviate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
