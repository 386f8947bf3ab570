import type { ModdleElement } from 'bpmn-moddle';
import type {
  ExecutableElement,
  LoopBehaviorEvent,
  MultiInstanceDefinition,
  StandardLoopDefinition,
} from '../model/executable-model.js';
import { conditionOf, expressionOf, type Expression } from '../model/expression.js';
import type { ParsedBpmn } from '../parse/parse-bpmn.js';
import type { FindingCollector } from './finding.js';
import { attr, bodyOf, child, children, describeElement, extension } from './moddle-access.js';

/**
 * Reads an activity's `multiInstanceLoopCharacteristics` (Camunda 7's `camunda:collection`/`elementVariable`,
 * Camunda 8's `zeebe:loopCharacteristics`, or a `loopCardinality`) or `standardLoopCharacteristics` into
 * `executable.loop`. Whatever part of them this engine would not run is refused by name.
 */
export function readLoopCharacteristics(
  element: ModdleElement,
  executable: ExecutableElement,
  dialect: ParsedBpmn['dialect'],
  findings: FindingCollector,
): void {
  const characteristics = child(element, 'loopCharacteristics');
  if (!characteristics) return;
  const where = describeElement(element);
  if (executable.type === 'transaction' || executable.triggeredByEvent) {
    findings.error(
      'unsupported-element',
      element.id,
      `${where} is ${executable.type === 'transaction' ? 'a transaction' : 'an event sub-process'} with loop or multi-instance characteristics, which this engine does not run; ` +
        'remove the marker, or repeat a plain sub-process instead.',
    );
    return;
  }
  const firstLoopCounter = dialect === 'camunda7' ? 0 : 1;
  const loop =
    characteristics.$type === 'bpmn:StandardLoopCharacteristics'
      ? readStandardLoop(element, characteristics, firstLoopCounter, findings)
      : readMultiInstance(element, characteristics, dialect, firstLoopCounter, findings);
  if (loop) executable.loop = loop;
}

function readMultiInstance(
  element: ModdleElement,
  characteristics: ModdleElement,
  dialect: ParsedBpmn['dialect'],
  firstLoopCounter: 0 | 1,
  findings: FindingCollector,
): MultiInstanceDefinition | undefined {
  const where = describeElement(element);
  const errorsBefore = findings.findings.length;
  const invalid = (message: string) => findings.error('invalid-loop', element.id, `${where} ${message}`);

  for (const property of ['loopDataInputRef', 'inputDataItem', 'loopDataOutputRef', 'outputDataItem']) {
    if (characteristics.get(property)) {
      findings.error(
        'unsupported-element',
        element.id,
        `${where} names its multi-instance data with ${property} (BPMN data inputs and outputs), which this engine does not read; ` +
          (dialect === 'camunda8'
            ? 'use zeebe:loopCharacteristics inputCollection/inputElement/outputCollection/outputElement instead.'
            : 'use camunda:collection and camunda:elementVariable instead.'),
      );
    }
  }
  const behavior = String(characteristics.get('behavior') ?? 'All');
  const complexDefinitions = children(characteristics, 'complexBehaviorDefinition');
  if (behavior !== 'Complex' && complexDefinitions.length > 0) {
    invalid(
      `has complexBehaviorDefinition but behavior="${behavior}"; set behavior="Complex" or remove the definitions.`,
    );
  }
  const complexEvents =
    behavior === 'Complex' ? readComplexBehavior(element, complexDefinitions, findings) : undefined;

  const source =
    dialect === 'camunda8' ? readCamunda8Source(characteristics) : readCamunda7Source(characteristics);
  const cardinalityElement = child(characteristics, 'loopCardinality');
  const cardinalityBody = bodyOf(cardinalityElement);
  const cardinality = cardinalityBody
    ? conditionOf(cardinalityBody, cardinalityElement && attr(cardinalityElement, 'language'))
    : undefined;
  if (source.collection && cardinality) {
    invalid(
      'has both a collection and a loopCardinality; give one: the collection runs one instance per item, the cardinality a number of instances.',
    );
  } else if (!source.collection && !cardinality) {
    invalid(
      dialect === 'camunda8'
        ? 'is multi-instance, so it needs an input collection (zeebe:loopCharacteristics inputCollection="=items") or a loopCardinality.'
        : 'is multi-instance, so it needs a collection (camunda:collection="${items}") or a loopCardinality.',
    );
  }
  if (source.elementVariable && !source.collection) {
    invalid(
      `names the element variable '${source.elementVariable}' but no collection to take the elements from.`,
    );
  }
  if (Boolean(source.outputCollection) !== Boolean(source.outputElement)) {
    invalid(
      'must give both outputCollection and outputElement of zeebe:loopCharacteristics, or neither: the one names where the results go, the other what each instance contributes.',
    );
  }

  const conditionElement = child(characteristics, 'completionCondition');
  const conditionBody = bodyOf(conditionElement);
  const event =
    behavior === 'None' || behavior === 'One'
      ? readBehaviorEvent(element, characteristics, behavior, findings)
      : undefined;
  if (findings.findings.length > errorsBefore) return undefined;
  return {
    kind: 'multi-instance',
    isSequential: characteristics.get('isSequential') === true,
    ...(source.collection ? { collection: source.collection } : {}),
    ...(cardinality ? { cardinality } : {}),
    ...(source.elementVariable ? { elementVariable: source.elementVariable } : {}),
    ...(source.outputCollection ? { outputCollection: source.outputCollection } : {}),
    ...(source.outputElement ? { outputElement: source.outputElement } : {}),
    ...(conditionBody
      ? {
          completionCondition: conditionOf(
            conditionBody,
            conditionElement && attr(conditionElement, 'language'),
          ),
        }
      : {}),
    firstLoopCounter,
    behavior: behavior as MultiInstanceDefinition['behavior'],
    ...(complexEvents ? { complexEvents } : {}),
    ...(event ? { event } : {}),
  };
}

interface LoopSource {
  collection?: Expression;
  elementVariable?: string;
  outputCollection?: string;
  outputElement?: Expression;
}

/** `camunda:collection` is a variable name or an expression; `camunda:elementVariable` names each item. */
function readCamunda7Source(characteristics: ModdleElement): LoopSource {
  const collection = attr(characteristics, 'camunda:collection');
  const elementVariable = attr(characteristics, 'camunda:elementVariable');
  return {
    // A bare name is the name of a variable holding the collection (read through JUEL, so a missing one fails).
    ...(collection
      ? {
          collection: /[$#]\{/.test(collection)
            ? expressionOf(collection)
            : { language: 'juel', source: `\${${collection.trim()}}` },
        }
      : {}),
    ...(elementVariable ? { elementVariable } : {}),
  };
}

/** `zeebe:loopCharacteristics`: FEEL input collection and output element, variable names for the rest. */
function readCamunda8Source(characteristics: ModdleElement): LoopSource {
  const zeebe = extension(characteristics, 'zeebe:LoopCharacteristics');
  if (!zeebe) return {};
  const inputCollection = attr(zeebe, 'inputCollection');
  const inputElement = attr(zeebe, 'inputElement');
  const outputCollection = attr(zeebe, 'outputCollection');
  const outputElement = attr(zeebe, 'outputElement');
  return {
    ...(inputCollection ? { collection: conditionOf(inputCollection) } : {}),
    ...(inputElement ? { elementVariable: inputElement } : {}),
    ...(outputCollection ? { outputCollection } : {}),
    ...(outputElement ? { outputElement: conditionOf(outputElement) } : {}),
  };
}

/** `behavior="None"`/`"One"` throw the event definition their reference names: an escalation or a signal. */
function readBehaviorEvent(
  element: ModdleElement,
  characteristics: ModdleElement,
  behavior: 'None' | 'One',
  findings: FindingCollector,
): LoopBehaviorEvent | undefined {
  const property = behavior === 'None' ? 'noneBehaviorEventRef' : 'oneBehaviorEventRef';
  const definition = child(characteristics, property);
  const refuse = (found: string) =>
    findings.error(
      'invalid-loop',
      element.id,
      `${describeElement(element)} has behavior="${behavior}", so its ${property} must name an escalation event definition with an escalation code ` +
        `or a signal event definition with a named signal (the event thrown ${behavior === 'None' ? 'each time an instance completes' : 'when the first instance completes'}), but ${found}. ` +
        'Without one, BPMN throws an unnamed default signal, which this engine does not do; or use behavior="All" (the default).',
    );
  if (!definition) {
    refuse('it names none');
    return undefined;
  }
  const event = eventOfDefinition(definition);
  if (event) return event;
  refuse(
    definition.$type === 'bpmn:EscalationEventDefinition'
      ? `escalation event definition '${definition.id}' has no escalation with a code`
      : definition.$type === 'bpmn:SignalEventDefinition'
        ? `signal event definition '${definition.id}' has no signal with a name`
        : `it names a ${definition.$type.replace(/^bpmn:/, '')} '${definition.id}'`,
  );
  return undefined;
}

function readStandardLoop(
  element: ModdleElement,
  characteristics: ModdleElement,
  firstLoopCounter: 0 | 1,
  findings: FindingCollector,
): StandardLoopDefinition | undefined {
  const conditionElement = child(characteristics, 'loopCondition');
  const conditionBody = bodyOf(conditionElement);
  const maximum = characteristics.get('loopMaximum');
  const loopMaximum = typeof maximum === 'number' ? maximum : undefined;
  if (loopMaximum !== undefined && (!Number.isInteger(loopMaximum) || loopMaximum < 1)) {
    findings.error(
      'invalid-loop',
      element.id,
      `${describeElement(element)} has loopMaximum="${String(maximum)}"; it must be a whole number of at least 1 (the most iterations the loop may run).`,
    );
    return undefined;
  }
  if (!conditionBody && loopMaximum === undefined) {
    findings.error(
      'invalid-loop',
      element.id,
      `${describeElement(element)} is a standard loop without a loopCondition or a loopMaximum, so it would never stop; ` +
        'give it a loopCondition (the loop goes on while it is true) or a loopMaximum.',
    );
    return undefined;
  }
  return {
    kind: 'standard-loop',
    ...(conditionBody
      ? { loopCondition: conditionOf(conditionBody, conditionElement && attr(conditionElement, 'language')) }
      : {}),
    testBefore: characteristics.get('testBefore') === true,
    ...(loopMaximum !== undefined ? { loopMaximum } : {}),
    firstLoopCounter,
  };
}

/**
 * `behavior="Complex"`: each complexBehaviorDefinition pairs a condition (checked after every completed instance,
 * with the body's counters) with the event to throw — an escalation or a signal, as for None/One.
 */
function readComplexBehavior(
  element: ModdleElement,
  definitions: ModdleElement[],
  findings: FindingCollector,
): Array<{ condition: Expression; event: LoopBehaviorEvent }> | undefined {
  const where = describeElement(element);
  if (definitions.length === 0) {
    findings.error(
      'invalid-loop',
      element.id,
      `${where} has behavior="Complex", so it needs at least one complexBehaviorDefinition (a condition and the event to throw).`,
    );
    return undefined;
  }
  const result: Array<{ condition: Expression; event: LoopBehaviorEvent }> = [];
  for (const definition of definitions) {
    const conditionElement = child(definition, 'condition');
    const body = bodyOf(conditionElement);
    const thrown = children(child(definition, 'event') ?? definition, 'eventDefinitions')[0];
    const event = thrown ? eventOfDefinition(thrown) : undefined;
    if (!body || !event) {
      findings.error(
        'invalid-loop',
        element.id,
        `${where} has a complexBehaviorDefinition${definition.id ? ` '${definition.id}'` : ''} without ${!body ? 'a condition' : 'an event throwing a coded escalation or a named signal'}; each needs both.`,
      );
      continue;
    }
    result.push({
      condition: conditionOf(body, conditionElement && attr(conditionElement, 'language')),
      event,
    });
  }
  return result.length === definitions.length ? result : undefined;
}

/** An escalation definition with a code, or a signal definition with a name, as the event a body throws. */
function eventOfDefinition(definition: ModdleElement): LoopBehaviorEvent | undefined {
  if (definition.$type === 'bpmn:EscalationEventDefinition') {
    const code = attr(child(definition, 'escalationRef') ?? definition, 'escalationCode');
    return code ? { kind: 'escalation', escalationCode: code } : undefined;
  }
  if (definition.$type === 'bpmn:SignalEventDefinition') {
    const name = attr(child(definition, 'signalRef') ?? definition, 'name');
    return name ? { kind: 'signal', signalName: expressionOf(name) } : undefined;
  }
  return undefined;
}
