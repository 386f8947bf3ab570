import { describe, expect, it } from '@jest/globals';
import { evaluateJuel, isJuelTemplate, parseJuel, type JuelResolver } from './index.js';

const variables: Record<string, unknown> = {
  name: 'Aarhus',
  count: 3,
  nothing: null,
  ok: true,
  list: [1, 'a'],
};
const resolve: JuelResolver = (name) =>
  Object.hasOwn(variables, name) ? { found: true, value: variables[name] } : { found: false };
const run = (source: string) => evaluateJuel(parseJuel(source), resolve);

describe('isJuelTemplate', () => {
  it.each([
    ['${a}', true],
    ['#{a}', true],
    ['Hello ${name}!', true],
    ['costs $5 {each}', false],
    ['#hashtag', false],
    ['plain text', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(isJuelTemplate(text)).toBe(expected);
  });
});

describe('parseJuel', () => {
  it('keeps the source and splits text from expressions', () => {
    const template = parseJuel('Hi ${name}, #{count} left');
    expect(template.source).toBe('Hi ${name}, #{count} left');
    expect(template.parts.map((part) => part.kind)).toEqual([
      'text',
      'expression',
      'text',
      'expression',
      'text',
    ]);
  });

  it('returns an immutable template', () => {
    const template = parseJuel('${a}');
    expect(Object.isFrozen(template)).toBe(true);
    expect(Object.isFrozen(template.parts)).toBe(true);
  });
});

describe('evaluating templates', () => {
  it('returns the value itself for a single expression', () => {
    expect(run('${count}')).toBe(3);
    expect(run('#{ok}')).toBe(true);
    expect(run('${nothing}')).toBeNull();
    expect(run('${list}')).toEqual([1, 'a']);
  });

  it('concatenates text and expressions into a string', () => {
    expect(run('Hello ${name}, you have ${count} cases')).toBe('Hello Aarhus, you have 3 cases');
    expect(run('${name}${count}')).toBe('Aarhus3');
    expect(run(' ${count}')).toBe(' 3');
    expect(run('${ok}!')).toBe('true!');
  });

  it('renders null as the empty string and structures as JSON inside text', () => {
    expect(run('[${nothing}]')).toBe('[]');
    expect(run('list=${list}')).toBe('list=[1,"a"]');
  });

  it('returns text without expressions unchanged', () => {
    expect(run('plain text')).toBe('plain text');
    expect(run('')).toBe('');
    expect(run('costs $5 and #3 {braces}')).toBe('costs $5 and #3 {braces}');
  });

  it('treats a closing brace in text as text', () => {
    expect(run('} ${count} }')).toBe('} 3 }');
  });

  it('allows a closing brace inside a string literal', () => {
    expect(run("${'}'}")).toBe('}');
    expect(run('a${"{x}"}b')).toBe('a{x}b');
  });

  it('reads \\${ and \\#{ as literal delimiters', () => {
    expect(run('\\${name} is ${name}')).toBe('${name} is Aarhus');
    expect(run('\\#{x}')).toBe('#{x}');
    expect(run('back\\slash ${count}')).toBe('back\\slash 3');
  });

  it('allows ${…} and #{…} in the same template', () => {
    expect(run('${name}/#{count}')).toBe('Aarhus/3');
  });
});
