import { unaryTestsSyntaxError } from '../expressions/feel-expression.js';
import { expressionSyntaxError } from '../expressions/expression-evaluator.js';
import type { FindingCollector } from '../validate/finding.js';
import type { DecisionExpression } from './decision-model.js';

/** What reading a DMN document carries along: the findings, the document's default language, Camunda's prefix. */
export interface DmnReadContext {
  findings: FindingCollector;
  /** `expressionLanguage` of the definitions, the default for every expression in them. */
  defaultLanguage?: string;
  camundaPrefix?: string;
}

/** Where an expression sits, for messages: "input entry 2 of rule 'r1' in decision 'dish'", with the ids involved. */
export interface ExpressionPlace {
  what: string;
  elementIds: string[];
}

/**
 * Reads one expression or unary-tests cell. Empty text (and `-` for unary tests) gives null: "anything" for an
 * input entry, "no value" for an output entry. A language other than FEEL or JUEL, or text that does not parse,
 * gives undefined and a finding.
 */
export function readDecisionExpression(
  text: string | undefined,
  language: string | undefined,
  kind: 'expression' | 'unary-tests',
  place: ExpressionPlace,
  context: DmnReadContext,
): DecisionExpression | null | undefined {
  const source = (text ?? '').trim();
  if (source === '' || (kind === 'unary-tests' && source === '-')) return null;
  const languageName = language ?? context.defaultLanguage;
  const resolved = languageOf(languageName, source);
  if (!resolved) {
    context.findings.error(
      'unsupported-expression-language',
      place.elementIds,
      `The ${place.what} is written in '${languageName}'; this engine evaluates DMN expressions in FEEL (the default) ` +
        'or JUEL only — rewrite it in FEEL.',
    );
    return undefined;
  }
  const expression: DecisionExpression = { language: resolved, source };
  const error =
    kind === 'unary-tests' && resolved === 'feel'
      ? unaryTestsSyntaxError(source)
      : expressionSyntaxError(expression);
  if (error) {
    context.findings.error(
      'invalid-expression',
      place.elementIds,
      `Expected the ${place.what} ('${source}') to be ${kind === 'unary-tests' ? 'valid FEEL unary tests' : 'a valid expression'}, but: ${error}`,
    );
    return undefined;
  }
  return expression;
}

/** FEEL by default (and for any FEEL namespace URI); JUEL when named, or when the text is written `${…}`. */
function languageOf(name: string | undefined, source: string): DecisionExpression['language'] | undefined {
  if (!name) return /[$#]\{/.test(source) ? 'juel' : 'feel';
  const lower = name.trim().toLowerCase();
  if (lower === 'juel') return 'juel';
  if (lower === 'feel' || lower.includes('/feel/')) return /[$#]\{/.test(source) ? 'juel' : 'feel';
  return undefined;
}
