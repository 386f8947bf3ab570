import type { ModdleElement } from 'bpmn-moddle';
import type { JobDefinition, UserTaskDefinition, VariableMapping } from '../model/executable-model.js';
import { conditionOf, expressionOf, type Expression } from '../model/expression.js';
import type { FindingCollector } from './finding.js';
import { attr, bodyOf, child, children, describeElement, extension, extensions } from './moddle-access.js';

const JAVA_ADVICE =
  'This engine runs no Java: use an external task instead (camunda:type="external" with a camunda:topic) and a worker, or a connector.';

/** Camunda 7's `camunda:class`, `camunda:delegateExpression` and `camunda:expression` bind an element to Java code. */
export function reportJavaBindings(
  element: ModdleElement,
  carrier: ModdleElement,
  findings: FindingCollector,
): boolean {
  let bound = false;
  for (const attribute of ['camunda:class', 'camunda:delegateExpression', 'camunda:expression']) {
    const value = attr(carrier, attribute);
    if (value) {
      findings.error(
        'java-delegate',
        element.id,
        `${describeElement(element)} calls Java code (${attribute}="${value}"). ${JAVA_ADVICE}`,
      );
      bound = true;
    }
  }
  return bound;
}

/** Execution and task listeners: Java-bound ones are refused, script listeners are not run by this engine. */
export function reportListeners(element: ModdleElement, findings: FindingCollector): void {
  for (const type of ['camunda:ExecutionListener', 'camunda:TaskListener']) {
    for (const listener of extensions(element, type)) {
      const kind = type === 'camunda:ExecutionListener' ? 'execution listener' : 'task listener';
      const event = attr(listener, 'event') ?? '';
      const javaAttribute = ['class', 'delegateExpression', 'expression'].find((name) =>
        attr(listener, name),
      );
      if (javaAttribute) {
        findings.error(
          'java-delegate',
          element.id,
          `${describeElement(element)} has a ${event} ${kind} that calls Java code (camunda:${javaAttribute}="${attr(listener, javaAttribute)}"). ${JAVA_ADVICE}`,
        );
      } else {
        findings.error(
          'unsupported-element',
          element.id,
          `${describeElement(element)} has a ${event} ${kind} with a script, which this engine does not run; model the work as a script task (FEEL) or an external task.`,
        );
      }
    }
  }
}

/** The external task or connector behind a service-like element (service/send/business rule task, message throw). */
export function readCamunda7Job(
  element: ModdleElement,
  carrier: ModdleElement,
  findings: FindingCollector,
): JobDefinition | undefined {
  const headers: Record<string, string> = {};
  for (const properties of extensions(element, 'camunda:Properties')) {
    for (const property of children(properties, 'values')) {
      const name = attr(property, 'name');
      if (name) headers[name] = attr(property, 'value') ?? '';
    }
  }
  const retryTimeCycle = bodyOf(extension(element, 'camunda:FailedJobRetryTimeCycle'));
  const base = {
    retries: { language: 'literal', source: '3' } as Expression,
    headers,
    ...(retryTimeCycle ? { retryTimeCycle } : {}),
    ...(attr(carrier, 'camunda:taskPriority')
      ? { priority: expressionOf(attr(carrier, 'camunda:taskPriority') as string) }
      : {}),
  };
  if (attr(carrier, 'camunda:type') === 'external') {
    const topic = attr(carrier, 'camunda:topic');
    if (!topic) {
      findings.error(
        'missing-implementation',
        element.id,
        `${describeElement(element)} is an external task (camunda:type="external") without a camunda:topic; name the topic its worker fetches.`,
      );
      return undefined;
    }
    return { kind: 'external-task', type: expressionOf(topic), ...base };
  }
  const connector = extension(carrier, 'camunda:Connector') ?? extension(element, 'camunda:Connector');
  if (connector) {
    const connectorId = attr(connector, 'connectorId');
    if (!connectorId) {
      findings.error(
        'missing-implementation',
        element.id,
        `${describeElement(element)} has a camunda:connector without a connectorId.`,
      );
      return undefined;
    }
    return { kind: 'connector', type: { language: 'literal', source: connectorId }, ...base };
  }
  return undefined;
}

/** `camunda:inputOutput` (on the element or inside its connector) as mappings. */
export function readCamunda7Mappings(
  element: ModdleElement,
  findings: FindingCollector,
): { inputs: VariableMapping[]; outputs: VariableMapping[] } {
  const inputs: VariableMapping[] = [];
  const outputs: VariableMapping[] = [];
  const sources = [extension(element, 'camunda:InputOutput')];
  const connector = extension(element, 'camunda:Connector');
  if (connector) sources.push(child(connector, 'inputOutput'));
  for (const inputOutput of sources) {
    if (!inputOutput) continue;
    for (const parameter of children(inputOutput, 'inputParameters')) {
      const mapping = readParameter(element, parameter, findings);
      if (mapping) inputs.push(mapping);
    }
    for (const parameter of children(inputOutput, 'outputParameters')) {
      const mapping = readParameter(element, parameter, findings);
      if (mapping) outputs.push(mapping);
    }
  }
  return { inputs, outputs };
}

function readParameter(
  element: ModdleElement,
  parameter: ModdleElement,
  findings: FindingCollector,
): VariableMapping | undefined {
  const target = attr(parameter, 'name');
  if (!target) {
    findings.error(
      'invalid-mapping',
      element.id,
      `${describeElement(element)} has an input/output parameter without a name.`,
    );
    return undefined;
  }
  const definition = child(parameter, 'definition');
  if (definition) {
    if (definition.$type === 'camunda:Script' && attr(definition, 'scriptFormat')?.toLowerCase() === 'feel') {
      return { target, source: conditionOf(attr(definition, 'value') ?? 'null') };
    }
    const what =
      definition.$type === 'camunda:Script'
        ? `a ${attr(definition, 'scriptFormat') ?? ''} script`
        : definition.$type === 'camunda:List'
          ? 'a list'
          : 'a map';
    findings.error(
      'unsupported-element',
      element.id,
      `${describeElement(element)} maps parameter '${target}' with ${what}, which this engine does not evaluate; write the value as an expression (\${…} or FEEL =…).`,
    );
    return undefined;
  }
  const value = attr(parameter, 'value');
  return { target, source: value === undefined ? { language: 'feel', source: 'null' } : expressionOf(value) };
}

export function readCamunda7UserTask(task: ModdleElement): UserTaskDefinition {
  const read = (name: string) => {
    const value = attr(task, `camunda:${name}`);
    return value ? { [name]: expressionOf(value) } : {};
  };
  const formKey = attr(task, 'camunda:formKey') ?? attr(task, 'camunda:formRef');
  return {
    ...read('assignee'),
    ...read('candidateUsers'),
    ...read('candidateGroups'),
    ...read('dueDate'),
    ...read('followUpDate'),
    ...read('priority'),
    ...(formKey ? { formKey } : {}),
  };
}
