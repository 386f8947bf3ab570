import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CamundaRestException } from '../camunda-rest.exception.js';
import { PUBLIC_ENDPOINT, REQUIRED_ROLE, type Caller, type RequestWithCaller, type Role } from './caller.js';

/** Finds the caller of a request from its credentials (API key, bearer token), or `undefined` when it has none. */
export interface Authenticator {
  /** Throws a 401 {@link CamundaRestException} for credentials that are present but wrong. */
  authenticate(request: {
    headers: Record<string, string | string[] | undefined>;
  }): Promise<Caller | undefined>;
}

/**
 * Runs before every handler: authenticates the request (401 without valid credentials), leaves the caller on it,
 * and checks the role the handler requires (403). An endpoint marked `@PublicEndpoint()` needs no credentials.
 */
@Injectable()
export class CallerGuard implements CanActivate {
  constructor(
    private readonly authenticator: Authenticator,
    private readonly reflector: Reflector = new Reflector(),
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ENDPOINT, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const request = context
      .switchToHttp()
      .getRequest<RequestWithCaller & { headers: Record<string, string | string[] | undefined> }>();
    const caller = await this.authenticator.authenticate(request);
    if (!caller) {
      throw new CamundaRestException(
        401,
        'AuthenticationException',
        'Authentication required: send an API key as a bearer token or as the password of HTTP Basic, or an OIDC bearer token',
      );
    }
    request.caller = caller;
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (role !== undefined && !caller.roles.has(role)) {
      throw new CamundaRestException(
        403,
        'AuthorizationException',
        `'${caller.name}' lacks the role '${role}' this request needs`,
      );
    }
    return true;
  }
}
