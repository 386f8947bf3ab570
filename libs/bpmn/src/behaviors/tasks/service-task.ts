import type { ElementBehavior } from '../element-behavior.js';
import { activationFailed } from '../activation-failed.js';
import { publishMessage } from '../events/throw-results.js';
import { waitForJob } from './job-wait.js';

/**
 * Service, send and business-rule tasks wait for their worker or connector to complete the job (the runtime
 * decides which runs it). A send task without a worker publishes its message and moves on.
 */
export const serviceTask: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    if (element.job) return waitForJob(execution, instance, element.job);
    if (element.message) {
      const published = publishMessage(execution, instance, element.message);
      if (!published.ok) return activationFailed(execution, instance, published.message);
    }
    execution.schedule({ op: 'complete', key: instance.key });
  },
};
