import { describe, expect, it } from '@jest/globals';
import { evaluateJuel, JuelEvaluationError, parseJuel } from './index.js';

const variables: Record<string, unknown> = {
  n: null,
  zero: 0,
  five: 5,
  half: 0.5,
  text: 'abc',
  numeric: '12',
  decimal: '2.5',
  blank: '',
  yes: true,
  no: false,
  yesText: 'true',
  list: [1, 2],
  sameList: [1, 2],
  obj: { a: 1 },
  sameObj: { a: 1 },
  emptyList: [],
  emptyObj: {},
};

function run(source: string): unknown {
  return evaluateJuel(parseJuel(source), (name) =>
    Object.hasOwn(variables, name) ? { found: true, value: variables[name] } : { found: false },
  );
}

function evaluationError(source: string): JuelEvaluationError {
  try {
    run(source);
  } catch (error) {
    if (error instanceof JuelEvaluationError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('literals', () => {
  it.each([
    ['${42}', 42],
    ['${1.5}', 1.5],
    ['${.5}', 0.5],
    ['${1e3}', 1000],
    ["${'single'}", 'single'],
    ['${"double"}', 'double'],
    ["${'it\\'s'}", "it's"],
    ['${"a\\\\b"}', 'a\\b'],
    ['${true}', true],
    ['${false}', false],
    ['${null}', null],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});

describe('arithmetic', () => {
  it.each([
    ['${1 + 2}', 3],
    ['${5 - 7}', -2],
    ['${3 * 4}', 12],
    ['${7 / 2}', 3.5],
    ['${7 div 2}', 3.5],
    ['${8 / 4}', 2],
    ['${7 % 3}', 1],
    ['${7 mod 3}', 1],
    ['${-7 % 3}', -1],
    ['${5.5 % 2}', 1.5],
    ['${-five}', -5],
    ['${- -five}', 5],
    ['${-half}', -0.5],
    ['${0.1 + 0.2 > 0.3}', true],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('coerces numeric strings, as JUEL never concatenates with +', () => {
    expect(run("${'1' + 2}")).toBe(3);
    expect(run('${numeric * 2}')).toBe(24);
    expect(run('${decimal + 1}')).toBe(3.5);
    expect(run("${'-3' - '1e1'}")).toBe(-13);
    expect(run('${-numeric}')).toBe(-12);
  });

  it('treats null and the empty string as 0, as EL does', () => {
    expect(run('${n + 1}')).toBe(1);
    expect(run('${blank + 1}')).toBe(1);
    expect(run('${n * n}')).toBe(0);
    expect(run('${-n}')).toBe(0);
  });

  it.each([
    ["${'abc' + 1}", "Cannot coerce string 'abc' to a number for operator '+'"],
    ["${' 1' + 1}", "Cannot coerce string ' 1' to a number for operator '+'"],
    ['${yes + 1}', "Cannot coerce boolean true to a number for operator '+'"],
    ['${list * 2}', "Cannot coerce an array to a number for operator '*'"],
    ['${obj - 1}', "Cannot coerce an object to a number for operator '-'"],
    ['${-text}', "Cannot coerce string 'abc' to a number for unary '-'"],
    ['${1 / 0}', 'Division by zero'],
    ['${1 div zero}', 'Division by zero'],
    ['${0 / 0}', 'Division by zero'],
    ['${1 % 0}', 'Modulo by zero'],
    ['${1 mod n}', 'Modulo by zero'],
  ])('rejects %s', (source, message) => {
    const error = evaluationError(source);
    expect(error.message).toBe(message);
    expect(error.source).toBe(source);
    expect(error.name).toBe('JuelEvaluationError');
  });
});

describe('relational operators', () => {
  it.each([
    ['${1 < 2}', true],
    ['${2 < 1}', false],
    ['${2 > 1}', true],
    ['${2 <= 2}', true],
    ['${3 >= 4}', false],
    ['${1 lt 2}', true],
    ['${1 gt 2}', false],
    ['${2 le 2}', true],
    ['${2 ge 3}', false],
    ["${'a' < 'b'}", true],
    ["${'B' < 'a'}", true],
    ["${'10' < '9'}", true],
    ["${10 < '9'}", false],
    ['${numeric > 9}', true],
    ["${'' < 1}", true],
    ['${false < true}', true],
    ['${true <= true}', true],
    ["${'true' > false}", true],
    ['${n < 1}', false],
    ['${n > 1}', false],
    ['${1 >= n}', false],
    ['${n <= n}', true],
    ['${n < n}', false],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it.each([
    ["${1 < 'abc'}", "Cannot coerce string 'abc' to a number for operator '<'"],
    ['${yes < 1}', "Cannot coerce boolean true to a number for operator '<'"],
    ["${list < 'a'}", "Cannot coerce an array to a string for operator '<'"],
    ['${obj > obj}', "Cannot compare an object with an object using operator '>'"],
  ])('rejects %s', (source, message) => {
    expect(evaluationError(source).message).toBe(message);
  });
});

describe('equality operators', () => {
  it.each([
    ['${1 == 1}', true],
    ['${1 == 1.0}', true],
    ['${1 != 2}', true],
    ['${1 eq 1}', true],
    ['${1 ne 1}', false],
    ["${'a' == 'a'}", true],
    ["${'a' == 'A'}", false],
    ["${text != 'abc'}", false],
    ["${12 == '12'}", true],
    ['${numeric == 12}', true],
    ["${'2.5' == 2.5}", true],
    ["${0 == ''}", true],
    ['${yes == true}', true],
    ['${yesText == true}', true],
    ["${'TRUE' == true}", true],
    ["${'no' == false}", true],
    ['${n == null}', true],
    ['${null == n}', true],
    ['${n != null}', false],
    ['${five == null}', false],
    ['${blank == null}', false],
    ['${zero == null}', false],
    ['${list == sameList}', true],
    ['${obj == sameObj}', true],
    ['${list == emptyList}', false],
    ["${list == 'x'}", false],
    ["${obj != 'x'}", true],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it.each([
    ["${1 == 'abc'}", "Cannot coerce string 'abc' to a number for operator '=='"],
    ['${1 == true}', "Cannot coerce boolean true to a number for operator '=='"],
    ['${five != list}', "Cannot coerce an array to a number for operator '!='"],
    ['${yes == obj}', "Cannot coerce an object to a boolean for operator '=='"],
  ])('rejects %s as JUEL does', (source, message) => {
    expect(evaluationError(source).message).toBe(message);
  });
});

describe('logical operators', () => {
  it.each([
    ['${true && true}', true],
    ['${true && false}', false],
    ['${false || true}', true],
    ['${false || false}', false],
    ['${true and false}', false],
    ['${false or true}', true],
    ['${!true}', false],
    ['${not false}', true],
    ['${!!yes}', true],
    ['${n || true}', true],
    ['${!n}', true],
    ['${!blank}', true],
    ["${yesText && 'TRUE'}", true],
    ["${'false' || no}", false],
    ["${'yes' || false}", false],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('short-circuits, so guards protect the right operand', () => {
    expect(run('${n != null && n.a == 1}')).toBe(false);
    expect(run('${n == null || n.a == 1}')).toBe(true);
    expect(run('${false && undefinedVariable}')).toBe(false);
    expect(run('${true or undefinedVariable}')).toBe(true);
  });

  it.each([
    ['${five && true}', "Cannot coerce number 5 to a boolean for operator '&&'"],
    ['${false || list}', "Cannot coerce an array to a boolean for operator '||'"],
    ['${!zero}', "Cannot coerce number 0 to a boolean for operator '!'"],
    ['${not obj}', "Cannot coerce an object to a boolean for operator '!'"],
  ])('rejects %s', (source, message) => {
    expect(evaluationError(source).message).toBe(message);
  });
});

describe('empty', () => {
  it.each([
    ['${empty n}', true],
    ['${empty blank}', true],
    ['${empty emptyList}', true],
    ['${empty emptyObj}', true],
    ['${empty text}', false],
    ['${empty list}', false],
    ['${empty obj}', false],
    ['${empty zero}', false],
    ['${empty no}', false],
    ['${not empty list}', true],
    ['${!empty obj.missing}', false],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});

describe('conditional', () => {
  it('evaluates only the chosen branch', () => {
    expect(run("${yes ? 'a' : undefinedVariable}")).toBe('a');
    expect(run("${no ? undefinedVariable : 'b'}")).toBe('b');
  });

  it('coerces its condition like the logical operators', () => {
    expect(run('${n ? 1 : 2}')).toBe(2);
    expect(run('${yesText ? 1 : 2}')).toBe(1);
    expect(evaluationError('${five ? 1 : 2}').message).toBe(
      'Cannot coerce number 5 to a boolean for the condition of ?:',
    );
  });

  it('nests to the right', () => {
    expect(run("${five > 10 ? 'big' : five > 3 ? 'medium' : 'small'}")).toBe('medium');
  });
});

describe('precedence', () => {
  it.each([
    ['${2 + 3 * 4}', 14],
    ['${(2 + 3) * 4}', 20],
    ['${10 - 4 - 3}', 3],
    ['${2 * 3 % 4}', 2],
    ['${-2 * -3}', 6],
    ['${1 + 2 == 3}', true],
    ['${1 < 2 == true}', true],
    ['${true || false && false}', true],
    ['${(true || false) && false}', false],
    ['${!false && false}', false],
    ['${empty n && five > 1}', true],
    ['${1 + 1 == 2 ? 10 * 2 : 0}', 20],
    ['${five > 1 and five < 10 or no}', true],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });
});
