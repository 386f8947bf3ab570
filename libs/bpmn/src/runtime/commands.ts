import type { VariableMap } from '../model/typed-value.js';
import type { WaitKind } from './instance-state.js';

/** Everything the outside world can ask of a process instance. */
export type Command =
  | {
      type: 'start';
      instanceId: string;
      startEventId?: string;
      variables?: VariableMap;
      businessKey?: string;
      /** A start event with several event definitions: the index (in `eventDefinitions`) of the trigger that occurred. */
      firedDefinition?: number;
    }
  /**
   * A wait fired: a job or user task completed, a timer came due, a message or signal arrived, a condition
   * became true. `expect` guards against completing a user task through a job endpoint and the like.
   */
  | {
      type: 'trigger';
      waitKey: string;
      expect?: WaitKind;
      variables?: VariableMap;
      localVariables?: VariableMap;
    }
  /** A worker reports a business error on its job (or a person on a user task): a BPMN error at that activity. */
  | {
      type: 'throw-error';
      waitKey: string;
      errorCode: string;
      errorMessage?: string;
      variables?: VariableMap;
    }
  /**
   * A called process's uncaught escalation, reported on the call activity's wait: thrown at the call activity,
   * caught by its boundary events or those of enclosing activities; uncaught it changes nothing.
   */
  | { type: 'throw-escalation'; waitKey: string; escalationCode: string }
  /**
   * The outside world could not do what a wait asked: a job's retries are exhausted (the job stays, the incident
   * marks it; resolving the incident clears the mark once the runtime has given the job new retries), or a called
   * process could not be started or ended abnormally (the call is withdrawn; resolving the incident calls again).
   */
  | { type: 'fail-wait'; waitKey: string; message: string }
  /**
   * Sets variables (Camunda's `setVariable`, or `setVariableLocal` with `local`) and removes those named in
   * `deletions` from the scope; conditional events see both changes.
   */
  | {
      type: 'set-variables';
      scopeKey?: string;
      variables: VariableMap;
      local?: boolean;
      deletions?: string[];
    }
  | { type: 'resolve-incident'; incidentKey: string }
  | { type: 'cancel' };
