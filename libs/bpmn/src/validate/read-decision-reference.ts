import type { ModdleElement } from 'bpmn-moddle';
import { DECISION_RESULT_MAPPINGS, type DecisionResultMapping } from '../dmn/decision-result.js';
import type { DecisionDefinition } from '../model/executable-model.js';
import { expressionOf } from '../model/expression.js';
import type { FindingCollector } from './finding.js';
import { attr, describeElement, extension } from './moddle-access.js';

const CAMUNDA7_BINDINGS = ['latest', 'deployment', 'version', 'versionTag'] as const;
const CAMUNDA8_BINDINGS = ['latest', 'deployment', 'versionTag'] as const;
/** What Camunda 7's camunda:mapDecisionResult accepts (the Camunda 8 rule is not one of its values). */
const CAMUNDA7_MAPPINGS = DECISION_RESULT_MAPPINGS.filter((mapping) => mapping !== 'camunda8');

/** Whether a business rule task names a DMN decision (`camunda:decisionRef`, `zeebe:calledDecision`) rather than a job. */
export function hasDecisionReference(element: ModdleElement): boolean {
  return (
    attr(element, 'camunda:decisionRef') !== undefined ||
    extension(element, 'zeebe:CalledDecision') !== undefined
  );
}

/** Reads the decision a business rule task evaluates; undefined (with findings) when it cannot run. */
export function readDecisionReference(
  element: ModdleElement,
  camunda7: boolean,
  findings: FindingCollector,
): DecisionDefinition | undefined {
  return camunda7 ? readCamunda7Decision(element, findings) : readCamunda8Decision(element, findings);
}

function readCamunda7Decision(
  element: ModdleElement,
  findings: FindingCollector,
): DecisionDefinition | undefined {
  const where = describeElement(element);
  const before = findings.findings.length;
  const error = (rule: string, message: string) => findings.error(rule, element.id, `${where} ${message}`);
  const worker = ['camunda:type', 'camunda:class', 'camunda:delegateExpression', 'camunda:expression'].find(
    (name) => attr(element, name),
  );
  if (worker) {
    error(
      'conflicting-implementation',
      `evaluates a DMN decision (camunda:decisionRef) and also names ${worker}="${attr(element, worker)}"; keep one of them.`,
    );
  }
  if (attr(element, 'camunda:decisionRefTenantId')) {
    error(
      'unsupported-element',
      `names a decision tenant (camunda:decisionRefTenantId), which this engine does not support; remove it.`,
    );
  }
  const binding = attr(element, 'camunda:decisionRefBinding') ?? 'latest';
  if (!(CAMUNDA7_BINDINGS as readonly string[]).includes(binding)) {
    error(
      'invalid-decision-reference',
      `has camunda:decisionRefBinding="${binding}"; expected one of ${CAMUNDA7_BINDINGS.join(', ')}.`,
    );
  }
  const version = attr(element, 'camunda:decisionRefVersion');
  const versionTag = attr(element, 'camunda:decisionRefVersionTag');
  if (binding === 'version' && !version) {
    error(
      'invalid-decision-reference',
      'binds its decision by version but names none; set camunda:decisionRefVersion.',
    );
  }
  if (
    binding === 'version' &&
    version &&
    expressionOf(version).language === 'literal' &&
    !/^[1-9]\d*$/.test(version)
  ) {
    error(
      'invalid-decision-reference',
      `has camunda:decisionRefVersion="${version}"; expected a version number (1, 2 …) or an expression.`,
    );
  }
  if (binding === 'versionTag' && !versionTag) {
    error(
      'invalid-decision-reference',
      'binds its decision by version tag but names none; set camunda:decisionRefVersionTag.',
    );
  }
  if (binding !== 'version' && version) {
    findings.warning(
      'ignored-attribute',
      element.id,
      `${where} has camunda:decisionRefVersion="${version}", which only counts with camunda:decisionRefBinding="version"; it is ignored.`,
    );
  }
  // Camunda 7 maps to resultList when the attribute is absent (camunda-bpmn-moddle reports that default too).
  const mapping = attr(element, 'camunda:mapDecisionResult') ?? 'resultList';
  if (!(CAMUNDA7_MAPPINGS as readonly string[]).includes(mapping)) {
    error(
      'invalid-decision-reference',
      `has camunda:mapDecisionResult="${mapping}"; expected one of ${CAMUNDA7_MAPPINGS.join(', ')}.`,
    );
  }
  if (findings.findings.slice(before).some((finding) => finding.severity === 'error')) return undefined;
  const resultVariable = attr(element, 'camunda:resultVariable');
  return {
    decisionId: expressionOf(attr(element, 'camunda:decisionRef') as string),
    binding: binding as DecisionDefinition['binding'],
    ...(binding === 'version' && version ? { version: expressionOf(version) } : {}),
    ...(binding === 'versionTag' && versionTag ? { versionTag: expressionOf(versionTag) } : {}),
    ...(resultVariable ? { resultVariable } : {}),
    resultMapping: mapping as DecisionResultMapping,
  };
}

function readCamunda8Decision(
  element: ModdleElement,
  findings: FindingCollector,
): DecisionDefinition | undefined {
  const where = describeElement(element);
  const before = findings.findings.length;
  const error = (rule: string, message: string) => findings.error(rule, element.id, `${where} ${message}`);
  const called = extension(element, 'zeebe:CalledDecision') as ModdleElement;
  if (extension(element, 'zeebe:TaskDefinition')) {
    error(
      'conflicting-implementation',
      'has both a zeebe:calledDecision and a zeebe:taskDefinition; keep the decision or the job, not both.',
    );
  }
  const decisionId = attr(called, 'decisionId');
  if (!decisionId) {
    error(
      'missing-implementation',
      'has a zeebe:calledDecision without a decisionId; name the decision to evaluate.',
    );
  }
  const resultVariable = attr(called, 'resultVariable');
  if (!resultVariable) {
    error(
      'missing-implementation',
      "has a zeebe:calledDecision without a resultVariable; name the variable that receives the decision's result.",
    );
  }
  const binding = attr(called, 'bindingType') ?? 'latest';
  if (!(CAMUNDA8_BINDINGS as readonly string[]).includes(binding)) {
    error(
      'invalid-decision-reference',
      `has a zeebe:calledDecision with bindingType="${binding}"; expected one of ${CAMUNDA8_BINDINGS.join(', ')}.`,
    );
  }
  const versionTag = attr(called, 'versionTag');
  if (binding === 'versionTag' && !versionTag) {
    error('invalid-decision-reference', 'binds its decision by version tag but names none; set versionTag.');
  }
  if (findings.findings.slice(before).some((finding) => finding.severity === 'error')) return undefined;
  return {
    decisionId: expressionOf(decisionId as string),
    binding: binding as DecisionDefinition['binding'],
    ...(binding === 'versionTag' && versionTag ? { versionTag: expressionOf(versionTag) } : {}),
    resultVariable: resultVariable as string,
    resultMapping: 'camunda8',
  };
}
