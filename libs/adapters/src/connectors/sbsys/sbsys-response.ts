import { PermanentConnectorError } from '../../contract/connector-errors.js';
import { failForStatus, type HttpResponse } from '../../http/http-client.js';

/** The BPMN error an unknown case, person or company becomes unless the task names another. */
export const SBSYS_NOT_FOUND = 'SBSYS_NOT_FOUND';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields a validation answer names: ASP.NET Web API's `ModelState` (`{"sag.SagsTitel": ["…"]}`) or ASP.NET
 * Core's problem details (`errors`). Only the names — the messages may quote the value, which may be personal data.
 */
function invalidFields(response: HttpResponse): string[] {
  let body: unknown;
  try {
    body = JSON.parse(response.text()) as unknown;
  } catch {
    return [];
  }
  if (!isObject(body)) return [];
  const fields = body['ModelState'] ?? body['modelState'] ?? body['errors'];
  if (!isObject(fields)) return [];
  return Object.keys(fields)
    .map((name) => name.replace(/^[a-z]+\./, ''))
    .filter((name) => /^[A-Za-z0-9_.[\]]{1,100}$/.test(name));
}

/**
 * How SBSYS's answers read: 2xx passes; 404 is the BPMN error `notFoundErrorCode` (the case, person or company is
 * not there — a model can take another path); 400 is permanent and names the fields SBSYS refused; 5xx and 429
 * retryable; anything else permanent (see {@link failForStatus}).
 */
export function failForSbsysStatus(response: HttpResponse, what: string, notFoundErrorCode: string): void {
  if (response.status === 404) {
    throw new PermanentConnectorError(`${what} answered 404: not found`, {
      bpmnErrorCode: notFoundErrorCode,
      details: { status: 404 },
    });
  }
  if (response.status === 400) {
    const fields = invalidFields(response);
    throw new PermanentConnectorError(
      `${what} refused the request as invalid (400)${fields.length === 0 ? '' : `: ${fields.join(', ')}`}`,
      { details: { status: 400, fields } },
    );
  }
  failForStatus(response, what);
}

/** A numeric id field (`Id`, `ID`) of an SBSYS object. */
export function sbsysId(value: Record<string, unknown>, what: string): number {
  const id = value['Id'] ?? value['ID'] ?? value['id'];
  if (typeof id === 'number' && Number.isInteger(id)) return id;
  throw new PermanentConnectorError(`${what} answered an object without an Id`);
}
