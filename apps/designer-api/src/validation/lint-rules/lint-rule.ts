import { CAMUNDA8_NAMESPACE } from '#bpmn';
import type { ModdleElement } from 'bpmn-moddle';

/** What a rule reports with: the element's id and a message (bpmnlint's `Reporter`). */
export interface LintReporter {
  report(id: string, message: string): void;
}

/** An element of the moddle tree bpmnlint walks. */
export type LintElement = ModdleElement & { $instanceOf(type: string): boolean };

/** A bpmnlint rule: `check` is called for every element of the moddle tree, parents first. */
export interface LintRule {
  check(node: LintElement, reporter: LintReporter): void;
}

/** bpmnlint loads a rule by calling its factory (with the rule's configuration, which ours do not take). */
export type LintRuleFactory = () => LintRule;

/** Whether the element sits in a document drawn for Camunda 8 (it declares the zeebe namespace). */
export function isCamunda8Document(node: ModdleElement): boolean {
  let root: ModdleElement = node;
  while (root.$parent) root = root.$parent;
  return Object.values(root.$attrs ?? {}).includes(CAMUNDA8_NAMESPACE);
}

/** The flow elements next to `node` in its process or sub-process. */
export function siblingsOf(node: ModdleElement): LintElement[] {
  const flowElements = node.$parent?.get('flowElements');
  return Array.isArray(flowElements) ? (flowElements as LintElement[]) : [];
}

/** The event definitions of an event (empty for anything else). */
export function eventDefinitionsOf(node: LintElement): LintElement[] {
  const definitions = node.$instanceOf('bpmn:Event') ? node.get('eventDefinitions') : undefined;
  return Array.isArray(definitions) ? (definitions as LintElement[]) : [];
}

/** Whether an event has a definition of the given type, e.g. `bpmn:TimerEventDefinition`. */
export function hasEventDefinition(node: LintElement, type: string): boolean {
  return eventDefinitionsOf(node).some((definition) => definition.$instanceOf(type));
}
