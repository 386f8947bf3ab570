import { describe, expect, it } from '@jest/globals';
import type { JuelNode } from './juel-ast.js';
import { JuelSyntaxError } from './juel-errors.js';
import { parseJuel } from './juel-template.js';

/** Renders the tree as S-expressions so that precedence and associativity are visible. */
function tree(source: string): string {
  const [part] = parseJuel(source).parts;
  if (part.kind !== 'expression') throw new Error('not an expression');
  return render(part.node);
}

function render(node: JuelNode): string {
  switch (node.type) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'identifier':
      return node.name;
    case 'member':
      return `(. ${render(node.object)} ${render(node.property)})`;
    case 'call':
      return `(call ${[node.object, node.method, ...node.args].map(render).join(' ')})`;
    case 'function':
      return `(fn ${[node.name, ...node.args.map(render)].join(' ')})`;
    case 'unary':
      return `(${node.operator} ${render(node.operand)})`;
    case 'binary':
    case 'logical':
      return `(${node.operator} ${render(node.left)} ${render(node.right)})`;
    case 'conditional':
      return `(? ${render(node.test)} ${render(node.consequent)} ${render(node.alternate)})`;
  }
}

function syntaxError(source: string): JuelSyntaxError {
  try {
    parseJuel(source);
  } catch (error) {
    if (error instanceof JuelSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${source} not to parse`);
}

describe('parser precedence', () => {
  it.each([
    ['${1 + 2 * 3}', '(+ 1 (* 2 3))'],
    ['${1 * 2 + 3}', '(+ (* 1 2) 3)'],
    ['${1 - 2 - 3}', '(- (- 1 2) 3)'],
    ['${8 / 4 / 2}', '(/ (/ 8 4) 2)'],
    ['${a div b mod c}', '(% (/ a b) c)'],
    ['${-a * b}', '(* (- a) b)'],
    ['${- -a}', '(- (- a))'],
    ['${-a.b}', '(- (. a "b"))'],
    ['${!a && b}', '(&& (! a) b)'],
    ['${not a or b}', '(|| (! a) b)'],
    ['${empty a.b && c}', '(&& (empty (. a "b")) c)'],
    ['${empty a == false}', '(== (empty a) false)'],
    ['${a + 1 < b * 2}', '(< (+ a 1) (* b 2))'],
    ['${a < b == c > d}', '(== (< a b) (> c d))'],
    ['${a lt b eq c ge d}', '(== (< a b) (>= c d))'],
    ['${a le b ne c gt d}', '(!= (<= a b) (> c d))'],
    ['${a == b && c != d}', '(&& (== a b) (!= c d))'],
    ['${a || b && c}', '(|| a (&& b c))'],
    ['${a and b or c and d}', '(|| (&& a b) (&& c d))'],
    ['${a || b ? c : d}', '(? (|| a b) c d)'],
    ['${a ? b : c ? d : e}', '(? a b (? c d e))'],
    ['${a ? b ? c : d : e}', '(? a (? b c d) e)'],
    ['${(1 + 2) * 3}', '(* (+ 1 2) 3)'],
    ['${a.b.c}', '(. (. a "b") "c")'],
    ["${a['b'][0][i]}", '(. (. (. a "b") 0) i)'],
    ['${a.b(1, c).d}', '(. (call a "b" 1 c) "d")'],
    ["${a['size']()}", '(call a "size")'],
    ['${f(1)}', '(fn f 1)'],
    ['${a.empty}', '(. a "empty")'],
    ['${true != false}', '(!= true false)'],
    ['${null}', 'null'],
    ['${1.5e1}', '15'],
  ])('parses %s as %s', (source, expected) => {
    expect(tree(source)).toBe(expected);
  });

  it('treats #{…} like ${…}', () => {
    expect(tree('#{a + 1}')).toBe('(+ a 1)');
  });

  it('records positions in the whole source, parentheses included', () => {
    const [, part] = parseJuel('x ${ (a + b) * c }').parts;
    expect(part).toMatchObject({ kind: 'expression', start: 2, end: 18, node: { start: 5, end: 16 } });
    if (part.kind === 'expression' && part.node.type === 'binary') {
      expect(part.node.left).toMatchObject({ start: 5, end: 12 });
    }
  });
});

describe('syntax errors', () => {
  it.each([
    ['${}', "Expected an expression but found '}' at position 2", 2],
    ['${1 +}', "Expected an expression but found '}' at position 5", 5],
    ['${a b}', "Expected an operator or '}' but found identifier 'b' at position 4", 4],
    ['${a', "Expected an operator or '}' but found end of input at position 3", 3],
    ['text ${a.}', "Expected a property name after '.' but found '}' at position 9", 9],
    ['${a.1}', "Expected an operator or '}' but found number .1 at position 3", 3],
    ['${a[0}', "Expected ']' but found '}' at position 5", 5],
    ['${(a + b}', "Expected ')' but found '}' at position 8", 8],
    ['${a ? b}', "Expected ':' of the conditional expression but found '}' at position 7", 7],
    ['${f(a b)}', "Expected ',' or ')' but found identifier 'b' at position 6", 6],
    ['${f(a,)}', "Expected an expression but found ')' at position 6", 6],
    ['${a instanceof b}', "Expected an operator or '}' but found 'instanceof' at position 4", 4],
    ['${+1}', "Expected an expression but found '+' at position 2", 2],
    ['${and}', "Expected an expression but found 'and' at position 2", 2],
    [
      "${a == 'x}",
      "Expected ' to close the string starting at position 7 but found end of input at position 10",
      10,
    ],
    [
      '${a == b} and ${c = d}',
      "Expected an operand, an operator or '}' but found unexpected character '=' at position 18; did you mean '=='?",
      18,
    ],
  ])('rejects %s', (source, message, position) => {
    const error = syntaxError(source);
    expect(error).toBeInstanceOf(JuelSyntaxError);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.source).toBe(source);
    expect(error.name).toBe('JuelSyntaxError');
  });

  it('limits nesting so that hostile templates cannot overflow the stack', () => {
    const deep = '${' + '('.repeat(500) + '1' + ')'.repeat(500) + '}';
    expect(syntaxError(deep).message).toMatch(
      /^Expected at most 200 nested operations but found more at position \d+$/,
    );
    expect(syntaxError('${' + '1 + '.repeat(500) + '1}').message).toMatch(/nested operations/);
    expect(syntaxError('${' + '!'.repeat(500) + 'a}').message).toMatch(/nested operations/);
    expect(syntaxError('${a' + '.b'.repeat(500) + '}').message).toMatch(/nested operations/);
  });

  it('accepts realistic nesting', () => {
    const nested =
      '${' + '('.repeat(50) + 'a' + ')'.repeat(50) + ' && ' + Array(50).fill('x == 1').join(' || ') + '}';
    expect(() => parseJuel(nested)).not.toThrow();
  });
});
