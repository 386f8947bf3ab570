import type { ElementBehavior } from '../element-behavior.js';

/** A start event has already happened when its instance exists: it takes in its trigger's variables and moves on. */
export const startEvent: ElementBehavior = {
  onActivate(execution, instance) {
    execution.applyPayload(instance, instance.triggeredWith);
    execution.schedule({ op: 'complete', key: instance.key });
  },
};
