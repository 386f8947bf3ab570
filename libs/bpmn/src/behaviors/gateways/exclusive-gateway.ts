import type { ElementBehavior } from '../element-behavior.js';
import { firstMatchingFlow } from '../flow-selection.js';

/** Exclusive gateway: passes each arriving token on through the first matching flow (or the default). */
export const exclusiveGateway: ElementBehavior = {
  onActivate(execution, instance) {
    execution.schedule({ op: 'complete', key: instance.key });
  },
  selectOutgoing: firstMatchingFlow,
};
