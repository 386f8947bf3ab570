import { addDuration, TimerDefinitionError, type VariableMap } from '#bpmn';
import {
  bodyObjectOf,
  booleanField,
  invalidRequest,
  kindOf,
  textField,
  variablesFromCamunda,
} from '#camunda-rest';

/** What `POST /message` asks for: Camunda's `CorrelationMessageDto`, checked, plus our `timeToLive`. */
export interface MessageRequest {
  messageName: string;
  businessKey?: string;
  tenantId?: string;
  withoutTenantId: boolean;
  processInstanceId?: string;
  /** `correlationKeys` as plain values (the core keeps typed values' values as JSON), by name. */
  correlationKeys?: Record<string, unknown>;
  localCorrelationKeys?: Record<string, unknown>;
  processVariables: VariableMap;
  processVariablesLocal?: VariableMap;
  all: boolean;
  resultEnabled: boolean;
  variablesInResultEnabled: boolean;
  /** Our extension: how long a message nothing waits for is kept for a subscription that opens later. */
  timeToLiveMs?: number;
}

/**
 * Reads the body of `POST /message`. A field of the wrong kind, a malformed typed value or a `timeToLive` that is
 * not an ISO 8601 duration is a 400 naming it.
 */
export function messageRequestOf(body: unknown): MessageRequest {
  const fields = bodyObjectOf(body);
  const messageName = textField(fields.messageName, 'messageName');
  if (messageName === undefined || messageName === '') throw invalidRequest('No message name supplied');
  const tenantId = textField(fields.tenantId, 'tenantId');
  const withoutTenantId = booleanField(fields.withoutTenantId, 'withoutTenantId') ?? false;
  if (tenantId !== undefined && withoutTenantId) {
    throw invalidRequest(
      "Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId': give one of them",
    );
  }
  const toTriggeredScope = fields.processVariablesToTriggeredScope;
  if (
    toTriggeredScope !== undefined &&
    toTriggeredScope !== null &&
    Object.keys(bodyObjectOf(toTriggeredScope, "'processVariablesToTriggeredScope'")).length > 0
  ) {
    throw invalidRequest(
      "'processVariablesToTriggeredScope' is not supported: use 'processVariablesLocal' for the waiting scope or 'processVariables'",
    );
  }
  const businessKey = textField(fields.businessKey, 'businessKey');
  const processInstanceId = textField(fields.processInstanceId, 'processInstanceId');
  const correlationKeys = valuesOf(fields.correlationKeys, 'correlationKeys');
  const localCorrelationKeys = valuesOf(fields.localCorrelationKeys, 'localCorrelationKeys');
  const processVariablesLocal =
    fields.processVariablesLocal === undefined || fields.processVariablesLocal === null
      ? undefined
      : variablesFromCamunda(fields.processVariablesLocal, 'processVariablesLocal');
  const timeToLiveMs = timeToLiveOf(fields.timeToLive);
  return {
    messageName,
    ...(businessKey !== undefined ? { businessKey } : {}),
    ...(tenantId !== undefined ? { tenantId } : {}),
    withoutTenantId,
    ...(processInstanceId !== undefined ? { processInstanceId } : {}),
    ...(correlationKeys ? { correlationKeys } : {}),
    ...(localCorrelationKeys ? { localCorrelationKeys } : {}),
    processVariables: variablesFromCamunda(fields.processVariables, 'processVariables'),
    ...(processVariablesLocal ? { processVariablesLocal } : {}),
    all: booleanField(fields.all, 'all') ?? false,
    resultEnabled: booleanField(fields.resultEnabled, 'resultEnabled') ?? false,
    variablesInResultEnabled:
      booleanField(fields.variablesInResultEnabled, 'variablesInResultEnabled') ?? false,
    ...(timeToLiveMs !== undefined ? { timeToLiveMs } : {}),
  };
}

/** Typed correlation values (`{ "caseNumber": { "value": 42, "type": "Integer" } }`) as the values they must equal. */
function valuesOf(input: unknown, field: string): Record<string, unknown> | undefined {
  if (input === undefined || input === null) return undefined;
  const typed = variablesFromCamunda(input, field);
  if (Object.keys(typed).length === 0) return undefined;
  return Object.fromEntries(Object.entries(typed).map(([name, variable]) => [name, variable.value]));
}

/** An ISO 8601 duration (`PT1H`, `P7D`), longer than zero, as milliseconds from now. */
function timeToLiveOf(input: unknown): number | undefined {
  if (input === undefined || input === null) return undefined;
  if (typeof input !== 'string') {
    throw invalidRequest(
      `Expected 'timeToLive' to be an ISO 8601 duration such as "PT1H", but found ${kindOf(input)}`,
    );
  }
  const now = new Date();
  let expiresAt: Date;
  try {
    expiresAt = addDuration(now, input);
  } catch (error) {
    if (!(error instanceof TimerDefinitionError)) throw error;
    throw invalidRequest(
      `Cannot use 'timeToLive' value '${input}': expected an ISO 8601 duration such as "PT1H" or "P7D" (${error.message})`,
    );
  }
  const milliseconds = expiresAt.getTime() - now.getTime();
  if (milliseconds <= 0) {
    throw invalidRequest(
      `Cannot use 'timeToLive' value '${input}': a message is kept for a time longer than zero, e.g. "PT1H"`,
    );
  }
  return milliseconds;
}
