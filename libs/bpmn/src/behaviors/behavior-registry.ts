import type { ElementType } from '../model/executable-model.js';
import { callActivity } from './containers/call-activity.js';
import { multiInstanceBody } from './containers/multi-instance-body.js';
import { standardLoopBody } from './containers/standard-loop-body.js';
import { subProcess } from './containers/sub-process.js';
import type { ElementBehavior } from './element-behavior.js';
import { boundaryEvent } from './events/boundary-event.js';
import { endEvent } from './events/end-event.js';
import { intermediateCatchEvent } from './events/intermediate-catch-event.js';
import { intermediateThrowEvent } from './events/intermediate-throw-event.js';
import { startEvent } from './events/start-event.js';
import { complexGateway } from './gateways/complex-gateway.js';
import { eventBasedGateway } from './gateways/event-based-gateway.js';
import { exclusiveGateway } from './gateways/exclusive-gateway.js';
import { inclusiveGateway } from './gateways/inclusive-gateway.js';
import { parallelGateway } from './gateways/parallel-gateway.js';
import { businessRuleTask } from './tasks/business-rule-task.js';
import { passThroughTask } from './tasks/pass-through-task.js';
import { receiveTask } from './tasks/receive-task.js';
import { scriptTask } from './tasks/script-task.js';
import { serviceTask } from './tasks/service-task.js';
import { userTask } from './tasks/user-task.js';

/** The process itself: it is started by the executor and completes when its last token is gone. */
const processScope: ElementBehavior = { onActivate: () => undefined };

const BEHAVIORS: Record<ElementType, ElementBehavior> = {
  process: processScope,
  subProcess,
  transaction: subProcess,
  startEvent,
  endEvent,
  intermediateCatchEvent,
  intermediateThrowEvent,
  boundaryEvent,
  task: passThroughTask,
  manualTask: passThroughTask,
  serviceTask,
  sendTask: serviceTask,
  businessRuleTask,
  userTask,
  scriptTask,
  receiveTask,
  callActivity,
  exclusiveGateway,
  parallelGateway,
  inclusiveGateway,
  eventBasedGateway,
  complexGateway,
  multiInstanceBody,
  standardLoopBody,
};

export function behaviorOf(type: ElementType): ElementBehavior {
  return BEHAVIORS[type];
}
