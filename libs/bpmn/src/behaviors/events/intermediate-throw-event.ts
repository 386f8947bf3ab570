import { startCompensation } from '../compensation.js';
import type { ElementBehavior } from '../element-behavior.js';
import { uncontrolledFlows } from '../flow-selection.js';
import { throwMessageSignalOrEscalation } from './throw-results.js';

/** Intermediate throw events: none, message, signal, escalation and link. */
export const intermediateThrowEvent: ElementBehavior = {
  onActivate(execution, instance) {
    const element = execution.element(instance.elementId);
    const definition = element.eventDefinition;
    if (throwMessageSignalOrEscalation(execution, instance)) return;
    if (definition?.kind === 'compensation') {
      return startCompensation(execution, instance, definition.activityRef, 'complete');
    }
    if (definition?.kind === 'link') {
      // The token jumps to the catching link of the same name in the same (sub-)process.
      const target = (execution.element(element.scopeId as string).children ?? []).find((id) => {
        const candidate = execution.element(id);
        return (
          candidate.type === 'intermediateCatchEvent' &&
          candidate.eventDefinition?.kind === 'link' &&
          candidate.eventDefinition.linkName === definition.linkName
        );
      });
      if (target)
        execution.schedule({ op: 'activate', elementId: target, scopeKey: instance.parentKey as string });
    }
    execution.schedule({ op: 'complete', key: instance.key });
  },
  selectOutgoing(execution, instance) {
    const definition = execution.element(instance.elementId).eventDefinition;
    return definition?.kind === 'link' ? { ok: true, value: [] } : uncontrolledFlows(execution, instance);
  },
};
