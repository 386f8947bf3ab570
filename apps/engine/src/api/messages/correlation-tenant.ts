import { CamundaRestException, NO_TENANT, writableTenant, type Caller } from '#camunda-rest';

/**
 * The tenant a message or signal is delivered in (`POST /message`, `POST /signal`): the one named by `tenantId`
 * (which must be the caller's), none with `withoutTenantId`, else the caller's — or none, without authentication.
 */
export function correlationTenantOf(
  caller: Caller,
  request: { tenantId?: string; withoutTenantId: boolean },
): string {
  if (!request.withoutTenantId) return writableTenant(caller, request.tenantId, 'tenantId');
  if (caller.tenantId !== undefined && caller.tenantId !== NO_TENANT) {
    throw new CamundaRestException(
      403,
      'AuthorizationException',
      `The credential of '${caller.name}' is bound to tenant '${caller.tenantId}'; it cannot act without a tenant ('withoutTenantId')`,
    );
  }
  return NO_TENANT;
}
