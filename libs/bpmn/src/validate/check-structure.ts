import type { ExecutableElement, ExecutableProcess } from '../model/executable-model.js';
import { GATEWAY_TYPES } from '../model/executable-model.js';
import { isMultipleEvent } from '../model/event-definitions.js';
import { checkCompensationAndTransactions, checkEventSubProcesses } from './check-event-sub-processes.js';
import { nameOf as name } from './element-name.js';
import type { FindingCollector } from './finding.js';

// 'multiple': several triggers, each checked when read (read-multiple-event.ts).
const START_TRIGGERS = new Set(['message', 'timer', 'signal', 'multiple']);
const CATCH_TRIGGERS = new Set(['message', 'timer', 'signal', 'link', 'conditional', 'multiple']);
const THROW_RESULTS = new Set(['message', 'signal', 'escalation', 'link', 'compensation']);
const END_RESULTS = new Set([
  'terminate',
  'error',
  'escalation',
  'message',
  'signal',
  'compensation',
  'cancel',
]);
const BOUNDARY_TRIGGERS = new Set([
  'timer',
  'message',
  'signal',
  'error',
  'escalation',
  'conditional',
  'compensation',
  'cancel',
  'multiple',
]);
const EVENT_GATEWAY_TARGETS = new Set(['message', 'timer', 'signal', 'conditional']);

/** The rules about how a model is wired: flows, gateways, events in the places BPMN allows them. */
export function checkStructure(process: ExecutableProcess, findings: FindingCollector): void {
  const reported = new Set(findings.findings.map((finding) => finding.elementId));
  for (const flow of Object.values(process.flows)) {
    const source = process.elements[flow.sourceId];
    const target = process.elements[flow.targetId];
    if ((!source && !reported.has(flow.sourceId)) || (!target && !reported.has(flow.targetId))) {
      findings.error(
        'dangling-flow',
        flow.id,
        `Sequence flow '${flow.id}' must connect two elements of the model, but its ${!source ? `source '${flow.sourceId || '(none)'}'` : `target '${flow.targetId || '(none)'}'`} does not exist.`,
      );
      continue;
    }
    if (source && target && source.scopeId !== target.scopeId) {
      findings.error(
        'flow-crosses-scope',
        flow.id,
        `Sequence flow '${flow.id}' connects ${name(source)} and ${name(target)}, which sit in different (sub-)processes; a flow must stay inside one.`,
      );
    }
  }
  for (const element of Object.values(process.elements)) checkElement(process, element, findings);
  checkLinks(process, findings);
  checkEventSubProcesses(process, findings);
  checkCompensationAndTransactions(process, findings);
}

function checkElement(
  process: ExecutableProcess,
  element: ExecutableElement,
  findings: FindingCollector,
): void {
  const trigger = isMultipleEvent(element) ? 'multiple' : element.eventDefinition?.kind;
  switch (element.type) {
    case 'startEvent':
      if (process.elements[element.scopeId ?? '']?.triggeredByEvent) {
        // Checked with the event sub-process (check-event-sub-processes.ts).
      } else if (element.scopeId !== process.id && trigger) {
        findings.error(
          'invalid-start-event',
          element.id,
          `${name(element)} starts a sub-process, so it must be a none start event, but it has a ${trigger} trigger.`,
        );
      } else if (trigger && !START_TRIGGERS.has(trigger)) {
        findings.error(
          'unsupported-element',
          element.id,
          `${name(element)} is a ${trigger} start event; processes start on none, message, timer or signal start events.`,
        );
      }
      if (element.incoming.length > 0)
        findings.error('invalid-start-event', element.id, `${name(element)} must not have incoming flows.`);
      break;
    case 'endEvent':
      if (trigger && !END_RESULTS.has(trigger)) {
        findings.error(
          'unsupported-element',
          element.id,
          `${name(element)} is a ${trigger} end event; end events may be none, terminate, error, escalation, message or signal.`,
        );
      }
      break;
    case 'intermediateCatchEvent':
      if (!trigger)
        findings.error(
          'invalid-event',
          element.id,
          `${name(element)} catches nothing: give it a timer, message, signal, link or conditional trigger.`,
        );
      else if (!CATCH_TRIGGERS.has(trigger))
        findings.error(
          'unsupported-element',
          element.id,
          `${name(element)} is a ${trigger} intermediate catch event, which BPMN does not allow.`,
        );
      break;
    case 'intermediateThrowEvent':
      if (trigger && !THROW_RESULTS.has(trigger))
        findings.error(
          'unsupported-element',
          element.id,
          `${name(element)} throws a ${trigger}, which an intermediate throw event cannot.`,
        );
      break;
    case 'boundaryEvent': {
      const host = element.attachedTo ? process.elements[element.attachedTo] : undefined;
      if (!host)
        findings.error(
          'invalid-boundary-event',
          element.id,
          `${name(element)} must be attached to an activity, but is not.`,
        );
      if (!trigger || !BOUNDARY_TRIGGERS.has(trigger)) {
        findings.error(
          'unsupported-element',
          element.id,
          `${name(element)} is a ${trigger ?? 'none'} boundary event; boundary events may be timer, message, signal, error, escalation or conditional.`,
        );
      }
      if (trigger === 'error' && element.cancelActivity === false) {
        findings.error(
          'invalid-boundary-event',
          element.id,
          `${name(element)} catches an error, so it must interrupt its activity (cancelActivity="true").`,
        );
      }
      if (element.incoming.length > 0)
        findings.error(
          'invalid-boundary-event',
          element.id,
          `${name(element)} must not have incoming flows.`,
        );
      if (element.outgoing.length === 0 && trigger !== 'compensation')
        findings.warning(
          'boundary-without-outgoing',
          element.id,
          `${name(element)} has no outgoing flow, so its token ends where it fires.`,
        );
      break;
    }
    case 'subProcess':
    case 'transaction':
      if (element.triggeredByEvent) break;
      if (!element.noneStartEvent) {
        findings.error(
          'invalid-sub-process',
          element.id,
          `${name(element)} must contain exactly one none start event, but has none.`,
        );
      } else if (
        (element.children ?? []).filter((id) => process.elements[id].type === 'startEvent').length > 1
      ) {
        findings.error(
          'invalid-sub-process',
          element.id,
          `${name(element)} must contain exactly one none start event, but has several start events.`,
        );
      }
      break;
    case 'process':
      if ((element.children ?? []).every((id) => process.elements[id].type !== 'startEvent')) {
        findings.error(
          'no-start-event',
          element.id,
          `Process '${element.id}' has no start event, so it can never start; add one.`,
        );
      }
      break;
    default:
      break;
  }
  if (GATEWAY_TYPES.has(element.type)) checkGateway(process, element, findings);
  if (element.defaultFlow && !element.outgoing.includes(element.defaultFlow)) {
    findings.error(
      'invalid-default-flow',
      [element.id, element.defaultFlow],
      `${name(element)} names '${element.defaultFlow}' as its default flow, which is not one of its outgoing flows.`,
    );
  }
  if (element.defaultFlow && process.flows[element.defaultFlow]?.condition) {
    findings.warning(
      'conditional-default-flow',
      [element.id, element.defaultFlow],
      `The default flow '${element.defaultFlow}' of ${name(element)} has a condition, which is ignored: a default flow is taken when no other flow matches.`,
    );
  }
  if (element.startQuantity < 1 || element.completionQuantity < 1) {
    findings.error(
      'invalid-quantity',
      element.id,
      `${name(element)} must have startQuantity and completionQuantity of at least 1.`,
    );
  }
  const unreachable =
    element.incoming.length === 0 &&
    !['process', 'startEvent', 'boundaryEvent'].includes(element.type) &&
    !element.triggeredByEvent &&
    !element.isForCompensation &&
    !(element.type === 'intermediateCatchEvent' && element.eventDefinition?.kind === 'link');
  if (unreachable)
    findings.warning(
      'unreachable',
      element.id,
      `${name(element)} has no incoming flow, so no token ever reaches it.`,
    );
}

function checkGateway(
  process: ExecutableProcess,
  gateway: ExecutableElement,
  findings: FindingCollector,
): void {
  if (gateway.outgoing.length === 0) {
    findings.error(
      'gateway-without-outgoing',
      gateway.id,
      `${name(gateway)} has no outgoing flow; a gateway must lead somewhere.`,
    );
    return;
  }
  const diverging = gateway.outgoing.length > 1;
  const choosing = ['exclusiveGateway', 'inclusiveGateway', 'complexGateway'].includes(gateway.type);
  if (diverging && choosing) {
    for (const flowId of gateway.outgoing) {
      if (flowId !== gateway.defaultFlow && !process.flows[flowId]?.condition) {
        findings.error(
          'missing-condition',
          [gateway.id, flowId],
          `${name(gateway)} splits, so its outgoing flow '${flowId}' needs a condition (or must be the gateway's default flow), but it has none.`,
        );
      }
    }
  }
  if (gateway.type === 'parallelGateway') {
    for (const flowId of gateway.outgoing) {
      if (process.flows[flowId]?.condition) {
        findings.warning(
          'ignored-condition',
          [gateway.id, flowId],
          `The condition on flow '${flowId}' out of ${name(gateway)} is ignored: a parallel gateway takes every outgoing flow.`,
        );
      }
    }
  }
  if (gateway.type === 'eventBasedGateway') {
    if (gateway.outgoing.length < 2) {
      findings.error(
        'invalid-event-gateway',
        gateway.id,
        `${name(gateway)} must lead to at least two catch events to choose between.`,
      );
    }
    for (const flowId of gateway.outgoing) {
      const flow = process.flows[flowId];
      const target = flow && process.elements[flow.targetId];
      if (!target) continue;
      const catches =
        (target.type === 'intermediateCatchEvent' &&
          EVENT_GATEWAY_TARGETS.has(target.eventDefinition?.kind ?? '')) ||
        target.type === 'receiveTask';
      if (!catches) {
        findings.error(
          'invalid-event-gateway',
          [gateway.id, target.id],
          `${name(gateway)} may only lead to message, timer, signal or conditional catch events or receive tasks, but leads to ${name(target)}.`,
        );
      }
      if (target.incoming.length > 1) {
        findings.error(
          'invalid-event-gateway',
          [gateway.id, target.id],
          `${name(target)} follows ${name(gateway)}, so it must have no other incoming flow.`,
        );
      }
      if (flow.condition) {
        findings.error(
          'invalid-event-gateway',
          [gateway.id, flowId],
          `Flow '${flowId}' out of ${name(gateway)} must not have a condition: the first event to occur decides.`,
        );
      }
    }
  }
}

/** Every link throw needs exactly one link catch of the same name in the same (sub-)process. */
function checkLinks(process: ExecutableProcess, findings: FindingCollector): void {
  const catches = new Map<string, string[]>();
  for (const element of Object.values(process.elements)) {
    const definition = element.eventDefinition;
    if (element.type === 'intermediateCatchEvent' && definition?.kind === 'link') {
      const key = `${element.scopeId}/${definition.linkName}`;
      catches.set(key, [...(catches.get(key) ?? []), element.id]);
    }
  }
  for (const [key, ids] of catches) {
    if (ids.length > 1) {
      findings.error(
        'duplicate-link',
        ids,
        `Link name '${key.split('/')[1]}' is caught by ${ids.length} events (${ids.join(', ')}); a link name must be unique in its (sub-)process.`,
      );
    }
  }
  for (const element of Object.values(process.elements)) {
    const definition = element.eventDefinition;
    if (element.type === 'intermediateThrowEvent' && definition?.kind === 'link') {
      if (!catches.has(`${element.scopeId}/${definition.linkName}`)) {
        findings.error(
          'unknown-link',
          element.id,
          `${name(element)} throws link '${definition.linkName}', but no link catch event of that name is in the same (sub-)process.`,
        );
      }
    }
  }
}
