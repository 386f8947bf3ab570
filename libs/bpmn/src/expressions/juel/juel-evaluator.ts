/** Walks a parsed template against a variable resolver; it interprets the tree and never runs host code. */
import type { CallNode, JuelNode, MemberNode } from './juel-ast.js';
import { toBoolean, toInteger, toTemplateText } from './juel-coercion.js';
import { JuelEvaluationError, JuelValueError } from './juel-errors.js';
import { callExecutionMethod, callMethod } from './juel-methods.js';
import { applyBinary, isEmpty, negate } from './juel-operators.js';
import type { JuelResolver } from './juel-resolver.js';
import type { JuelTemplate } from './juel-template.js';
import { describeValue, isRecord, ownProperty, quote } from './juel-values.js';

interface Scope {
  readonly source: string;
  readonly resolve: JuelResolver;
}

const INTEGER_KEY = /^[+-]?\d+$/;

/** Evaluates; throws JuelEvaluationError for an unknown identifier, a property of null, a type error, etc. */
export function evaluateJuel(template: JuelTemplate, resolve: JuelResolver): unknown {
  const scope: Scope = { source: template.source, resolve };
  try {
    const [first] = template.parts;
    if (template.parts.length === 1 && first.kind === 'expression') return evaluate(first.node, scope);
    let result = '';
    for (const part of template.parts) {
      result += part.kind === 'text' ? part.text : toTemplateText(evaluate(part.node, scope));
    }
    return result;
  } catch (error) {
    if (error instanceof JuelValueError) throw new JuelEvaluationError(error.message, template.source);
    throw error;
  }
}

function evaluate(node: JuelNode, scope: Scope): unknown {
  switch (node.type) {
    case 'literal':
      return node.value;
    case 'identifier':
      return lookup(node.name, scope);
    case 'member':
      return readMember(node, scope);
    case 'call':
      return invoke(node, scope);
    case 'function':
      throw new JuelValueError(
        `Cannot call function '${node.name}': functions are not supported; use an external task topic or a connector instead`,
      );
    case 'unary': {
      const operand = evaluate(node.operand, scope);
      if (node.operator === '-') return negate(operand);
      if (node.operator === '!') return !toBoolean(operand, "operator '!'");
      return isEmpty(operand);
    }
    case 'binary':
      return applyBinary(node.operator, evaluate(node.left, scope), evaluate(node.right, scope));
    case 'logical': {
      const context = `operator '${node.operator}'`;
      const left = toBoolean(evaluate(node.left, scope), context);
      // Short-circuits as in Java, so `x != null && x.y` is safe.
      if (node.operator === '&&' ? !left : left) return left;
      return toBoolean(evaluate(node.right, scope), context);
    }
    case 'conditional':
      return toBoolean(evaluate(node.test, scope), 'the condition of ?:')
        ? evaluate(node.consequent, scope)
        : evaluate(node.alternate, scope);
  }
}

function lookup(name: string, scope: Scope): unknown {
  const result = scope.resolve(name);
  if (!result.found) throw new JuelValueError(`Cannot resolve identifier '${name}'`);
  return result.value ?? null;
}

function readMember(node: MemberNode, scope: Scope): unknown {
  const object = evaluate(node.object, scope);
  const key = evaluate(node.property, scope);
  const path = textOf(node.object, scope);
  if (object === null) {
    throw new JuelValueError(`Cannot read property ${describeKey(key)} of null: '${path}' is null`);
  }
  // EL: a null property name yields null rather than an error.
  if (key === null) return null;
  if (Array.isArray(object)) return readElement(object, key, path);
  if (isRecord(object)) {
    if (typeof key === 'object') {
      throw new JuelValueError(`Cannot use ${describeValue(key)} as a property name of '${path}'`);
    }
    // A missing key is null, as JUEL's MapELResolver answers.
    return ownProperty(object, String(key));
  }
  throw new JuelValueError(
    `Cannot read property ${describeKey(key)} of ${describeValue(object)} ('${path}')`,
  );
}

/** An out-of-range index is null, as JUEL's ListELResolver answers. */
function readElement(list: readonly unknown[], key: unknown, path: string): unknown {
  if (typeof key !== 'number' && !(typeof key === 'string' && INTEGER_KEY.test(key))) {
    throw new JuelValueError(`Cannot use ${describeValue(key)} as an index of the array '${path}'`);
  }
  const index = toInteger(key, `the index of '${path}'`);
  return index >= 0 && index < list.length ? (list[index] ?? null) : null;
}

function invoke(node: CallNode, scope: Scope): unknown {
  const callText = textOf(node, scope);
  if (isEmulatedExecution(node.object, scope)) {
    return callExecutionMethod(
      methodName(node, scope),
      evaluateAll(node.args, scope),
      scope.resolve,
      callText,
    );
  }
  const target = evaluate(node.object, scope);
  const name = methodName(node, scope);
  const args = evaluateAll(node.args, scope);
  if (target === null) {
    throw new JuelValueError(`Cannot call method '${name}' on null: '${textOf(node.object, scope)}' is null`);
  }
  return callMethod(target, name, args, callText);
}

/** Camunda's `execution` is a Java object; unless the host supplies a value for it, its variable accessors are emulated. */
function isEmulatedExecution(receiver: JuelNode, scope: Scope): boolean {
  return receiver.type === 'identifier' && receiver.name === 'execution' && !scope.resolve('execution').found;
}

function methodName(node: CallNode, scope: Scope): string {
  const name = evaluate(node.method, scope);
  if (typeof name !== 'string')
    throw new JuelValueError(`Cannot use ${describeValue(name)} as a method name`);
  return name;
}

function evaluateAll(nodes: readonly JuelNode[], scope: Scope): unknown[] {
  return nodes.map((node) => evaluate(node, scope));
}

function textOf(node: JuelNode, scope: Scope): string {
  return scope.source.slice(node.start, node.end);
}

function describeKey(key: unknown): string {
  return typeof key === 'string' ? quote(key) : describeValue(key);
}
