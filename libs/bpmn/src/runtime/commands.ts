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
  | { type: 'set-variables'; scopeKey?: string; variables: VariableMap; local?: boolean }
  | { type: 'resolve-incident'; incidentKey: string }
  | { type: 'cancel' };
