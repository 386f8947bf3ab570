import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { CamundaRestException } from '../camunda-rest.exception.js';
import { NO_TENANT, TENANT_ID_PATTERN } from '../tenant-scope.js';
import { ROLES, type Caller, type Role } from './caller.js';

/** Where OIDC bearer tokens come from and how their claims name the tenant and the roles. */
export interface OidcSettings {
  /** The issuer's JSON Web Key Set (https, or http on loopback for development). */
  jwksUrl: string;
  /** The `iss` every token must carry. */
  issuer: string;
  /** An `aud` every token must carry: this API's client id or resource. */
  audience: string;
  /** The claim (a dotted path for nested ones, e.g. `kf.tenant`) holding the tenant id. */
  tenantClaim: string;
  /** The claim (dotted path, e.g. Keycloak's `realm_access.roles`) holding the roles: a list or a space-separated string. */
  rolesClaim: string;
}

/** How long fetched signing keys are trusted before they are fetched again; a token with an unknown `kid` refetches sooner. */
const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
/** At most one refetch for unknown keys per this long, so forged `kid`s cannot make us hammer the issuer. */
const JWKS_COOLDOWN_MS = 30_000;
const JWKS_TIMEOUT_MS = 5_000;
/** Clock skew tolerated between the issuer and us for `exp` and `nbf`. */
const CLOCK_TOLERANCE_SECONDS = 30;

/**
 * Checks OIDC access tokens (JWTs) against the issuer's signing keys (fetched from the JWKS URL and cached), its
 * issuer and audience, and turns them into a caller: the tenant and the roles from the configured claims, the
 * subject as the name. Roles the engine does not know are ignored (an identity provider sends many).
 */
export class OidcTokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly settings: OidcSettings) {
    this.keys = createRemoteJWKSet(new URL(settings.jwksUrl), {
      cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
      cooldownDuration: JWKS_COOLDOWN_MS,
      timeoutDuration: JWKS_TIMEOUT_MS,
    });
  }

  /** The caller the token stands for; a 401 for a token that is invalid, expired or not for us. */
  async callerOf(token: string): Promise<Caller> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      }));
    } catch (error) {
      throw rejectionOf(error);
    }
    return {
      name: typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : 'oidc-subject',
      tenantId: this.tenantOf(payload),
      roles: this.rolesOf(payload),
    };
  }

  private tenantOf(payload: JWTPayload): string {
    const { tenantClaim } = this.settings;
    const value = claimAt(payload, tenantClaim);
    // An empty tenant claim is a token for the rows without a tenant, as an API key with "tenant": null.
    if (value === '') return NO_TENANT;
    if (typeof value !== 'string' || !TENANT_ID_PATTERN.test(value)) {
      throw unauthenticated(
        value === undefined
          ? `The bearer token carries no '${tenantClaim}' claim naming its tenant (OIDC_TENANT_CLAIM); ask the identity provider to add it`
          : `The bearer token's '${tenantClaim}' claim is not a tenant id (1-64 letters, digits, '.', '_', '-')`,
      );
    }
    return value;
  }

  private rolesOf(payload: JWTPayload): ReadonlySet<Role> {
    const value = claimAt(payload, this.settings.rolesClaim);
    const listed = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/\s+/) : [];
    const known = ROLES as readonly unknown[];
    return new Set(listed.filter((role): role is Role => known.includes(role)));
  }
}

/** A claim by dotted path (`realm_access.roles`); a claim whose own name has a dot is found too. */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (Object.hasOwn(payload, path)) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Why a token was refused, without echoing it. Failing to reach the issuer is ours to fix: 503, not 401. */
function rejectionOf(error: unknown): CamundaRestException {
  if (error instanceof errors.JWTExpired) return unauthenticated('The bearer token has expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    const claims: Record<string, string> = {
      iss: "was not issued by the configured issuer (its 'iss' claim differs from OIDC_ISSUER)",
      aud: "is not meant for this API (its 'aud' claim lacks OIDC_AUDIENCE)",
      nbf: "is not valid yet (its 'nbf' claim is in the future)",
    };
    return unauthenticated(
      `The bearer token ${claims[error.claim] ?? `has an invalid '${error.claim}' claim`}`,
    );
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JOSEAlgNotAllowed ||
    error instanceof errors.JOSENotSupported
  ) {
    return unauthenticated("The bearer token's signature does not verify with the issuer's signing keys");
  }
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) {
    return unauthenticated('The bearer token is not a well-formed signed JWT');
  }
  return new CamundaRestException(
    503,
    'AuthenticationException',
    "Could not fetch the identity provider's signing keys from OIDC_JWKS_URL to check the bearer token; try again shortly",
  );
}

function unauthenticated(message: string): CamundaRestException {
  return new CamundaRestException(401, 'AuthenticationException', message);
}
