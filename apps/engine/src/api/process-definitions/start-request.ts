import { invalidRequest, kindOf, variablesFromCamunda } from '#camunda-rest';
import type { VariableMap } from '#bpmn';

/** What a start request asks for, checked: Camunda's `StartProcessInstanceDto`, as far as this engine supports it. */
export interface StartRequest {
  businessKey?: string;
  variables: VariableMap;
  withVariablesInReturn: boolean;
}

/** Camunda stores business keys in a 255-character column; a longer one would not survive a move to Camunda. */
const MAX_BUSINESS_KEY_LENGTH = 255;

/**
 * Reads the JSON body of `POST /process-definition/key/{key}/start`. Anything the caller got wrong is a 400 that
 * names the field; options this engine does not support yet are refused rather than silently ignored.
 */
export function startRequestOf(body: unknown): StartRequest {
  if (body === undefined || body === null) return { variables: {}, withVariablesInReturn: false };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest(
      `Expected the request body to be a JSON object such as { "variables": { "amount": { "value": 5000, "type": "Integer" } }, "businessKey": "…" }, but found ${kindOf(body)}`,
    );
  }
  const { businessKey, variables, withVariablesInReturn, startInstructions } = body as Record<
    string,
    unknown
  >;
  if (businessKey !== undefined && businessKey !== null && typeof businessKey !== 'string') {
    throw invalidRequest(`Expected 'businessKey' to be a string, but found ${kindOf(businessKey)}`);
  }
  if (typeof businessKey === 'string' && businessKey.length > MAX_BUSINESS_KEY_LENGTH) {
    throw invalidRequest(
      `Expected 'businessKey' to have at most ${MAX_BUSINESS_KEY_LENGTH} characters, but it has ${businessKey.length}`,
    );
  }
  if (
    withVariablesInReturn !== undefined &&
    withVariablesInReturn !== null &&
    typeof withVariablesInReturn !== 'boolean'
  ) {
    throw invalidRequest(
      `Expected 'withVariablesInReturn' to be true or false, but found ${kindOf(withVariablesInReturn)}`,
    );
  }
  if (Array.isArray(startInstructions) && startInstructions.length > 0) {
    throw invalidRequest(
      "'startInstructions' are not supported yet: leave them out to start the process at its start event",
    );
  }
  return {
    ...(typeof businessKey === 'string' ? { businessKey } : {}),
    variables: variablesFromCamunda(variables, 'variables'),
    withVariablesInReturn: withVariablesInReturn === true,
  };
}

/** Longest `Idempotency-Key` accepted (a UUID is 36 characters; clients sometimes send a hash). */
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * The `Idempotency-Key` header of a start: printable ASCII, 1–255 characters; absent means every start is a new
 * instance.
 */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (header.length === 0 || header.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(header)) {
    throw invalidRequest(
      `Cannot use the 'Idempotency-Key' header: expected 1-${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters without spaces`,
    );
  }
  return header;
}
