/**
 * The few Java methods an expression may call on JSON values. Everything else would need a Java bean,
 * which this engine deliberately does not have: dispatch is by table, never by property lookup on the value.
 */
import { toInteger } from './juel-coercion.js';
import { JuelValueError } from './juel-errors.js';
import type { JuelResolver } from './juel-resolver.js';
import { deepEqual, describeValue, isRecord, ownProperty, type JsonObject } from './juel-values.js';

interface Method<T> {
  readonly signature: string;
  readonly arity: readonly [min: number, max: number];
  readonly call: (target: T, args: readonly unknown[], context: string) => unknown;
}

const BEAN_ADVICE =
  'method calls to Java beans are not supported; use an external task topic or a connector instead';

function method<T>(signature: string, call: Method<T>['call']): [string, Method<T>] {
  const name = signature.slice(0, signature.indexOf('('));
  const parameters = signature
    .slice(name.length + 1, -1)
    .split(',')
    .filter((parameter) => parameter !== '');
  const optional = parameters.filter((parameter) => parameter.startsWith('[')).length;
  return [name, { signature, arity: [parameters.length - optional, parameters.length], call }];
}

const STRING_METHODS: ReadonlyMap<string, Method<string>> = new Map([
  method<string>('length()', (text) => text.length),
  method<string>('isEmpty()', (text) => text.length === 0),
  method<string>('contains(s)', (text, [s], context) => text.includes(stringArgument(s, context))),
  method<string>('startsWith(s)', (text, [s], context) => text.startsWith(stringArgument(s, context))),
  method<string>('endsWith(s)', (text, [s], context) => text.endsWith(stringArgument(s, context))),
  method<string>('toUpperCase()', (text) => text.toUpperCase()),
  method<string>('toLowerCase()', (text) => text.toLowerCase()),
  method<string>('trim()', javaTrim),
  // String.equals(Object) does not coerce: '1'.equals(1) is false.
  method<string>('equals(x)', (text, [other]) => other === text),
  method<string>('equalsIgnoreCase(s)', (text, [other], context) =>
    other === null ? false : equalsIgnoringCase(text, stringArgument(other, context)),
  ),
  method<string>('substring(begin,[end])', substring),
  method<string>('indexOf(s)', (text, [s], context) => text.indexOf(stringArgument(s, context))),
]);

const LIST_METHODS: ReadonlyMap<string, Method<readonly unknown[]>> = new Map([
  method<readonly unknown[]>('size()', (list) => list.length),
  method<readonly unknown[]>('isEmpty()', (list) => list.length === 0),
  method<readonly unknown[]>('contains(x)', (list, [item]) =>
    list.some((element) => deepEqual(element, item ?? null)),
  ),
  method<readonly unknown[]>('get(index)', (list, [index], context) => {
    const position = toInteger(index, context);
    // Unlike list[i], which is null when out of range, List.get throws.
    if (position < 0 || position >= list.length) {
      throw new JuelValueError(`Index ${position} is out of range for ${context} (size ${list.length})`);
    }
    return list[position] ?? null;
  }),
]);

const MAP_METHODS: ReadonlyMap<string, Method<JsonObject>> = new Map([
  method<JsonObject>('size()', (map) => Object.keys(map).length),
  method<JsonObject>('isEmpty()', (map) => Object.keys(map).length === 0),
  method<JsonObject>('containsKey(key)', (map, [key], context) =>
    key === null ? false : Object.hasOwn(map, keyArgument(key, context)),
  ),
  method<JsonObject>('get(key)', (map, [key], context) =>
    key === null ? null : ownProperty(map, keyArgument(key, context)),
  ),
]);

/**
 * Calls a whitelisted method. `callText` is the call as written (for messages); `target` is already
 * known not to be null.
 */
export function callMethod(
  target: unknown,
  name: string,
  args: readonly unknown[],
  callText: string,
): unknown {
  if (typeof target === 'string') return dispatch(STRING_METHODS, 'a string', target, name, args, callText);
  if (Array.isArray(target)) return dispatch(LIST_METHODS, 'an array', target, name, args, callText);
  if (isRecord(target)) return dispatch(MAP_METHODS, 'an object', target, name, args, callText);
  return dispatch(new Map(), describeValue(target), target, name, args, callText);
}

/**
 * Whether a method of this name exists on some JSON value or on the emulated `execution`. A call of any other
 * method can only mean a Java bean, which validation can then name before anything runs.
 */
export function isKnownMethodName(name: string): boolean {
  return (
    STRING_METHODS.has(name) ||
    LIST_METHODS.has(name) ||
    MAP_METHODS.has(name) ||
    name === 'getVariable' ||
    name === 'hasVariable'
  );
}

/** Camunda's `execution.getVariable(name)` / `hasVariable(name)`, answered from the resolver. */
export function callExecutionMethod(
  name: string,
  args: readonly unknown[],
  resolve: JuelResolver,
  callText: string,
): unknown {
  if (name !== 'getVariable' && name !== 'hasVariable') {
    throw new JuelValueError(
      `Cannot call '${callText}': ${BEAN_ADVICE} (only execution.getVariable(name) and execution.hasVariable(name) are available)`,
    );
  }
  checkArity(name, [1, 1], args, callText);
  const [variable] = args;
  if (typeof variable !== 'string') {
    throw new JuelValueError(
      `execution.${name}() expects a variable name but got ${describeValue(variable)}`,
    );
  }
  const result = resolve(variable);
  if (name === 'hasVariable') return result.found;
  return result.found ? (result.value ?? null) : null;
}

function dispatch<T>(
  methods: ReadonlyMap<string, Method<T>>,
  owner: string,
  target: T,
  name: string,
  args: readonly unknown[],
  callText: string,
): unknown {
  const chosen = methods.get(name);
  if (chosen === undefined) {
    const available =
      methods.size === 0
        ? `${owner} has no callable methods`
        : `on ${owner} only ${[...methods.values()].map((m) => m.signature).join(', ')} are available`;
    throw new JuelValueError(`Cannot call '${callText}': ${BEAN_ADVICE} (${available})`);
  }
  checkArity(name, chosen.arity, args, callText);
  return chosen.call(target, args, `'${callText}'`);
}

function checkArity(
  name: string,
  [min, max]: readonly [number, number],
  args: readonly unknown[],
  callText: string,
) {
  if (args.length >= min && args.length <= max) return;
  const expected = min === max ? `${min}` : `${min} or ${max}`;
  throw new JuelValueError(
    `Method ${name}() expects ${expected} argument${max === 1 ? '' : 's'} but got ${args.length} in '${callText}'`,
  );
}

/** JUEL coerces arguments of String parameters; null would be a NullPointerException in Java. */
function stringArgument(value: unknown, context: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new JuelValueError(`Expected a string argument for ${context} but got ${describeValue(value)}`);
}

function keyArgument(value: unknown, context: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new JuelValueError(`Expected a key for ${context} but got ${describeValue(value)}`);
}

function substring(text: string, [begin, end]: readonly unknown[], context: string): string {
  const from = toInteger(begin, context);
  const to = end === undefined ? text.length : toInteger(end, context);
  if (from < 0 || to > text.length || from > to) {
    throw new JuelValueError(`Range ${from}..${to} is out of bounds for ${context} (length ${text.length})`);
  }
  return text.slice(from, to);
}

/** Java's trim strips every control character and space, not Unicode whitespace. */
function javaTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) <= 0x20) start += 1;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end -= 1;
  return text.slice(start, end);
}

function equalsIgnoringCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index += 1) {
    const x = a[index];
    const y = b[index];
    if (x !== y && x.toUpperCase() !== y.toUpperCase() && x.toLowerCase() !== y.toLowerCase()) return false;
  }
  return true;
}
