import type { TypedValue, VariableMap } from '#bpmn';
import { invalidRequest } from './camunda-rest.exception.js';
import { kindOf, variablesFromCamunda } from './typed-variables.js';

/** What `POST …/variables` asks for: variables to set and names to remove. */
export interface VariableModifications {
  modifications: VariableMap;
  deletions: string[];
}

/**
 * Reads the body of Camunda's `POST /process-instance/{id}/variables` and `POST /task/{id}/variables`:
 * `{ "modifications": { "name": { "value": …, "type": "…" } }, "deletions": ["name"] }`. Each typed value is
 * checked as {@link variablesFromCamunda} checks it; a malformed part is a 400 naming the field.
 */
export function variableModificationsOf(body: unknown): VariableModifications {
  if (body === undefined || body === null) return { modifications: {}, deletions: [] };
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest(
      `Expected the request body to be a JSON object { "modifications": { … }, "deletions": [ … ] }, but found ${kindOf(body)}`,
    );
  }
  const { modifications, deletions } = body as Record<string, unknown>;
  if (
    deletions !== undefined &&
    deletions !== null &&
    (!Array.isArray(deletions) || deletions.some((name) => typeof name !== 'string' || name === ''))
  ) {
    throw invalidRequest(
      `Expected 'deletions' to be a list of variable names, but found ${kindOf(deletions)}`,
    );
  }
  return {
    modifications: variablesFromCamunda(modifications, 'modifications'),
    deletions: (deletions as string[] | undefined | null) ?? [],
  };
}

/** Reads the body of Camunda's `PUT …/variables/{name}`: one typed value `{ "value": …, "type": "…", "valueInfo": … }`. */
export function singleVariableOf(name: string, body: unknown): TypedValue {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidRequest(
      `Expected the request body to be a variable { "value": …, "type": "String" }, but found ${kindOf(body ?? null)}`,
    );
  }
  return variablesFromCamunda({ [name]: body }, 'body')[name] as TypedValue;
}
