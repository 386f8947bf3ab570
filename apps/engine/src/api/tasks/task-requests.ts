import {
  bodyObjectOf,
  booleanField,
  invalidRequest,
  kindOf,
  textField,
  variablesFromCamunda,
} from '#camunda-rest';
import type { VariableMap } from '#bpmn';

/** What `POST /task/{id}/complete` asks for. */
export interface CompleteRequest {
  variables: VariableMap;
  withVariablesInReturn: boolean;
}

/** Camunda keeps user ids in 255 characters; a longer one would not survive a move to Camunda. */
const MAX_USER_ID_LENGTH = 255;

/**
 * The `userId` of `POST /task/{id}/claim` (required: a claim names who claims) and of `POST /task/{id}/assignee`
 * (null or absent unassigns, as Camunda's setAssignee(null) does).
 */
export function userIdOf(body: unknown, required: boolean): string | null {
  const { userId } = bodyObjectOf(body, 'the request body', '{ "userId": "jens" }');
  if (userId === undefined || userId === null) {
    if (!required) return null;
    throw invalidRequest(`Expected 'userId' to name the user who claims the task, but it is missing`);
  }
  if (typeof userId !== 'string' || userId === '') {
    throw invalidRequest(
      `Expected 'userId' to be a user id (a non-empty string), but found ${kindOf(userId)}`,
    );
  }
  if (userId.length > MAX_USER_ID_LENGTH) {
    throw invalidRequest(
      `Expected 'userId' to have at most ${MAX_USER_ID_LENGTH} characters, but it has ${userId.length}`,
    );
  }
  return userId;
}

/** The body of `POST /task/{id}/complete`: typed variables and `withVariablesInReturn`; an empty body completes. */
export function completeRequestOf(body: unknown): CompleteRequest {
  const { variables, withVariablesInReturn } = bodyObjectOf(
    body,
    'the request body',
    '{ "variables": { "approved": { "value": true, "type": "Boolean" } } }',
  );
  const returnVariables = booleanField(withVariablesInReturn, 'withVariablesInReturn');
  return {
    variables: variablesFromCamunda(variables, 'variables'),
    withVariablesInReturn: returnVariables === true,
  };
}

/** What `POST /task/{id}/bpmnError` reports: a business error the model may catch at the task. */
export interface BpmnErrorRequest {
  errorCode: string;
  errorMessage?: string;
  variables: VariableMap;
}

/** The body of `POST /task/{id}/bpmnError`: `errorCode` (required), `errorMessage`, typed `variables`. */
export function bpmnErrorRequestOf(body: unknown): BpmnErrorRequest {
  const fields = bodyObjectOf(
    body,
    'the request body',
    '{ "errorCode": "objection", "errorMessage": "The citizen objected" }',
  );
  const { errorCode, variables } = fields;
  if (typeof errorCode !== 'string' || errorCode === '') {
    throw invalidRequest(
      `Expected 'errorCode' to name the BPMN error (a non-empty string), but found ${kindOf(errorCode ?? null)}`,
    );
  }
  const errorMessage = textField(fields.errorMessage, 'errorMessage');
  return {
    errorCode,
    ...(errorMessage !== undefined && errorMessage !== '' ? { errorMessage } : {}),
    variables: variablesFromCamunda(variables, 'variables'),
  };
}
