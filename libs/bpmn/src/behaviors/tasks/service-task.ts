import type { ElementBehavior } from '../element-behavior.js';
import { activationFailed, publishMessage } from '../events/throw-results.js';
import { openJob } from './job-wait.js';

/**
 * Service, send and business-rule tasks wait for their worker or connector to complete the job (the runtime
 * decides which runs it). A send task without a worker publishes its message and moves on.
 */
export const serviceTask: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    if (element.job) {
      const opened = openJob(execution, instance, element.job);
      if (!opened.ok) activationFailed(execution, instance, opened.message);
      return;
    }
    if (element.message) {
      const published = publishMessage(execution, instance, element.message);
      if (!published.ok) return activationFailed(execution, instance, published.message);
    }
    execution.schedule({ op: 'complete', key: instance.key });
  },
};
