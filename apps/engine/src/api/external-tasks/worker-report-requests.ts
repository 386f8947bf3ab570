import {
  bodyObjectOf,
  invalidRequest,
  requiredTextField,
  textField,
  variablesFromCamunda,
  wholeNumberField,
} from '#camunda-rest';
import type { VariableMap } from '#bpmn';

/** Camunda's `CompleteExternalTaskDto`. */
export interface CompleteRequest {
  workerId: string;
  variables: VariableMap;
  localVariables: VariableMap;
}

/** Camunda's `ExternalTaskFailureDto`. */
export interface FailureRequest {
  workerId: string;
  errorMessage: string | null;
  errorDetails?: string;
  retries: number;
  retryTimeoutMs: number;
}

/** Camunda's `ExternalTaskBpmnError`. */
export interface BpmnErrorRequest {
  workerId: string;
  errorCode: string;
  errorMessage?: string;
  variables?: VariableMap;
}

/** Retries and timeouts are whole numbers; Camunda's are Java ints and longs. */
const MAX_RETRIES = 2_147_483_647;

export function completeRequestOf(body: unknown): CompleteRequest {
  const fields = bodyObjectOf(body);
  return {
    workerId: requiredTextField(fields.workerId, 'workerId'),
    variables: variablesFromCamunda(fields.variables, 'variables'),
    localVariables: variablesFromCamunda(fields.localVariables, 'localVariables'),
  };
}

/**
 * `retries` is what is left after this failure (the worker counts down, as with Camunda); absent, Camunda reads it as
 * 0 — the task becomes an incident — and so does this engine.
 */
export function failureRequestOf(body: unknown): FailureRequest {
  const fields = bodyObjectOf(body);
  const errorMessage = textField(fields.errorMessage, 'errorMessage');
  const errorDetails = textField(fields.errorDetails, 'errorDetails');
  return {
    workerId: requiredTextField(fields.workerId, 'workerId'),
    errorMessage: errorMessage ?? null,
    ...(errorDetails !== undefined ? { errorDetails } : {}),
    retries: wholeNumberField(fields.retries, 'retries', 0, MAX_RETRIES) ?? 0,
    retryTimeoutMs: wholeNumberField(fields.retryTimeout, 'retryTimeout', 0, Number.MAX_SAFE_INTEGER) ?? 0,
  };
}

export function bpmnErrorRequestOf(body: unknown): BpmnErrorRequest {
  const fields = bodyObjectOf(body);
  const errorMessage = textField(fields.errorMessage, 'errorMessage');
  return {
    workerId: requiredTextField(fields.workerId, 'workerId'),
    errorCode: requiredTextField(fields.errorCode, 'errorCode'),
    ...(errorMessage !== undefined ? { errorMessage } : {}),
    ...(fields.variables !== undefined && fields.variables !== null
      ? { variables: variablesFromCamunda(fields.variables, 'variables') }
      : {}),
  };
}

/** `extendLock`'s `{ workerId, newDuration }` and `lock`'s `{ workerId, lockDuration }`: a positive duration. */
export function lockRequestOf(
  body: unknown,
  durationField: 'newDuration' | 'lockDuration',
): { workerId: string; durationMs: number } {
  const fields = bodyObjectOf(body);
  const workerId = requiredTextField(fields.workerId, 'workerId');
  const durationMs = wholeNumberField(fields[durationField], durationField, 1, Number.MAX_SAFE_INTEGER);
  if (durationMs === undefined) {
    throw invalidRequest(`Expected '${durationField}', a duration in milliseconds, but it is missing`);
  }
  return { workerId, durationMs };
}

/** `PUT /external-task/{id}/retries`: `{ "retries": 3 }`, as Camunda refuses a missing count. */
export function retriesOf(body: unknown): number {
  const fields = bodyObjectOf(body);
  const retries = wholeNumberField(fields.retries, 'retries', 0, MAX_RETRIES);
  if (retries === undefined) throw invalidRequest('The number of retries cannot be null.');
  return retries;
}
