/**
 * The reference processes of the runtime benchmark, for our engine (Camunda 7 dialect, FEEL condition) and the same
 * shapes for the peer, bpmn-engine (its own expression syntax, a service function instead of a connector).
 */

/** Each instance starts with this variable: the gateway's condition reads it and takes the default flow. */
export const START_AMOUNT = 42;

const header = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="bench" targetNamespace="http://kommune-flow/bench">`;

function straight(id: string, task: string, condition: string): string {
  return `${header}
  <bpmn:process id="${id}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    ${task}
    <bpmn:exclusiveGateway id="decide" default="toDone" />
    <bpmn:endEvent id="done" />
    <bpmn:endEvent id="escalated" />
    <bpmn:sequenceFlow id="toWork" sourceRef="start" targetRef="work" />
    <bpmn:sequenceFlow id="toDecide" sourceRef="work" targetRef="decide" />
    <bpmn:sequenceFlow id="toEscalated" sourceRef="decide" targetRef="escalated">
      <bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression>
    </bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="toDone" sourceRef="decide" targetRef="done" />
  </bpmn:process>
</bpmn:definitions>`;
}

const FEEL = '=amount &gt; 1000';

/** (a) start → none task → exclusive gateway (FEEL condition, default flow) → end: one transaction. */
export const MODEL_A = { key: 'bench_a', xml: straight('bench_a', '<bpmn:task id="work" />', FEEL) };

/** (b) the same with the task done by the no-op connector: a job through Bull and a second command. */
export const MODEL_B = {
  key: 'bench_b',
  xml: straight(
    'bench_b',
    '<bpmn:serviceTask id="work" camunda:type="external" camunda:topic="connector:noop" />',
    FEEL,
  ),
};

/** A process that stops at a user task: start-to-wait-state latency. */
export const MODEL_WAIT = {
  key: 'bench_wait',
  xml: `${header}
  <bpmn:process id="bench_wait" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="start" />
    <bpmn:userTask id="review" camunda:candidateGroups="caseworkers" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="toReview" sourceRef="start" targetRef="review" />
    <bpmn:sequenceFlow id="toEnd" sourceRef="review" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`,
};

/**
 * The peer's versions: bpmn-engine evaluates `${…}` property paths only (no operators), so the gateway reads a
 * boolean the start computes; its service task calls a function from `environment.services`.
 */
const PEER_CONDITION = '${environment.variables.escalate}';
export const PEER_A = straight('bench_a', '<bpmn:task id="work" />', PEER_CONDITION);
export const PEER_B = straight(
  'bench_b',
  '<bpmn:serviceTask id="work" implementation="${environment.services.noop}" />',
  PEER_CONDITION,
);
