/**
 * An expression as the model wrote it, classified once at deploy time so the runtime never guesses:
 * `=…` is FEEL (Camunda 8), `${…}`/`#{…}` is JUEL (Camunda 7), anything else is a literal string.
 */
export interface Expression {
  language: 'feel' | 'juel' | 'literal';
  /** The text to evaluate: FEEL without its leading `=`, the whole JUEL template, or the literal. */
  source: string;
}

/** Classifies an attribute value that may hold an expression (assignee, message name, timer, mapping source …). */
export function expressionOf(text: string): Expression {
  const trimmed = text.trim();
  if (trimmed.startsWith('=')) return { language: 'feel', source: trimmed.slice(1).trim() };
  if (/[$#]\{/.test(text)) return { language: 'juel', source: text };
  return { language: 'literal', source: text };
}

/** Classifies the body of a condition, which is always an expression: a bare body is FEEL. */
export function conditionOf(text: string, language?: string): Expression {
  const trimmed = text.trim();
  if (trimmed.startsWith('=')) return { language: 'feel', source: trimmed.slice(1).trim() };
  if (/[$#]\{/.test(trimmed) || language?.toLowerCase() === 'juel')
    return { language: 'juel', source: trimmed };
  return { language: 'feel', source: trimmed };
}

export function describeExpression(expression: Expression): string {
  return expression.language === 'feel' ? `=${expression.source}` : expression.source;
}

const LITERAL_WORDS = new Set(['null', 'true', 'false', 'empty', 'not']);

/**
 * The variable an expression merely refers to (`=order`, `${order}`), if that is all it does: copying it then
 * keeps the variable's type (a Date stays a Date, an Object keeps its serialization) instead of re-inferring it.
 */
export function referencedVariable(expression: Expression): string | undefined {
  const name =
    expression.language === 'feel'
      ? /^([A-Za-z_][A-Za-z0-9_]*)$/.exec(expression.source.trim())?.[1]
      : expression.language === 'juel'
        ? /^\s*[$#]\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\s*$/.exec(expression.source)?.[1]
        : undefined;
  return name && !LITERAL_WORDS.has(name) ? name : undefined;
}
