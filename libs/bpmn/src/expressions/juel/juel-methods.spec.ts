import { describe, expect, it } from '@jest/globals';
import { evaluateJuel, JuelEvaluationError, parseJuel, type JuelResolver } from './index.js';

const variables: Record<string, unknown> = {
  text: '  Hello World  ',
  word: 'Aarhus',
  blank: '',
  list: [1, 'two', { three: 3 }, [4]],
  none: [],
  map: { a: 1, b: null, 'c d': 'x' },
  emptyMap: {},
  count: 7,
  flag: true,
  nothing: null,
};

const resolve: JuelResolver = (name) =>
  Object.hasOwn(variables, name) ? { found: true, value: variables[name] } : { found: false };

const run = (source: string, resolver: JuelResolver = resolve) => evaluateJuel(parseJuel(source), resolver);

function evaluationError(source: string, resolver: JuelResolver = resolve): JuelEvaluationError {
  try {
    run(source, resolver);
  } catch (error) {
    if (error instanceof JuelEvaluationError) return error;
    throw error;
  }
  throw new Error(`expected ${source} to fail`);
}

const BEAN_ADVICE =
  'method calls to Java beans are not supported; use an external task topic or a connector instead';

describe('string methods', () => {
  it.each([
    ['${word.length()}', 6],
    ['${blank.length()}', 0],
    ['${word.isEmpty()}', false],
    ['${blank.isEmpty()}', true],
    ["${word.contains('rhu')}", true],
    ["${word.contains('x')}", false],
    ["${'a1'.contains(1)}", true],
    ["${word.startsWith('Aa')}", true],
    ["${word.startsWith('')}", true],
    ["${word.endsWith('us')}", true],
    ["${word.endsWith('Aa')}", false],
    ['${word.toUpperCase()}', 'AARHUS'],
    ['${word.toLowerCase()}', 'aarhus'],
    ['${text.trim()}', 'Hello World'],
    ["${'\t x \n'.trim()}", 'x'],
    ["${word.equals('Aarhus')}", true],
    ["${word.equals('aarhus')}", false],
    ["${'7'.equals(count)}", false],
    ['${word.equals(nothing)}', false],
    ["${word.equalsIgnoreCase('AARHUS')}", true],
    ["${word.equalsIgnoreCase('Aarhu')}", false],
    ['${word.equalsIgnoreCase(nothing)}', false],
    ['${word.substring(2)}', 'rhus'],
    ['${word.substring(1, 3)}', 'ar'],
    ["${word.substring('1', 3)}", 'ar'],
    ['${word.substring(6)}', ''],
    ["${word.indexOf('r')}", 2],
    ["${word.indexOf('x')}", -1],
    ["${word['toUpperCase']()}", 'AARHUS'],
    ['${text.trim().toLowerCase().startsWith("hello")}', true],
    ["${'x'.length() + word.length()}", 7],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it.each([
    ['${word.substring(4, 2)}', "Range 4..2 is out of bounds for 'word.substring(4, 2)' (length 6)"],
    ['${word.substring(-1)}', "Range -1..6 is out of bounds for 'word.substring(-1)' (length 6)"],
    ['${word.substring(0, 7)}', "Range 0..7 is out of bounds for 'word.substring(0, 7)' (length 6)"],
    ["${word.substring('x')}", "Cannot coerce string 'x' to an integer for 'word.substring('x')'"],
    ['${word.contains(nothing)}', "Expected a string argument for 'word.contains(nothing)' but got null"],
    ['${word.startsWith(list)}', "Expected a string argument for 'word.startsWith(list)' but got an array"],
    ['${word.length(1)}', "Method length() expects 0 arguments but got 1 in 'word.length(1)'"],
    ['${word.contains()}', "Method contains() expects 1 argument but got 0 in 'word.contains()'"],
    [
      '${word.substring(1, 2, 3)}',
      "Method substring() expects 1 or 2 arguments but got 3 in 'word.substring(1, 2, 3)'",
    ],
  ])('rejects %s', (source, message) => {
    expect(evaluationError(source).message).toBe(message);
  });
});

describe('array methods', () => {
  it.each([
    ['${list.size()}', 4],
    ['${none.size()}', 0],
    ['${list.isEmpty()}', false],
    ['${none.isEmpty()}', true],
    ['${list.contains(1)}', true],
    ["${list.contains('two')}", true],
    ["${list.contains('1')}", false],
    ['${list.contains(list[2])}', true],
    ['${list.contains(list[3])}', true],
    ['${list.contains(nothing)}', false],
    ['${list.get(1)}', 'two'],
    ["${list.get('0')}", 1],
    ['${list.get(2).three}', 3],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toEqual(expected);
  });

  it('throws for get() out of range, unlike the index operator', () => {
    expect(run('${list[9]}')).toBeNull();
    expect(evaluationError('${list.get(9)}').message).toBe(
      "Index 9 is out of range for 'list.get(9)' (size 4)",
    );
    expect(evaluationError('${list.get(-1)}').message).toBe(
      "Index -1 is out of range for 'list.get(-1)' (size 4)",
    );
  });
});

describe('object methods', () => {
  it.each([
    ['${map.size()}', 3],
    ['${emptyMap.size()}', 0],
    ['${map.isEmpty()}', false],
    ['${emptyMap.isEmpty()}', true],
    ["${map.containsKey('a')}", true],
    ["${map.containsKey('b')}", true],
    ["${map.containsKey('z')}", false],
    ["${map.containsKey('constructor')}", false],
    ['${map.containsKey(nothing)}', false],
    ["${map.get('a')}", 1],
    ["${map.get('c d')}", 'x'],
    ["${map.get('z')}", null],
    ["${map.get('toString')}", null],
    ['${map.get(nothing)}', null],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('rejects a structured key', () => {
    expect(evaluationError('${map.get(list)}').message).toBe(
      "Expected a key for 'map.get(list)' but got an array",
    );
  });
});

describe('methods outside the whitelist', () => {
  it.each([
    [
      "${word.replace('a', 'b')}",
      "Cannot call 'word.replace('a', 'b')'",
      'on a string only length(), isEmpty(),',
    ],
    [
      "${word.split(',')}",
      "Cannot call 'word.split(',')'",
      'substring(begin,[end]), indexOf(s) are available',
    ],
    [
      '${list.stream()}',
      "Cannot call 'list.stream()'",
      'on an array only size(), isEmpty(), contains(x), get(index)',
    ],
    [
      "${map.put('a', 1)}",
      "Cannot call 'map.put('a', 1)'",
      'on an object only size(), isEmpty(), containsKey(key), get(key)',
    ],
    ['${count.intValue()}', "Cannot call 'count.intValue()'", 'number 7 has no callable methods'],
    ['${flag.booleanValue()}', "Cannot call 'flag.booleanValue()'", 'boolean true has no callable methods'],
    ['${map.toString()}', "Cannot call 'map.toString()'", 'on an object only'],
    ['${map.constructor()}', "Cannot call 'map.constructor()'", 'on an object only'],
    ["${word['__proto__']()}", "Cannot call 'word['__proto__']()'", 'on a string only'],
  ])('rejects %s', (source, call, available) => {
    const message = evaluationError(source).message;
    expect(message).toContain(`${call}: ${BEAN_ADVICE}`);
    expect(message).toContain(available);
  });

  it('names the path when calling a method on null', () => {
    expect(evaluationError('${nothing.size()}').message).toBe(
      "Cannot call method 'size' on null: 'nothing' is null",
    );
    expect(evaluationError('${map.b.trim()}').message).toBe(
      "Cannot call method 'trim' on null: 'map.b' is null",
    );
  });

  it('rejects a method name that is not a string', () => {
    expect(evaluationError('${word[1]()}').message).toBe('Cannot use number 1 as a method name');
  });
});

describe('execution', () => {
  it('reads variables with execution.getVariable', () => {
    expect(run("${execution.getVariable('word')}")).toBe('Aarhus');
    expect(run('${execution.getVariable("count") + 1}')).toBe(8);
    expect(run("${execution.getVariable('map').a}")).toBe(1);
    expect(run("${execution.getVariable('nothing')}")).toBeNull();
  });

  it('reads an unknown variable as null instead of failing', () => {
    expect(run("${execution.getVariable('missing')}")).toBeNull();
    expect(run("${execution.getVariable('missing') == null}")).toBe(true);
  });

  it('tells whether a variable exists with execution.hasVariable', () => {
    expect(run("${execution.hasVariable('word')}")).toBe(true);
    expect(run("${execution.hasVariable('nothing')}")).toBe(true);
    expect(run("${execution.hasVariable('missing')}")).toBe(false);
    expect(run("${execution.hasVariable('missing') ? 1 : 2}")).toBe(2);
  });

  it('accepts a computed variable name', () => {
    expect(run("${execution.getVariable(blank.isEmpty() ? 'word' : 'count')}")).toBe('Aarhus');
  });

  it('rejects other execution methods as Java bean calls', () => {
    const message = evaluationError("${execution.setVariable('a', 1)}").message;
    expect(message).toBe(
      `Cannot call 'execution.setVariable('a', 1)': ${BEAN_ADVICE} (only execution.getVariable(name) and execution.hasVariable(name) are available)`,
    );
    expect(evaluationError('${execution.getProcessInstanceId()}').message).toContain(BEAN_ADVICE);
  });

  it('checks the arguments of getVariable and hasVariable', () => {
    expect(evaluationError('${execution.getVariable()}').message).toBe(
      "Method getVariable() expects 1 argument but got 0 in 'execution.getVariable()'",
    );
    expect(evaluationError('${execution.hasVariable(count)}').message).toBe(
      'execution.hasVariable() expects a variable name but got number 7',
    );
  });

  it('is not a variable by itself', () => {
    expect(evaluationError('${execution}').message).toBe("Cannot resolve identifier 'execution'");
    expect(evaluationError('${execution.processInstanceId}').message).toBe(
      "Cannot resolve identifier 'execution'",
    );
  });

  it('defers to the resolver when it supplies an execution value', () => {
    const withExecution: JuelResolver = (name) =>
      name === 'execution' ? { found: true, value: { id: 'e1' } } : { found: false };
    expect(run('${execution.id}', withExecution)).toBe('e1');
    expect(run("${execution.get('id')}", withExecution)).toBe('e1');
    expect(evaluationError("${execution.getVariable('x')}", withExecution).message).toContain(BEAN_ADVICE);
  });
});
