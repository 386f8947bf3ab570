import type { DmnModdleElement } from 'dmn-moddle';
import { FindingCollector, type Finding } from '../validate/finding.js';
import { checkRequirements } from './check-requirements.js';
import type { ExecutableDecision, ExecutableDecisions } from './decision-model.js';
import { describeDrgElement, element, list, text } from './dmn-moddle-access.js';
import { parseDmn } from './parse-dmn.js';
import { readDecisionTable } from './read-decision-table.js';
import { readDecisionExpression, type DmnReadContext } from './read-dmn-expression.js';

export interface DmnCompileResult {
  /** Present when there are no errors. */
  model?: ExecutableDecisions;
  findings: Finding[];
}

/** DRG elements that only describe (input data, knowledge sources): they have nothing to evaluate. */
const DESCRIPTIVE = new Set(['dmn:InputData', 'dmn:KnowledgeSource']);

/**
 * Parses and validates a DMN document (1.3; 1.1 and 1.2 are read as 1.3) into its executable form, reporting every
 * finding at once. Decision tables and literal expressions run; anything else is refused by name.
 *
 * @example
 * const { model, findings } = await compileDmn(xml);
 * if (model) evaluateDecision(model, 'dish', { season: 'Fall', guestCount: 4 });
 */
export async function compileDmn(xml: string): Promise<DmnCompileResult> {
  const parsed = await parseDmn(xml);
  if (!parsed.ok) return { findings: parsed.findings };
  const { definitions, camundaPrefix } = parsed.parsed;
  const findings = new FindingCollector();
  const defaultLanguage = text(definitions, 'expressionLanguage');
  const context: DmnReadContext = {
    findings,
    ...(defaultLanguage ? { defaultLanguage } : {}),
    ...(camundaPrefix ? { camundaPrefix } : {}),
  };
  for (const imported of list(definitions, 'import')) {
    findings.error(
      'unsupported-element',
      imported.id ?? text(imported, 'name'),
      `The DMN document imports '${text(imported, 'locationURI') ?? text(imported, 'namespace') ?? ''}', which this engine ` +
        'does not resolve; put the decisions it needs into this document.',
    );
  }
  const decisions: Record<string, ExecutableDecision> = {};
  const requirements = new Map<string, string[]>();
  for (const drgElement of list(definitions, 'drgElement')) {
    if (DESCRIPTIVE.has(drgElement.$type)) continue;
    if (drgElement.$type !== 'dmn:Decision') {
      findings.error(
        'unsupported-element',
        drgElement.id,
        `${capitalised(describeDrgElement(drgElement))} cannot run: this engine evaluates decisions with a decision table ` +
          'or a literal expression only; remove it or move its logic into such a decision.',
      );
      continue;
    }
    const decision = readDecision(drgElement, context);
    if (drgElement.id) requirements.set(drgElement.id, requiredDecisionsOf(drgElement, findings));
    if (decision) decisions[decision.id] = decision;
  }
  if (requirements.size === 0) {
    findings.error(
      'no-decision',
      definitions.id,
      'Expected at least one decision in the DMN document, but found none.',
    );
  }
  checkRequirements(requirements, findings);
  const all = [...parsed.findings, ...findings.findings];
  if (all.some((finding) => finding.severity === 'error')) return { findings: all };
  const name = text(definitions, 'name');
  return {
    model: { id: definitions.id ?? '', ...(name ? { name } : {}), decisions },
    findings: all,
  };
}

function readDecision(decision: DmnModdleElement, context: DmnReadContext): ExecutableDecision | undefined {
  const what = describeDrgElement(decision);
  const id = decision.id;
  if (!id) {
    context.findings.error(
      'missing-id',
      undefined,
      `The ${what} has no id; give it one so it can be called.`,
    );
    return undefined;
  }
  const logic = element(decision, 'decisionLogic');
  const variable = element(decision, 'variable');
  const resultName = (variable && text(variable, 'name')) ?? id;
  const versionTag = context.camundaPrefix && text(decision, `${context.camundaPrefix}:versionTag`);
  const base = {
    id,
    ...(decision.name ? { name: decision.name } : {}),
    resultName,
    requiredDecisions: [...new Set(requiredIds(decision))],
    ...(versionTag ? { versionTag } : {}),
  };
  if (logic?.$type === 'dmn:DecisionTable') {
    const table = readDecisionTable(id, what, logic, context);
    return table && { ...base, logic: table };
  }
  if (logic?.$type === 'dmn:LiteralExpression') {
    const expression = readDecisionExpression(
      text(logic, 'text'),
      text(logic, 'expressionLanguage'),
      'expression',
      { what: `literal expression of ${what}`, elementIds: [id] },
      context,
    );
    if (expression === null) missingLogic(what, id, context);
    const typeRef = text(logic, 'typeRef') ?? (variable && text(variable, 'typeRef'));
    return expression
      ? { ...base, logic: { kind: 'literalExpression', expression, ...(typeRef ? { typeRef } : {}) } }
      : undefined;
  }
  if (!logic) {
    missingLogic(what, id, context);
    return undefined;
  }
  context.findings.error(
    'unsupported-element',
    id,
    `The ${what} is decided by a ${logic.$type.replace(/^dmn:/, '')} expression, which this engine does not evaluate; ` +
      'use a decision table or a literal expression.',
  );
  return undefined;
}

function missingLogic(what: string, id: string, context: DmnReadContext): void {
  context.findings.error(
    'missing-decision-logic',
    id,
    `The ${what} has no logic; give it a decision table or a literal expression.`,
  );
}

/** The ids behind `informationRequirement/requiredDecision href="#id"`. */
function requiredIds(decision: DmnModdleElement): string[] {
  return list(decision, 'informationRequirement').flatMap((requirement) => {
    const reference = element(requirement, 'requiredDecision');
    const href = reference && text(reference, 'href');
    return href?.startsWith('#') ? [href.slice(1)] : [];
  });
}

/** The required decisions, refusing references into other documents (their href has a part before the `#`). */
function requiredDecisionsOf(decision: DmnModdleElement, findings: FindingCollector): string[] {
  for (const requirement of list(decision, 'informationRequirement')) {
    const reference = element(requirement, 'requiredDecision');
    const href = reference && text(reference, 'href');
    if (href && !href.startsWith('#')) {
      findings.error(
        'unsupported-element',
        decision.id,
        `Decision '${decision.id}' requires '${href}' from another document, which this engine does not import; ` +
          'put the required decision into this document.',
      );
    }
  }
  return [...new Set(requiredIds(decision))];
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
