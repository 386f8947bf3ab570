import type { ModdleElement } from 'bpmn-moddle';
import type { JobDefinition, UserTaskDefinition, VariableMapping } from '../model/executable-model.js';
import { expressionOf } from '../model/expression.js';
import type { FindingCollector } from './finding.js';
import { attr, children, describeElement, extension } from './moddle-access.js';

/** `zeebe:taskDefinition` with its headers: a job for a Camunda 8 worker. */
export function readCamunda8Job(
  element: ModdleElement,
  findings: FindingCollector,
): JobDefinition | undefined {
  const definition = extension(element, 'zeebe:TaskDefinition');
  if (!definition) return undefined;
  const type = attr(definition, 'type');
  if (!type) {
    findings.error(
      'missing-implementation',
      element.id,
      `${describeElement(element)} has a zeebe:taskDefinition without a type; name the job type its worker subscribes to.`,
    );
    return undefined;
  }
  const headers: Record<string, string> = {};
  const taskHeaders = extension(element, 'zeebe:TaskHeaders');
  if (taskHeaders) {
    for (const header of children(taskHeaders, 'values')) {
      const key = attr(header, 'key');
      if (key) headers[key] = attr(header, 'value') ?? '';
    }
  }
  const priority = extension(element, 'zeebe:JobPriorityDefinition');
  return {
    kind: 'job',
    type: expressionOf(type),
    retries: expressionOf(attr(definition, 'retries') ?? '3'),
    headers,
    ...(priority && attr(priority, 'priority')
      ? { priority: expressionOf(attr(priority, 'priority') as string) }
      : {}),
  };
}

export function readCamunda8Mappings(
  element: ModdleElement,
  findings: FindingCollector,
): { inputs: VariableMapping[]; outputs: VariableMapping[] } {
  const ioMapping = extension(element, 'zeebe:IoMapping');
  if (!ioMapping) return { inputs: [], outputs: [] };
  const read = (property: string) =>
    children(ioMapping, property).flatMap((parameter) => {
      const target = attr(parameter, 'target');
      if (!target) {
        findings.error(
          'invalid-mapping',
          element.id,
          `${describeElement(element)} has a zeebe:ioMapping entry without a target.`,
        );
        return [];
      }
      const source = attr(parameter, 'source');
      return [{ target, source: source === undefined ? expressionOf('=null') : expressionOf(source) }];
    });
  return { inputs: read('inputParameters'), outputs: read('outputParameters') };
}

export function readCamunda8UserTask(task: ModdleElement): UserTaskDefinition {
  const assignment = extension(task, 'zeebe:AssignmentDefinition');
  const schedule = extension(task, 'zeebe:TaskSchedule');
  const form = extension(task, 'zeebe:FormDefinition');
  const priority = extension(task, 'zeebe:PriorityDefinition');
  const read = (carrier: ModdleElement | undefined, name: string) => {
    const value = carrier && attr(carrier, name);
    return value ? { [name]: expressionOf(value) } : {};
  };
  const formKey = form && (attr(form, 'formKey') ?? attr(form, 'formId'));
  return {
    ...read(assignment, 'assignee'),
    ...read(assignment, 'candidateUsers'),
    ...read(assignment, 'candidateGroups'),
    ...read(schedule, 'dueDate'),
    ...read(schedule, 'followUpDate'),
    ...read(priority, 'priority'),
    ...(formKey ? { formKey } : {}),
  };
}

/** Camunda 8 execution and task listeners are jobs this engine does not create yet. */
export function reportCamunda8Listeners(element: ModdleElement, findings: FindingCollector): void {
  for (const type of ['zeebe:ExecutionListeners', 'zeebe:TaskListeners']) {
    if (extension(element, type)) {
      findings.error(
        'unsupported-element',
        element.id,
        `${describeElement(element)} has ${type === 'zeebe:ExecutionListeners' ? 'execution' : 'task'} listeners, which this engine does not run yet; model the work as a service task.`,
      );
    }
  }
}
