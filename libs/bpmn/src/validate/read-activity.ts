import type { ModdleElement } from 'bpmn-moddle';
import type { ExecutableElement } from '../model/executable-model.js';
import { conditionOf } from '../model/expression.js';
import type { ParsedBpmn } from '../parse/parse-bpmn.js';
import type { FindingCollector } from './finding.js';
import { attr, children, describeElement, extension } from './moddle-access.js';
import {
  readCamunda7Job,
  readCamunda7Mappings,
  readCamunda7UserTask,
  reportJavaBindings,
  reportListeners,
} from './read-camunda7-extensions.js';
import {
  readCamunda8Job,
  readCamunda8Mappings,
  readCamunda8UserTask,
  reportCamunda8Listeners,
} from './read-camunda8-extensions.js';
import { readCallActivity } from './read-call-activity.js';
import { hasDecisionReference, readDecisionReference } from './read-decision-reference.js';
import { readMessage } from './read-event-definition.js';
import { readResourceRoles } from './read-resource-roles.js';

/** Reads what an element needs beyond its flows: mappings, the job or task behind it, its script, its message. */
export function readActivity(
  element: ModdleElement,
  executable: ExecutableElement,
  dialect: ParsedBpmn['dialect'],
  findings: FindingCollector,
): void {
  const camunda7 = dialect === 'camunda7';
  const mappings = camunda7
    ? readCamunda7Mappings(element, findings)
    : readCamunda8Mappings(element, findings);
  executable.inputs = mappings.inputs;
  executable.outputs = mappings.outputs;
  if (camunda7) reportListeners(element, findings);
  else reportCamunda8Listeners(element, findings);

  const messageDefinition = children(element, 'eventDefinitions').find(
    (definition) => definition.$type === 'bpmn:MessageEventDefinition',
  );
  const throwsMessage =
    messageDefinition && (executable.type === 'endEvent' || executable.type === 'intermediateThrowEvent');
  const readJob = (carrier: ModdleElement) => {
    if (camunda7) {
      if (reportJavaBindings(element, carrier, findings)) return undefined;
      return readCamunda7Job(element, carrier, findings);
    }
    return readCamunda8Job(element, findings);
  };

  switch (executable.type) {
    case 'serviceTask':
    case 'businessRuleTask': {
      // A business rule task evaluates its DMN decision in the engine; without one it is a job like a service task.
      if (executable.type === 'businessRuleTask' && hasDecisionReference(element)) {
        const decision = readDecisionReference(element, camunda7, findings);
        if (decision) executable.decision = decision;
        return;
      }
      const job = readJob(element);
      if (job) executable.job = job;
      else if (!findings.findings.some((finding) => finding.elementId === element.id)) {
        findings.error(
          'missing-implementation',
          element.id,
          `${describeElement(element)} has no implementation: give it an external task topic (camunda:type="external" camunda:topic="…") ` +
            'or a job type (zeebe:taskDefinition type="…") so a worker or connector can do the work' +
            (executable.type === 'businessRuleTask'
              ? ', or a DMN decision (camunda:decisionRef="…" or zeebe:calledDecision decisionId="…").'
              : '.'),
        );
      }
      return;
    }
    case 'sendTask': {
      const job = readJob(element);
      if (job) executable.job = job;
      const message = element.get('messageRef') as ModdleElement | undefined;
      if (message) {
        const definition = readMessage(element, message, findings);
        if (definition?.kind === 'message') executable.message = definition;
      } else if (!job && !findings.findings.some((finding) => finding.elementId === element.id)) {
        findings.error(
          'missing-implementation',
          element.id,
          `${describeElement(element)} has neither a message (messageRef) to publish nor a worker (external task topic or job type).`,
        );
      }
      return;
    }
    case 'receiveTask': {
      const definition = readMessage(
        element,
        element.get('messageRef') as ModdleElement | undefined,
        findings,
      );
      if (definition?.kind === 'message') executable.message = definition;
      return;
    }
    case 'userTask':
      executable.userTask = {
        ...readResourceRoles(element),
        ...(camunda7 ? readCamunda7UserTask(element) : readCamunda8UserTask(element)),
      };
      return;
    case 'callActivity': {
      const call = readCallActivity(element, executable, dialect, findings);
      if (call) executable.callActivity = call;
      return;
    }
    case 'scriptTask':
      readScript(element, executable, camunda7, findings);
      return;
    case 'endEvent':
    case 'intermediateThrowEvent':
      if (throwsMessage) {
        const job = readJob(messageDefinition);
        if (job) executable.job = job;
      }
      return;
    default:
      return;
  }
}

function readScript(
  element: ModdleElement,
  executable: ExecutableElement,
  camunda7: boolean,
  findings: FindingCollector,
): void {
  const zeebeScript = extension(element, 'zeebe:Script');
  if (zeebeScript) {
    const expression = attr(zeebeScript, 'expression');
    if (!expression) {
      findings.error(
        'missing-implementation',
        element.id,
        `${describeElement(element)} has a zeebe:script without an expression.`,
      );
      return;
    }
    const resultVariable = attr(zeebeScript, 'resultVariable');
    executable.script = {
      expression: conditionOf(expression),
      ...(resultVariable ? { resultVariable } : {}),
    };
    return;
  }
  if (!camunda7) {
    const job = readCamunda8Job(element, findings);
    if (job) {
      executable.job = job;
      return;
    }
  }
  const format = attr(element, 'scriptFormat')?.toLowerCase();
  const body = attr(element, 'script');
  if (format !== 'feel') {
    findings.error(
      'unsupported-script',
      element.id,
      `${describeElement(element)} is written in '${format ?? 'no format'}'; this engine runs scripts in FEEL only (scriptFormat="feel"), ` +
        'never JavaScript or Groovy — rewrite it in FEEL or move the work to an external task.',
    );
    return;
  }
  if (!body || attr(element, 'camunda:resource')) {
    findings.error(
      'missing-implementation',
      element.id,
      `${describeElement(element)} has no inline FEEL script.`,
    );
    return;
  }
  const resultVariable = attr(element, 'camunda:resultVariable');
  executable.script = { expression: conditionOf(body), ...(resultVariable ? { resultVariable } : {}) };
}
