import type { ElementBehavior } from '../element-behavior.js';

/** A task without a type, or a manual task: nothing for the engine to do but pass the token on. */
export const passThroughTask: ElementBehavior = {
  onActivate(execution, instance) {
    execution.schedule({ op: 'complete', key: instance.key });
  },
};
