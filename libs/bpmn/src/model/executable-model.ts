import type { Expression } from './expression.js';

/**
 * The executable form of a BPMN model: built once at deploy time from the XML, plain JSON, stored with the
 * process definition version. The runtime never sees XML.
 */
export interface ExecutableModel {
  /** Which modeler flavour the document was drawn for; decides defaults such as job retries. */
  dialect: 'camunda7' | 'camunda8' | 'bpmn';
  processes: ExecutableProcess[];
}

export interface ExecutableProcess {
  id: string;
  name?: string;
  isExecutable: boolean;
  /** Every flow node and container of the process, the process itself included (type 'process'), by id. */
  elements: Record<string, ExecutableElement>;
  flows: Record<string, SequenceFlow>;
  /** Start events directly in the process, by trigger. */
  startEvents: string[];
  /** Camunda 7's `camunda:versionTag` / history time to live are kept for the definition views. */
  versionTag?: string;
}

export type ElementType =
  | 'process'
  | 'subProcess'
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'task'
  | 'manualTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'userTask'
  | 'scriptTask'
  | 'receiveTask'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway';

export type EventDefinition =
  | { kind: 'message'; messageName: Expression; correlationKey?: Expression }
  | { kind: 'timer'; timerKind: 'date' | 'duration' | 'cycle'; value: Expression }
  | { kind: 'signal'; signalName: Expression }
  /** `errorCode` absent: a catch-all error event. */
  | {
      kind: 'error';
      errorCode?: string;
      errorMessage?: string;
      errorCodeVariable?: string;
      errorMessageVariable?: string;
    }
  /** `escalationCode` absent: a catch-all escalation event. */
  | { kind: 'escalation'; escalationCode?: string; escalationCodeVariable?: string }
  | { kind: 'link'; linkName: string }
  | { kind: 'conditional'; condition: Expression }
  | { kind: 'terminate' };

/** An input or output mapping: `target` receives the value of `source`, evaluated in the element's scope. */
export interface VariableMapping {
  target: string;
  source: Expression;
}

/** Work done outside the engine: an external task topic (Camunda 7), a job type (Camunda 8) or a connector. */
export interface JobDefinition {
  kind: 'external-task' | 'job' | 'connector';
  /** The topic, job type or connector id workers subscribe to. */
  type: Expression;
  /** Retries before an incident; Camunda 7's external tasks start at the worker's count, Camunda 8's at 3. */
  retries: Expression;
  /** `camunda:failedJobRetryTimeCycle` such as `R3/PT5M`. */
  retryTimeCycle?: string;
  /** Static headers/properties handed to the worker (`zeebe:taskHeaders`, `camunda:properties`). */
  headers: Record<string, string>;
  priority?: Expression;
}

export interface UserTaskDefinition {
  assignee?: Expression;
  candidateUsers?: Expression;
  candidateGroups?: Expression;
  dueDate?: Expression;
  followUpDate?: Expression;
  priority?: Expression;
  formKey?: string;
}

export interface ScriptDefinition {
  expression: Expression;
  resultVariable?: string;
}

export interface ExecutableElement {
  id: string;
  type: ElementType;
  name?: string;
  /** The id of the container (process or sub-process) the element sits in; absent for the process. */
  scopeId?: string;
  incoming: string[];
  outgoing: string[];
  defaultFlow?: string;
  eventDefinition?: EventDefinition;
  /** Boundary events: the activity they are attached to, and whether they interrupt it. */
  attachedTo?: string;
  cancelActivity?: boolean;
  /** Activities: the boundary events attached to them. */
  boundaryEvents: string[];
  /** Containers: the flow nodes directly inside, and their none start event. */
  children?: string[];
  noneStartEvent?: string;
  inputs: VariableMapping[];
  outputs: VariableMapping[];
  startQuantity: number;
  completionQuantity: number;
  job?: JobDefinition;
  userTask?: UserTaskDefinition;
  script?: ScriptDefinition;
  /** Receive and send tasks name their message here (send tasks publish it when no job is defined). */
  message?: { messageName: Expression; correlationKey?: Expression };
  asyncBefore?: boolean;
  asyncAfter?: boolean;
}

export interface SequenceFlow {
  id: string;
  sourceId: string;
  targetId: string;
  scopeId: string;
  name?: string;
  condition?: Expression;
}

/** Activities: elements that have their own lifecycle, boundary events and variable mappings. */
export const ACTIVITY_TYPES: ReadonlySet<ElementType> = new Set<ElementType>([
  'subProcess',
  'task',
  'manualTask',
  'serviceTask',
  'sendTask',
  'businessRuleTask',
  'userTask',
  'scriptTask',
  'receiveTask',
]);

export const GATEWAY_TYPES: ReadonlySet<ElementType> = new Set<ElementType>([
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
]);
