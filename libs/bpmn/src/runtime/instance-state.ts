import type { CallBinding } from '../model/call-activity-definition.js';
import type { ElementType } from '../model/executable-model.js';
import type { TypedValue, VariableMap } from '../model/typed-value.js';
import type { TimerSchedule } from '../timers/index.js';

/**
 * The whole state of one process instance: plain JSON, so the runtime can store it and a snapshot taken after
 * any step resumes in another process with the same outcome. Keys are `${instanceId}.${n}` from `seq`,
 * so no id generator has to be replayed.
 */
export interface ProcessInstanceState {
  schemaVersion: 1;
  id: string;
  processId: string;
  businessKey?: string;
  status: InstanceStatus;
  startedAt: string;
  endedAt?: string;
  /** Set when an uncaught BPMN error ended the instance. */
  failure?: { errorCode: string; errorMessage?: string; elementId: string };
  seq: number;
  /** Every live element instance (token holder), the process itself included, by key. */
  elementInstances: Record<string, ElementInstance>;
  /** Variables by the key of the element instance that scopes them; the root scope's key is `rootKey`. */
  variables: Record<string, VariableMap>;
  rootKey: string;
  /** Everything the instance waits for: jobs, user tasks, timers, message/signal/conditional subscriptions. */
  waits: Record<string, Wait>;
  incidents: Record<string, Incident>;
  /** Work still to do before the instance rests; empty between commands unless an incident halted it. */
  agenda: AgendaItem[];
  /** Steps taken by the command being processed, against the step budget. */
  stepsInCommand: number;
  /** A variable changed since conditional events were last evaluated. */
  conditionsDirty: boolean;
  /** Completed activities that can still be compensated, in order of completion. */
  compensable?: CompensationRecord[];
}

/**
 * A completed activity that has a compensation handler (or, for a sub-process, a compensation event sub-process
 * or compensable activities of its own, kept in `inner`).
 */
export interface CompensationRecord {
  key: string;
  elementId: string;
  /** The scope instance it completed in. */
  scopeKey: string;
  inner?: CompensationRecord[];
  /** It has no handler of its own (a loop body, a sub-process without one): compensating it compensates `inner`. */
  innerOnly?: boolean;
  /** Its local variables when it completed: the handler sees them. */
  variables?: VariableMap;
}

/**
 * The key of an instance's root scope (the process itself): the first key its `seq` gives out. Fixed, so the
 * runtime's projections can find the process-level variables of an instance by its id alone.
 */
export function rootScopeKeyOf(instanceId: string): string {
  return `${instanceId}.1`;
}

export type InstanceStatus = 'active' | 'completed' | 'cancelled' | 'failed';

export interface ElementInstance {
  key: string;
  elementId: string;
  elementType: ElementType;
  /** The key of the container instance (sub-process or process) it runs in; null for the process itself. */
  parentKey: string | null;
  status: 'active' | 'incident';
  /** `asyncAfter`: the continuation has run, so completing goes on to leave. */
  asyncAfterPassed?: boolean;
  /** Boundary events' waits are open (so re-running an activation after an incident does not open them twice). */
  boundariesOpen?: boolean;
  /** Payload the element was activated with (a boundary or event-gateway target triggered on arrival). */
  triggeredWith?: TriggerPayload;
  /** Containers: tokens waiting at joining gateways or at activities with startQuantity > 1, by element and flow. */
  arrivals?: Record<string, Record<string, number>>;
  /** Containers: complex gateways that fired and now swallow the rest of that activation's tokens, with the incoming flows still expected. */
  complexAwaiting?: Record<string, string[]>;
  /** Activities: the variables of the triggers a parallel multiple boundary event has seen so far, by boundary event. */
  parallelTriggers?: Record<string, VariableMap>;
  /** Runs only to compensate: the key of the throwing event instance waiting for it. Takes no sequence flow. */
  compensationFor?: string;
  /** A compensation throw (or cancel end event) waiting while handlers run, last completed first. */
  compensating?: { pending: CompensationRecord[]; then: 'complete' | 'cancel-transaction' };
  /** Multi-instance and standard loop bodies: how far the repetition has come. */
  loop?: LoopProgress;
  /** Inner instances of a multi-instance or loop activity: their position, from 0 (the item they work on). */
  loopIndex?: number;
}

/** The progress of a multi-instance or loop body; its inner instances are its children. */
export interface LoopProgress {
  /** Inner instances created so far; the next one is number `started + 1`. */
  started: number;
  completed: number;
  /** Multi-instance: how many instances run in all. */
  total?: number;
  /** Multi-instance over a collection: its items as they were when the body began (sequential ones read them later). */
  items?: unknown[];
  /** `behavior="One"`: the event has been thrown. */
  eventThrown?: boolean;
}

/** What a trigger brings in: variables to set, and for errors/escalations the code that was thrown. */
export interface TriggerPayload {
  variables?: VariableMap;
  /** Variables set only in the triggered element's own scope. */
  localVariables?: VariableMap;
  errorCode?: string;
  errorMessage?: string;
  escalationCode?: string;
  /** A start event with several event definitions: the index (in `eventDefinitions`) of the one that occurred. */
  firedDefinition?: number;
}

interface WaitBase {
  key: string;
  /** The element instance that owns the wait (a task, an event, the activity a boundary event sits on, an event-based gateway). */
  ownerKey: string;
  /** The element that reacts when the wait is triggered (the task or event itself, a boundary event, a gateway's target). */
  elementId: string;
  /** True when the owner keeps running after the trigger (non-interrupting boundary events). */
  nonInterrupting?: boolean;
}

export type Wait =
  | (WaitBase & {
      kind: 'job';
      jobKind: 'external-task' | 'job' | 'connector';
      jobType: string;
      retries: number;
      retryTimeCycle?: string;
      headers: Record<string, string>;
      priority: number;
    })
  | (WaitBase & {
      kind: 'user-task';
      name?: string;
      assignee?: string;
      candidateUsers: string[];
      candidateGroups: string[];
      dueDate?: string;
      followUpDate?: string;
      priority: number;
      formKey?: string;
    })
  | (WaitBase & { kind: 'timer'; dueAt: string; schedule: TimerSchedule; firedCount: number })
  | (WaitBase & { kind: 'message'; messageName: string; correlationKey?: string })
  | (WaitBase & { kind: 'signal'; signalName: string })
  | (WaitBase & { kind: 'conditional'; lastResult: boolean })
  /**
   * A call activity waits for the child instance the runtime starts from this description; the runtime reports the
   * child's end back on this wait (trigger, throw-error, throw-escalation) and cancels the child when it is closed
   * as 'cancelled'.
   */
  | (WaitBase & {
      kind: 'call-activity';
      processId: string;
      binding: CallBinding;
      version?: number;
      versionTag?: string;
      tenantId?: string;
      businessKey?: string;
      /** The child's start variables, computed by the in-mappings. */
      variables: VariableMap;
    })
  /**
   * An asynchronous continuation (`camunda:asyncBefore`/`asyncAfter`): the engine's own job, run by its job workers
   * in a transaction of its own, before the element starts or before it leaves.
   */
  | (WaitBase & { kind: 'async'; phase: 'before' | 'after'; retries: number; retryTimeCycle?: string });

export type WaitKind = Wait['kind'];

export interface Incident {
  key: string;
  elementInstanceKey: string;
  elementId: string;
  incidentType: IncidentType;
  message: string;
  createdAt: string;
  /** A failed job's wait ('job-failed'): its key (the runtime's job id) and, for a task's job, its job type. */
  job?: { key: string; jobType?: string };
  /** What resolving the incident retries. */
  retry: AgendaItem[];
}

export type IncidentType =
  | 'expression-failed'
  | 'no-matching-flow'
  | 'step-budget-exceeded'
  /** A job's retries are exhausted (reported by the runtime with `fail-wait`). */
  | 'job-failed'
  /** A called process could not be started, or ended without completing (reported with `fail-wait`). */
  | 'call-failed';

/** One unit of work: processing one item is one step, after which a snapshot may be taken. */
export type AgendaItem =
  /** A token travels a sequence flow into its target. */
  | { op: 'take-flow'; flowId: string; scopeKey: string }
  /** Create an element instance in a scope and run its activation. */
  | {
      op: 'activate';
      elementId: string;
      scopeKey: string;
      payload?: TriggerPayload;
      /** Activate as a compensation run for this thrower (a handler, or a sub-process with a compensation event sub-process). */
      compensation?: { throwerKey: string; record: CompensationRecord };
    }
  /** Run (or re-run after an incident) the activation of an existing element instance. */
  | { op: 'run-activation'; key: string }
  /** Complete an element instance: output mappings, then leave through its outgoing flows. */
  | { op: 'complete'; key: string }
  /** Deliver a trigger to a wait (job done, task completed, timer due, message or signal arrived, condition true). */
  | { op: 'trigger'; waitKey: string; payload: TriggerPayload }
  /** Re-check a waiting inclusive join: a token elsewhere in its scope moved or vanished. */
  | { op: 'inclusive-join-check'; scopeKey: string; gatewayId: string }
  /** Evaluate conditional events after variables changed. */
  | { op: 'evaluate-conditions' }
  /** Re-check a complex gateway: a token arrived, or a token elsewhere in its scope moved or vanished. */
  | { op: 'complex-gateway-check'; scopeKey: string; gatewayId: string }
  /** Throw an escalation at an element instance (a called process's uncaught escalation, reported at the call activity). */
  | { op: 'throw-escalation'; fromKey: string; escalationCode: string }
  /** Throw a BPMN error from an element instance (e.g. reported by a worker). */
  | { op: 'throw-error'; fromKey: string; errorCode: string; errorMessage?: string; variables?: VariableMap };

export type { TypedValue, VariableMap };
