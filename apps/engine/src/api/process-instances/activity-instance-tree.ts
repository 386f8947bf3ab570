import type { ElementInstance, ExecutableProcess, ProcessInstanceState } from '#bpmn';
import { camundaActivityType } from '../history/camunda-activity-type.js';

/** Camunda's `TransitionInstanceDto`: a token parked at an asynchronous continuation, before or after an activity. */
export interface CamundaTransitionInstance {
  id: string;
  parentActivityInstanceId: string;
  processInstanceId: string;
  processDefinitionId: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  executionId: string;
  targetActivityId: string;
  incidentIds: string[];
  incidents: Array<{ id: string; activityId: string }>;
}

/** Camunda's `ActivityInstanceDto`: an activity instance with the ones running inside it. */
export interface CamundaActivityInstance {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  name: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: CamundaActivityInstance[];
  childTransitionInstances: CamundaTransitionInstance[];
  executionIds: string[];
  incidentIds: string[];
  incidents: Array<{ id: string; activityId: string }>;
}

/**
 * The activity instance tree of a running instance, from its state document: the process instance at the root (its
 * id the instance's, its activity the definition, as in Camunda), every live element instance under the container
 * it runs in, and an element parked at an asynchronous continuation as a transition instance. Element instance keys
 * are the ids (the same as the history's activity instance ids and an incident's `executionId`); `process` gives
 * names and event types, when the definition is known.
 */
export function activityInstanceTreeOf(
  definitionId: string,
  state: ProcessInstanceState,
  process: ExecutableProcess | undefined,
): CamundaActivityInstance {
  const children = new Map<string, ElementInstance[]>();
  for (const instance of Object.values(state.elementInstances)) {
    if (instance.parentKey === null) continue;
    const siblings = children.get(instance.parentKey) ?? [];
    siblings.push(instance);
    children.set(instance.parentKey, siblings);
  }
  const parkedAtAsync = new Set(
    Object.values(state.waits)
      .filter((wait) => wait.kind === 'async')
      .map((wait) => wait.ownerKey),
  );
  const incidentsOf = (key: string) =>
    Object.values(state.incidents)
      .filter((incident) => incident.elementInstanceKey === key)
      .map((incident) => ({ id: incident.key, activityId: incident.elementId }));
  // Camunda's root activity instance has the process instance's id; its children name it as their parent.
  const idOf = (key: string) => (key === state.rootKey ? state.id : key);
  const common = (instance: ElementInstance) => {
    const element = process?.elements[instance.elementId];
    const incidents = incidentsOf(instance.key);
    return {
      id: instance.key,
      parentActivityInstanceId: idOf(instance.parentKey as string),
      processInstanceId: state.id,
      processDefinitionId: definitionId,
      activityId: instance.elementId,
      activityName: element?.name ?? null,
      activityType: camundaActivityType(instance.elementType, element),
      incidentIds: incidents.map((incident) => incident.id),
      incidents,
    };
  };
  const build = (
    key: string,
  ): Pick<CamundaActivityInstance, 'childActivityInstances' | 'childTransitionInstances'> => {
    const inside = (children.get(key) ?? []).sort((a, b) => sequenceOf(a.key) - sequenceOf(b.key));
    return {
      childActivityInstances: inside
        .filter((instance) => !parkedAtAsync.has(instance.key))
        .map((instance) => {
          const activity = common(instance);
          return {
            ...activity,
            name: activity.activityName,
            ...build(instance.key),
            executionIds: [instance.key],
          };
        }),
      childTransitionInstances: inside
        .filter((instance) => parkedAtAsync.has(instance.key))
        .map((instance) => {
          const activity = common(instance);
          return { ...activity, executionId: instance.key, targetActivityId: instance.elementId };
        }),
    };
  };
  const rootIncidents = incidentsOf(state.rootKey);
  const processName = process?.name ?? null;
  return {
    id: state.id,
    parentActivityInstanceId: null,
    activityId: definitionId,
    activityType: 'processDefinition',
    activityName: processName,
    name: processName,
    processInstanceId: state.id,
    processDefinitionId: definitionId,
    ...build(state.rootKey),
    executionIds: [state.id],
    incidentIds: rootIncidents.map((incident) => incident.id),
    incidents: rootIncidents,
  };
}

/** Keys are `<instanceId>.<n>`: ordered by n, element instances come in the order they were created. */
function sequenceOf(key: string): number {
  return Number(key.slice(key.lastIndexOf('.') + 1));
}
