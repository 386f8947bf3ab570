import {
  createParamDecorator,
  SetMetadata,
  type CustomDecorator,
  type ExecutionContext,
} from '@nestjs/common';
import { CamundaRestException } from '../camunda-rest.exception.js';
import { type QueryParameters } from '../query-parameters.js';
import { checkedTenantId, NO_TENANT, tenantScopeOf } from '../tenant-scope.js';

/**
 * What a caller may do. Each endpoint requires one role ({@link RequiresRole}); a credential carries a set.
 * - `process-starter`: start instances, correlate messages, send signals, read instances and history;
 * - `worker`: fetch and work external tasks;
 * - `caseworker`: list, claim and complete user tasks;
 * - `operator`: incidents, jobs, cancelling instances, changing variables, suspending;
 * - `process-owner`: deploy, validate, version and inspect models (the designer-api);
 * - `monitoring`: read the Prometheus metrics (`/metrics`) and nothing else, for the scraper's credential.
 */
export const ROLES = [
  'process-starter',
  'worker',
  'caseworker',
  'operator',
  'process-owner',
  'monitoring',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: the tenant its credential is bound to, and what it may do. */
export interface Caller {
  /**
   * The municipality the credential is bound to: every query sees only its rows, every write is done for it.
   * `undefined` only with authentication switched off (`AUTH=off`): then the request names its tenant (`tenantIdIn`,
   * a `tenant-id` path segment or field), and without one acts without a tenant.
   */
  readonly tenantId: string | undefined;
  readonly roles: ReadonlySet<Role>;
  /** The API key's name or the token's subject: for history (`userId`) and logs; never a secret. */
  readonly name: string;
}

/** The caller of every request when authentication is switched off (`AUTH=off`): every role, no tenant bound. */
export const UNAUTHENTICATED_CALLER: Caller = Object.freeze({
  tenantId: undefined,
  roles: new Set<Role>(ROLES),
  name: 'anonymous',
});

/** Where the guard leaves the caller on the request. */
export interface RequestWithCaller {
  caller?: Caller;
}

/** The metadata key of {@link RequiresRole}. */
export const REQUIRED_ROLE = 'kommune-flow:required-role';

/** The role an endpoint (or every endpoint of a controller) requires; the caller guard checks it. */
export function RequiresRole(role: Role): CustomDecorator<string> {
  return SetMetadata(REQUIRED_ROLE, role);
}

/** The metadata key of {@link PublicEndpoint}. */
export const PUBLIC_ENDPOINT = 'kommune-flow:public-endpoint';

/**
 * An endpoint anyone may call without credentials: the caller guard lets it through and sets no caller. Only for
 * what a load balancer or orchestrator must reach and that reveals nothing of any tenant (`/health`).
 */
export function PublicEndpoint(): CustomDecorator<string> {
  return SetMetadata(PUBLIC_ENDPOINT, true);
}

/** The authenticated caller of this request (set by the caller guard, which runs before every handler). */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = context.switchToHttp().getRequest<RequestWithCaller>().caller;
  if (!caller) throw new Error('No caller on the request: the caller guard did not run');
  return caller;
});

/**
 * The tenants a query of this caller may see. A caller bound to a tenant sees that tenant only (`tenantIdIn` naming
 * other tenants narrows to nothing, as Camunda's tenant check filters what the user may not see); without
 * authentication, what the query names ({@link tenantScopeOf}).
 */
export function readableTenants(
  caller: Caller,
  query: QueryParameters,
  includeWithoutTenant?: string,
): string[] {
  const named = tenantScopeOf(query, includeWithoutTenant);
  if (caller.tenantId === undefined) return named;
  const asked = query.tenantIdIn !== undefined || query.withoutTenantId !== undefined;
  if (!asked) return [caller.tenantId];
  return named.includes(caller.tenantId) ? [caller.tenantId] : [];
}

/**
 * The tenant a write of this caller is done for: the caller's own; a tenant named in the request (`field` says
 * where) must be that one. Without authentication, the named tenant, or none.
 */
export function writableTenant(caller: Caller, named: string | undefined | null, field: string): string {
  const tenant =
    named === undefined || named === null || named === '' ? undefined : checkedTenantId(named, field);
  if (caller.tenantId === undefined) return tenant ?? NO_TENANT;
  if (tenant !== undefined && tenant !== caller.tenantId) {
    throw new CamundaRestException(
      403,
      'AuthorizationException',
      `The credential of '${caller.name}' is bound to tenant '${caller.tenantId}'; it cannot act for the tenant '${tenant}' named by '${field}'`,
    );
  }
  return caller.tenantId;
}
