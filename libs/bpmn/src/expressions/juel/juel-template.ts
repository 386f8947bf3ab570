/** Splits a template into literal text and `${…}`/`#{…}` expressions. */
import type { JuelTemplatePart } from './juel-ast.js';
import { parseExpressionBody } from './juel-parser.js';

/**
 * A parsed template: either a single `${…}`/`#{…}` expression (evaluates to the expression's own value)
 * or mixed text and expressions (evaluates to a string concatenation).
 */
export interface JuelTemplate {
  readonly source: string;
  readonly parts: readonly JuelTemplatePart[];
}

/** True if the text contains `${` or `#{` (i.e. is a JUEL template rather than a literal). */
export function isJuelTemplate(text: string): boolean {
  return text.includes('${') || text.includes('#{');
}

/**
 * Parses; throws JuelSyntaxError naming what was expected and what was found, with the character position.
 * As in the EL spec, `\${` and `\#{` in the text stand for a literal `${` and `#{`.
 */
export function parseJuel(source: string): JuelTemplate {
  const parts: JuelTemplatePart[] = [];
  let text = '';
  let position = 0;
  while (position < source.length) {
    const char = source[position];
    const opensExpression = (char === '$' || char === '#') && source[position + 1] === '{';
    const escapesDelimiter =
      char === '\\' &&
      (source[position + 1] === '$' || source[position + 1] === '#') &&
      source[position + 2] === '{';
    if (escapesDelimiter) {
      text += source.slice(position + 1, position + 3);
      position += 3;
    } else if (opensExpression) {
      if (text !== '') parts.push({ kind: 'text', text });
      text = '';
      const { node, end } = parseExpressionBody(source, position + 2);
      parts.push({ kind: 'expression', node, start: position, end });
      position = end;
    } else {
      text += char;
      position += 1;
    }
  }
  if (text !== '') parts.push({ kind: 'text', text });
  return Object.freeze({ source, parts: Object.freeze(parts) });
}
