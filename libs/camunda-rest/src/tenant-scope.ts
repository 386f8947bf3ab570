import { invalidRequest } from './camunda-rest.exception.js';
import { booleanParameter, listParameter, type QueryParameters } from './query-parameters.js';

/** How the store writes "no tenant": rows deployed or started without a tenant id have tenant ''. */
export const NO_TENANT = '';

/** What a tenant id may look like: a municipality's code or short name (`0751`, `aarhus`, `kommune-a`). */
export const TENANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The tenants a query may see, from Camunda's parameters: `tenantIdIn` (comma-separated), `withoutTenantId=true`
 * (rows without a tenant) and `include…WithoutTenantId=true` (both). Without any of them a query sees only the rows
 * without a tenant: never a row of a tenant the caller did not name.
 */
export function tenantScopeOf(query: QueryParameters, includeWithoutTenant?: string): string[] {
  const named = listParameter(query, 'tenantIdIn')?.map((tenantId) =>
    checkedTenantId(tenantId, 'tenantIdIn'),
  );
  const without = booleanParameter(query, 'withoutTenantId') === true;
  const include = includeWithoutTenant ? booleanParameter(query, includeWithoutTenant) === true : false;
  if (named === undefined) return [NO_TENANT];
  return [...new Set([...named, ...(without || include ? [NO_TENANT] : [])])];
}

/** A tenant id from a path or form field, checked; `field` names it in the message. */
export function checkedTenantId(value: string, field: string): string {
  if (!TENANT_ID_PATTERN.test(value)) {
    throw invalidRequest(
      `Cannot use '${field}' value '${value}' as a tenant id: expected 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  return value;
}

/** A tenant id as Camunda writes it: `null` for no tenant. */
export function camundaTenantId(tenantId: string): string | null {
  return tenantId === NO_TENANT ? null : tenantId;
}
