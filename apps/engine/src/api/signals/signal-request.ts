import type { VariableMap } from '#bpmn';
import { bodyObjectOf, booleanField, invalidRequest, textField, variablesFromCamunda } from '#camunda-rest';

/** What `POST /signal` asks for: Camunda's `SignalDto`, checked. */
export interface SignalRequest {
  name: string;
  variables: VariableMap;
  tenantId?: string;
  withoutTenantId: boolean;
}

/** Reads the body of `POST /signal`; a missing name or a field of the wrong kind is a 400 naming it. */
export function signalRequestOf(body: unknown): SignalRequest {
  const fields = bodyObjectOf(body);
  const name = textField(fields.name, 'name');
  if (name === undefined || name === '') throw invalidRequest('No signal name given');
  if (fields.executionId !== undefined && fields.executionId !== null) {
    throw invalidRequest(
      "'executionId' is not supported: a signal is delivered to every subscription of the tenant; leave it out",
    );
  }
  const tenantId = textField(fields.tenantId, 'tenantId');
  const withoutTenantId = booleanField(fields.withoutTenantId, 'withoutTenantId') ?? false;
  if (tenantId !== undefined && withoutTenantId) {
    throw invalidRequest(
      "Parameter 'tenantId' cannot be used together with parameter 'withoutTenantId': give one of them",
    );
  }
  return {
    name,
    variables: variablesFromCamunda(fields.variables, 'variables'),
    ...(tenantId !== undefined ? { tenantId } : {}),
    withoutTenantId,
  };
}
