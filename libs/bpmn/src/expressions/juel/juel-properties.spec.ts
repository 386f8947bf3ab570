import { describe, expect, it } from '@jest/globals';
import { evaluateJuel, JuelEvaluationError, parseJuel } from './index.js';

const variables: Record<string, unknown> = {
  customer: { name: 'Jens', address: { city: 'Odense', zip: null }, tags: ['a', 'b'], 'first name': 'J' },
  items: [{ price: 10 }, { price: 20 }, null],
  key: 'name',
  index: 1,
  nothing: null,
  text: 'abc',
  count: 2,
  undefinedValue: undefined,
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

describe('identifiers', () => {
  it('resolves variables through the resolver', () => {
    expect(run('${count}')).toBe(2);
    expect(run('${nothing}')).toBeNull();
  });

  it('reads an undefined value as null', () => {
    expect(run('${undefinedValue}')).toBeNull();
  });

  it('asks the resolver only for the names it needs', () => {
    const asked: string[] = [];
    evaluateJuel(parseJuel('${a.b + 1}'), (name) => {
      asked.push(name);
      return { found: true, value: { b: 1 } };
    });
    expect(asked).toEqual(['a']);
  });

  it('fails for an unknown identifier', () => {
    const error = evaluationError('Hello ${missing}');
    expect(error).toBeInstanceOf(JuelEvaluationError);
    expect(error.message).toBe("Cannot resolve identifier 'missing'");
    expect(error.source).toBe('Hello ${missing}');
  });

  it('lets errors thrown by the resolver through unchanged', () => {
    const failure = new Error('store down');
    expect(() =>
      evaluateJuel(parseJuel('${a}'), () => {
        throw failure;
      }),
    ).toThrow(failure);
  });

  it('rejects top-level function calls', () => {
    expect(evaluationError('${upper(text)}').message).toBe(
      "Cannot call function 'upper': functions are not supported; use an external task topic or a connector instead",
    );
  });
});

describe('property paths', () => {
  it.each([
    ['${customer.name}', 'Jens'],
    ['${customer.address.city}', 'Odense'],
    ["${customer['name']}", 'Jens'],
    ['${customer["address"]["city"]}', 'Odense'],
    ["${customer['first name']}", 'J'],
    ['${customer[key]}', 'Jens'],
    ['${customer.tags[0]}', 'a'],
    ['${customer.tags[index]}', 'b'],
    ["${customer.tags['1']}", 'b'],
    ['${customer.tags[1.9]}', 'b'],
    ['${items[1].price}', 20],
    ['${items[0].price + items[1].price}', 30],
    ['${items[count]}', null],
  ])('%s → %p', (source, expected) => {
    expect(run(source)).toBe(expected);
  });

  it('reads a missing property of an existing object as null, as MapELResolver does', () => {
    expect(run('${customer.phone}')).toBeNull();
    expect(run('${customer.address.zip}')).toBeNull();
    expect(run('${customer.phone == null}')).toBe(true);
  });

  it('reads an out-of-range index as null, as ListELResolver does', () => {
    expect(run('${customer.tags[2]}')).toBeNull();
    expect(run('${customer.tags[-1]}')).toBeNull();
  });

  it('reads a null property name as null', () => {
    expect(run('${customer[nothing]}')).toBeNull();
  });

  it('never exposes inherited JavaScript properties', () => {
    expect(run('${customer.constructor}')).toBeNull();
    expect(run("${customer['__proto__']}")).toBeNull();
    expect(run('${customer.toString}')).toBeNull();
    expect(run('${customer.hasOwnProperty}')).toBeNull();
    expect(evaluationError('${customer.tags.length}').message).toBe(
      "Cannot use string 'length' as an index of the array 'customer.tags'",
    );
  });

  it.each([
    ['${nothing.name}', "Cannot read property 'name' of null: 'nothing' is null"],
    ['${customer.address.zip.code}', "Cannot read property 'code' of null: 'customer.address.zip' is null"],
    ['${customer.phone.number}', "Cannot read property 'number' of null: 'customer.phone' is null"],
    ["${items[2]['price']}", "Cannot read property 'price' of null: 'items[2]' is null"],
    ['${nothing[0]}', "Cannot read property number 0 of null: 'nothing' is null"],
    ['${(nothing).x}', "Cannot read property 'x' of null: '(nothing)' is null"],
  ])('names the path when reading a property of null: %s', (source, message) => {
    expect(evaluationError(source).message).toBe(message);
  });

  it.each([
    ['${text.length}', "Cannot read property 'length' of string 'abc' ('text')"],
    ['${count.value}', "Cannot read property 'value' of number 2 ('count')"],
    ["${customer.tags['x']}", "Cannot use string 'x' as an index of the array 'customer.tags'"],
    ['${customer.tags[true]}', "Cannot use boolean true as an index of the array 'customer.tags'"],
    ['${customer[customer.tags]}', "Cannot use an array as a property name of 'customer'"],
  ])('rejects %s', (source, message) => {
    expect(evaluationError(source).message).toBe(message);
  });

  it('allows reserved words as property names after a dot', () => {
    expect(
      evaluateJuel(parseJuel('${flags.empty && flags.null == 1}'), () => ({
        found: true,
        value: { empty: true, null: 1 },
      })),
    ).toBe(true);
  });
});
