import type { CallActivityDefinition } from './call-activity-definition.js';
import type { DecisionResultMapping } from '../dmn/decision-result.js';
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
  /** `camunda:historyTimeToLive`: days (`180`) or an ISO duration in days (`P180D`) to keep history of ended instances. */
  historyTimeToLive?: string;
}

export type ElementType =
  | 'process'
  | 'subProcess'
  | 'transaction'
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
  | 'callActivity'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'complexGateway'
  /**
   * Not in the model: the element instance that wraps the repetitions of an activity with loop characteristics
   * (its `elementId` is the activity's; its children are the activity's inner instances).
   */
  | 'multiInstanceBody'
  | 'standardLoopBody';

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
  | { kind: 'terminate' }
  /** Throw: compensate the whole scope, or only `activityRef`. Catch (boundary, event sub-process start): be compensated. */
  | { kind: 'compensation'; activityRef?: string }
  /** A cancel end event inside a transaction, or the cancel boundary event on the transaction. */
  | { kind: 'cancel' };

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

/**
 * A business rule task's DMN decision (`camunda:decisionRef` …, `zeebe:calledDecision`). The decision itself lives
 * in a DMN deployment; the runtime finds it through `ExecutionEnvironment.decisions`.
 */
export interface DecisionDefinition {
  decisionId: Expression;
  /** Which deployed version (Camunda 7's `camunda:decisionRefBinding`, default latest). */
  binding: 'latest' | 'deployment' | 'version' | 'versionTag';
  /** With binding `version`: the version number (`camunda:decisionRefVersion`). */
  version?: Expression;
  /** With binding `versionTag`. */
  versionTag?: Expression;
  /** Absent (Camunda 7 allows it): the decision is evaluated and its result not kept. */
  resultVariable?: string;
  /** How the result becomes the variable: Camunda 7's `camunda:mapDecisionResult`, or Camunda 8's rule. */
  resultMapping: DecisionResultMapping;
}

export type LoopDefinition = MultiInstanceDefinition | StandardLoopDefinition;

/** `bpmn:multiInstanceLoopCharacteristics`: one inner instance per item of a collection, or a number of them. */
export interface MultiInstanceDefinition {
  kind: 'multi-instance';
  isSequential: boolean;
  /** Exactly one of the two says how many instances run: a list (one per item) or a number. */
  collection?: Expression;
  cardinality?: Expression;
  /** The local variable of each instance that holds its item (`camunda:elementVariable`, `inputElement`). */
  elementVariable?: string;
  /** Camunda 8: the body collects `outputElement` of each instance, in order, into `outputCollection`. */
  outputCollection?: string;
  outputElement?: Expression;
  /** Checked after each instance completes; when it holds, the remaining instances end and the body completes. */
  completionCondition?: Expression;
  /** The `loopCounter` of the first instance: 0 in Camunda 7 (an index), 1 in Camunda 8 and plain BPMN. */
  firstLoopCounter: 0 | 1;
  /**
   * BPMN's `behavior`: `All` throws nothing; `None` throws `event` each time an instance completes, `One` only when
   * the first one does (`Complex` is refused at validation).
   */
  behavior: 'All' | 'None' | 'One' | 'Complex';
  /** `behavior="Complex"`: after each completed instance, the first definition whose condition holds throws its event. */
  complexEvents?: Array<{ condition: Expression; event: LoopBehaviorEvent }>;
  event?: LoopBehaviorEvent;
}

/** What a multi-instance body throws for `behavior="None"`/`"One"`: an escalation or a signal. */
export type LoopBehaviorEvent =
  { kind: 'escalation'; escalationCode: string } | { kind: 'signal'; signalName: Expression };

/** `bpmn:standardLoopCharacteristics`: the activity runs again while `loopCondition` holds. */
export interface StandardLoopDefinition {
  kind: 'standard-loop';
  /** Absent: the loop runs `loopMaximum` times. */
  loopCondition?: Expression;
  /** true: tested before each iteration (a while loop); false (default): after it (do … while). */
  testBefore: boolean;
  loopMaximum?: number;
  firstLoopCounter: 0 | 1;
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
  /** Multiple events: their several definitions (then `eventDefinition` is absent); read both through `eventDefinitionsOf`. */
  eventDefinitions?: EventDefinition[];
  /** Multiple events with `parallelMultiple="true"`: every definition must occur, not just one. */
  parallelMultiple?: boolean;
  /** Boundary events: the activity they are attached to, and whether they interrupt it. */
  attachedTo?: string;
  cancelActivity?: boolean;
  /** Activities: the boundary events attached to them. */
  boundaryEvents: string[];
  /** Containers: the flow nodes directly inside, and their none start event. */
  children?: string[];
  noneStartEvent?: string;
  /** Containers: the event sub-processes directly inside, started by their start event's trigger. */
  eventSubProcesses?: string[];
  /** Event sub-processes: set, with the start event whose trigger starts them. */
  triggeredByEvent?: boolean;
  triggerStartEvent?: string;
  /** Start events of event sub-processes: whether they interrupt their scope (default true). */
  isInterrupting?: boolean;
  /** Activities with a compensation boundary event: the handler activity that undoes them. */
  compensationHandler?: string;
  /** Compensation handlers: activities that run only to compensate, never on a sequence flow. */
  isForCompensation?: boolean;
  inputs: VariableMapping[];
  outputs: VariableMapping[];
  startQuantity: number;
  completionQuantity: number;
  job?: JobDefinition;
  userTask?: UserTaskDefinition;
  script?: ScriptDefinition;
  /** Business rule tasks that evaluate a DMN decision (instead of a job). */
  decision?: DecisionDefinition;
  /** Call activities: the process they call and the variables they hand over. */
  callActivity?: CallActivityDefinition;
  /** Complex gateways: fires once this holds (`activationCount` = incoming flows with a token); absent: joins all that can arrive. */
  activationCondition?: Expression;
  /** Receive and send tasks name their message here (send tasks publish it when no job is defined). */
  message?: { messageName: Expression; correlationKey?: Expression };
  /** Activities marked multi-instance or as a standard loop: how they repeat. */
  loop?: LoopDefinition;
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
  'transaction',
  'task',
  'manualTask',
  'serviceTask',
  'sendTask',
  'businessRuleTask',
  'userTask',
  'scriptTask',
  'receiveTask',
  'callActivity',
]);

export const GATEWAY_TYPES: ReadonlySet<ElementType> = new Set<ElementType>([
  'exclusiveGateway',
  'parallelGateway',
  'inclusiveGateway',
  'eventBasedGateway',
  'complexGateway',
]);
