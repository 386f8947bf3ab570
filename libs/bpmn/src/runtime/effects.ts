import type { ElementType } from '../model/executable-model.js';
import type { TypedValue, VariableMap } from '../model/typed-value.js';
import type { Incident, Wait } from './instance-state.js';

/**
 * What the outside world must do after a command: the runtime turns each effect into rows and dispatches
 * (create a job, schedule a timer, open a subscription, broadcast a signal, …). The core itself does no I/O.
 */
export type Effect =
  /** A wait opened: a job or user task to create, a timer to schedule, a subscription to open. */
  | { type: 'wait.opened'; wait: Wait }
  /** A wait changed in place: a cycle timer rescheduled to its next due time. */
  | { type: 'wait.updated'; wait: Wait }
  /** A wait is gone: cancel the job or task, unschedule the timer, close the subscription. */
  | { type: 'wait.closed'; key: string; kind: Wait['kind']; reason: 'triggered' | 'cancelled' }
  | { type: 'signal.thrown'; signalName: string; variables: VariableMap; elementId: string }
  | {
      type: 'message.published';
      messageName: string;
      correlationKey?: string;
      variables: VariableMap;
      elementId: string;
    }
  | { type: 'incident.raised'; incident: Incident }
  /** `deleted`: the incident went with its element instance or its process instance, nobody resolved it. */
  | { type: 'incident.resolved'; key: string; deleted?: true }
  | { type: 'instance.ended'; status: 'completed' | 'cancelled' | 'failed' };

/** The trace of what happened, in order: the history the runtime records and the CLI prints. */
export type TraceEvent =
  | {
      type: 'element.activated';
      key: string;
      elementId: string;
      elementType: ElementType;
      scopeKey: string | null;
    }
  | {
      type: 'element.completed';
      key: string;
      elementId: string;
      elementType: ElementType;
      scopeKey: string | null;
    }
  | {
      type: 'element.terminated';
      key: string;
      elementId: string;
      elementType: ElementType;
      scopeKey: string | null;
    }
  | { type: 'flow.taken'; flowId: string; scopeKey: string }
  | { type: 'variable.set'; scopeKey: string; name: string; value: TypedValue }
  | { type: 'variable.deleted'; scopeKey: string; name: string; previous: TypedValue }
  | { type: 'error.thrown'; elementId: string; errorCode: string; caughtBy?: string }
  | { type: 'escalation.thrown'; elementId: string; escalationCode: string; caughtBy?: string };

/** The result of a command: the new state (the input is never changed), effects for the world, and the trace. */
export interface CommandResult<S> {
  state: S;
  effects: Effect[];
  events: TraceEvent[];
}
