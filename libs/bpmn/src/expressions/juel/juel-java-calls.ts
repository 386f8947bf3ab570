import type { JuelNode } from './juel-ast.js';
import { JuelSyntaxError } from './juel-errors.js';
import { isKnownMethodName } from './juel-methods.js';
import { parseJuel } from './juel-template.js';

/**
 * The first call in a JUEL template that can only run as Java code — a function (`${f(x)}`) or a method that
 * neither a JSON value nor the emulated `execution` has (`${tenantProvider.resolve(execution)}`) — as written in
 * the template. Undefined when there is none, or when the template does not parse (reported elsewhere).
 */
export function javaCallIn(source: string): string | undefined {
  let parts;
  try {
    parts = parseJuel(source).parts;
  } catch (error) {
    if (error instanceof JuelSyntaxError) return undefined;
    throw error;
  }
  for (const part of parts) {
    if (part.kind !== 'expression') continue;
    const call = findJavaCall(part.node);
    if (call) return source.slice(call.start, call.end);
  }
  return undefined;
}

function findJavaCall(node: JuelNode): JuelNode | undefined {
  switch (node.type) {
    case 'function':
      return node;
    case 'call': {
      const name = node.method.type === 'literal' ? node.method.value : undefined;
      if (typeof name === 'string' && !isKnownMethodName(name)) return node;
      return [node.object, node.method, ...node.args].map(findJavaCall).find(Boolean);
    }
    case 'member':
      return findJavaCall(node.object) ?? findJavaCall(node.property);
    case 'unary':
      return findJavaCall(node.operand);
    case 'binary':
    case 'logical':
      return findJavaCall(node.left) ?? findJavaCall(node.right);
    case 'conditional':
      return findJavaCall(node.test) ?? findJavaCall(node.consequent) ?? findJavaCall(node.alternate);
    case 'literal':
    case 'identifier':
      return undefined;
  }
}
