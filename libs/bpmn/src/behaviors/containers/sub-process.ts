import type { ElementBehavior } from '../element-behavior.js';

/**
 * Embedded sub-process: a scope of its own. It starts at its none start event and completes when no token is
 * left inside it (the executor notices), then leaves like any activity.
 */
export const subProcess: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    execution.schedule({
      op: 'activate',
      elementId: element.noneStartEvent as string,
      scopeKey: instance.key,
    });
  },
};
