import type { ModdleElement } from 'bpmn-moddle';
import type {
  ElementType,
  ExecutableElement,
  ExecutableModel,
  ExecutableProcess,
} from '../model/executable-model.js';
import { conditionOf } from '../model/expression.js';
import type { ParsedBpmn } from '../parse/parse-bpmn.js';
import { checkExpressions } from './check-expressions.js';
import { checkLoops } from './check-loops.js';
import { checkStructure } from './check-structure.js';
import { FindingCollector, type Finding } from './finding.js';
import { attr, bodyOf, child, children, describeElement } from './moddle-access.js';
import { readActivity } from './read-activity.js';
import { readLoopCharacteristics } from './read-loop.js';
import { readEventDefinition } from './read-event-definition.js';
import { readMultipleEvent } from './read-multiple-event.js';

const FLOW_NODE_TYPES: Record<string, ElementType> = {
  'bpmn:StartEvent': 'startEvent',
  'bpmn:EndEvent': 'endEvent',
  'bpmn:IntermediateCatchEvent': 'intermediateCatchEvent',
  'bpmn:IntermediateThrowEvent': 'intermediateThrowEvent',
  'bpmn:BoundaryEvent': 'boundaryEvent',
  'bpmn:Task': 'task',
  'bpmn:ManualTask': 'manualTask',
  'bpmn:ServiceTask': 'serviceTask',
  'bpmn:SendTask': 'sendTask',
  'bpmn:BusinessRuleTask': 'businessRuleTask',
  'bpmn:UserTask': 'userTask',
  'bpmn:ScriptTask': 'scriptTask',
  'bpmn:ReceiveTask': 'receiveTask',
  'bpmn:CallActivity': 'callActivity',
  'bpmn:ExclusiveGateway': 'exclusiveGateway',
  'bpmn:ParallelGateway': 'parallelGateway',
  'bpmn:InclusiveGateway': 'inclusiveGateway',
  'bpmn:EventBasedGateway': 'eventBasedGateway',
  'bpmn:ComplexGateway': 'complexGateway',
  'bpmn:SubProcess': 'subProcess',
  'bpmn:Transaction': 'transaction',
};

/** Flow elements this engine does not run yet, named for the process owner. */
const NOT_SUPPORTED_YET: Record<string, string> = {
  'bpmn:AdHocSubProcess': 'an ad-hoc sub-process',
};

/** Elements without execution semantics: read past them. */
const WITHOUT_SEMANTICS = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

export interface CompileResult {
  /** Present when there are no errors. */
  model?: ExecutableModel;
  findings: Finding[];
}

/** Turns a parsed document into the executable model, collecting every finding instead of stopping at the first. */
export function compileModel(parsed: ParsedBpmn): CompileResult {
  const findings = new FindingCollector();
  const processes: ExecutableProcess[] = [];
  for (const root of parsed.definitions.rootElements) {
    if (/^bpmn:Global[A-Za-z]*Task$/.test(root.$type)) {
      findings.error(
        'unsupported-element',
        root.id,
        `${describeElement(root)} is a global task, which this engine does not run; call a process with the call activity instead.`,
      );
    }
    if (root.$type !== 'bpmn:Process') continue;
    if (root.get('isExecutable') === false) continue;
    processes.push(compileProcess(root, parsed.dialect, findings));
  }
  if (processes.length === 0) {
    findings.error(
      'no-executable-process',
      undefined,
      'Expected at least one process marked executable (isExecutable="true"), but found none.',
    );
  }
  const model: ExecutableModel = { dialect: parsed.dialect, processes };
  for (const process of processes) {
    checkStructure(process, findings);
    checkExpressions(process, findings);
    checkLoops(process, findings);
  }
  return findings.hasErrors ? { findings: findings.findings } : { model, findings: findings.findings };
}

function compileProcess(
  process: ModdleElement,
  dialect: ParsedBpmn['dialect'],
  findings: FindingCollector,
): ExecutableProcess {
  const id = process.id as string;
  const executable: ExecutableProcess = {
    id,
    ...(process.name ? { name: process.name } : {}),
    isExecutable: true,
    elements: {},
    flows: {},
    startEvents: [],
    ...(attr(process, 'camunda:versionTag') ? { versionTag: attr(process, 'camunda:versionTag') } : {}),
    ...(attr(process, 'camunda:historyTimeToLive')
      ? { historyTimeToLive: attr(process, 'camunda:historyTimeToLive') }
      : {}),
  };
  executable.elements[id] = emptyElement(id, 'process', process.name);
  readContainer(process, executable, dialect, findings);
  executable.startEvents = (executable.elements[id].children ?? []).filter(
    (childId) => executable.elements[childId].type === 'startEvent',
  );
  // A flow's sourceRef/targetRef are the truth; a node's <incoming>/<outgoing> are optional copies.
  for (const flow of Object.values(executable.flows)) {
    executable.elements[flow.sourceId]?.outgoing.push(flow.id);
    executable.elements[flow.targetId]?.incoming.push(flow.id);
  }
  for (const element of Object.values(executable.elements)) {
    if (element.type === 'boundaryEvent' && element.attachedTo && executable.elements[element.attachedTo]) {
      executable.elements[element.attachedTo].boundaryEvents.push(element.id);
    }
    if (element.triggeredByEvent && element.scopeId) {
      const container = executable.elements[element.scopeId];
      container.eventSubProcesses = [...(container.eventSubProcesses ?? []), element.id];
      element.triggerStartEvent = element.children?.find(
        (childId) => executable.elements[childId].type === 'startEvent',
      );
    }
    if (element.children) {
      const noneStart = element.children.find(
        (childId) =>
          executable.elements[childId].type === 'startEvent' &&
          !executable.elements[childId].eventDefinition &&
          !executable.elements[childId].eventDefinitions,
      );
      if (noneStart) element.noneStartEvent = noneStart;
    }
  }
  return executable;
}

function readContainer(
  container: ModdleElement,
  process: ExecutableProcess,
  dialect: ParsedBpmn['dialect'],
  findings: FindingCollector,
): void {
  const containerId = container.id as string;
  const containerElement = process.elements[containerId];
  containerElement.children = [];
  for (const element of children(container, 'flowElements')) {
    if (element.$type === 'bpmn:SequenceFlow') {
      const condition = child(element, 'conditionExpression');
      const body = bodyOf(condition);
      const source = child(element, 'sourceRef');
      const target = child(element, 'targetRef');
      process.flows[element.id as string] = {
        id: element.id as string,
        sourceId: source?.id ?? '',
        targetId: target?.id ?? '',
        scopeId: containerId,
        ...(element.name ? { name: element.name } : {}),
        ...(body ? { condition: conditionOf(body, condition && attr(condition, 'language')) } : {}),
      };
      continue;
    }
    if (WITHOUT_SEMANTICS.has(element.$type)) continue;
    const notYet = NOT_SUPPORTED_YET[element.$type];
    const type = FLOW_NODE_TYPES[element.$type];
    if (notYet || !type) {
      findings.error(
        'unsupported-element',
        element.id,
        `${describeElement(element)} cannot run: this engine does not support ${notYet ?? `the element ${element.$type}`} yet; ` +
          'remove it or model the step with the supported elements (see the README).',
      );
      continue;
    }
    const executable = emptyElement(element.id as string, type, element.name);
    executable.scopeId = containerId;
    if (element.get('isForCompensation') === true) executable.isForCompensation = true;
    if (type === 'subProcess' && element.get('triggeredByEvent') === true) executable.triggeredByEvent = true;
    if (type === 'startEvent') executable.isInterrupting = element.get('isInterrupting') !== false;
    const defaultFlow = child(element, 'default');
    if (defaultFlow) executable.defaultFlow = defaultFlow.id;
    const startQuantity = element.get('startQuantity');
    const completionQuantity = element.get('completionQuantity');
    if (typeof startQuantity === 'number') executable.startQuantity = startQuantity;
    if (typeof completionQuantity === 'number') executable.completionQuantity = completionQuantity;
    if (attr(element, 'camunda:asyncBefore') === 'true' || attr(element, 'camunda:async') === 'true') {
      executable.asyncBefore = true;
    }
    if (attr(element, 'camunda:asyncAfter') === 'true') executable.asyncAfter = true;

    if (type === 'eventBasedGateway' && element.get('instantiate') === true) {
      findings.error(
        'unsupported-element',
        element.id,
        `${describeElement(element)} instantiates the process (instantiate="true"), which this engine does not run; ` +
          'start the process with message, timer or signal start events instead.',
      );
    }
    if (element.$type.endsWith('Event')) {
      const definition = readEventDefinition(element, findings);
      if (definition) executable.eventDefinition = definition;
      readMultipleEvent(element, executable, findings);
      if (type === 'boundaryEvent') {
        const attachedTo = child(element, 'attachedToRef');
        executable.attachedTo = attachedTo?.id ?? '';
        executable.cancelActivity = element.get('cancelActivity') !== false;
      }
    }
    if (type === 'complexGateway') {
      const activation = child(element, 'activationCondition');
      const body = bodyOf(activation);
      if (body)
        executable.activationCondition = conditionOf(body, activation && attr(activation, 'language'));
    }
    readActivity(element, executable, dialect, findings);
    readLoopCharacteristics(element, executable, dialect, findings);
    process.elements[executable.id] = executable;
    containerElement.children.push(executable.id);
    if (type === 'subProcess' || type === 'transaction') readContainer(element, process, dialect, findings);
  }
  readCompensationAssociations(container, process);
}

/** A compensation boundary event names its handler through an association (an artifact), not a flow. */
function readCompensationAssociations(container: ModdleElement, process: ExecutableProcess): void {
  for (const artifact of children(container, 'artifacts')) {
    if (artifact.$type !== 'bpmn:Association') continue;
    const source = process.elements[child(artifact, 'sourceRef')?.id ?? ''];
    const target = child(artifact, 'targetRef')?.id;
    if (source?.type === 'boundaryEvent' && source.eventDefinition?.kind === 'compensation' && target) {
      source.compensationHandler = target;
      if (source.attachedTo && process.elements[source.attachedTo]) {
        process.elements[source.attachedTo].compensationHandler = target;
      }
    }
  }
}

function emptyElement(id: string, type: ElementType, name: string | undefined): ExecutableElement {
  return {
    id,
    type,
    ...(name ? { name } : {}),
    incoming: [],
    outgoing: [],
    boundaryEvents: [],
    inputs: [],
    outputs: [],
    startQuantity: 1,
    completionQuantity: 1,
  };
}
