import { invalidRequest, kindOf, variablesFromCamunda } from '#camunda-rest';
import type { VariableMap } from '#bpmn';
import { objectOf, requiredText, wholeNumber } from './fetch-and-lock-request.js';

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
  const fields = objectOf(body, 'the request body');
  return {
    workerId: requiredText(fields.workerId, 'workerId'),
    variables: variablesFromCamunda(fields.variables, 'variables'),
    localVariables: variablesFromCamunda(fields.localVariables, 'localVariables'),
  };
}

/**
 * `retries` is what is left after this failure (the worker counts down, as with Camunda); absent, Camunda reads it as
 * 0 — the task becomes an incident — and so does this engine.
 */
export function failureRequestOf(body: unknown): FailureRequest {
  const fields = objectOf(body, 'the request body');
  const errorMessage = optionalString(fields.errorMessage, 'errorMessage');
  const errorDetails = optionalString(fields.errorDetails, 'errorDetails');
  return {
    workerId: requiredText(fields.workerId, 'workerId'),
    errorMessage: errorMessage ?? null,
    ...(errorDetails !== undefined ? { errorDetails } : {}),
    retries: wholeNumber(fields.retries, 'retries', 0, MAX_RETRIES) ?? 0,
    retryTimeoutMs: wholeNumber(fields.retryTimeout, 'retryTimeout', 0, Number.MAX_SAFE_INTEGER) ?? 0,
  };
}

export function bpmnErrorRequestOf(body: unknown): BpmnErrorRequest {
  const fields = objectOf(body, 'the request body');
  const errorMessage = optionalString(fields.errorMessage, 'errorMessage');
  return {
    workerId: requiredText(fields.workerId, 'workerId'),
    errorCode: requiredText(fields.errorCode, 'errorCode'),
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
  const fields = objectOf(body, 'the request body');
  const workerId = requiredText(fields.workerId, 'workerId');
  const durationMs = wholeNumber(fields[durationField], durationField, 1, Number.MAX_SAFE_INTEGER);
  if (durationMs === undefined) {
    throw invalidRequest(`Expected '${durationField}', a duration in milliseconds, but it is missing`);
  }
  return { workerId, durationMs };
}

/** `PUT /external-task/{id}/retries`: `{ "retries": 3 }`, as Camunda refuses a missing count. */
export function retriesOf(body: unknown): number {
  const fields = objectOf(body, 'the request body');
  const retries = wholeNumber(fields.retries, 'retries', 0, MAX_RETRIES);
  if (retries === undefined) throw invalidRequest('The number of retries cannot be null.');
  return retries;
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    throw invalidRequest(`Expected '${field}' to be a string, but found ${kindOf(value)}`);
  return value;
}
