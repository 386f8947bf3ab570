import { CamundaRestException } from '../camunda-rest.exception.js';
import { ApiKeyRegistry, type ApiKeyEntry } from './api-keys.js';
import { UNAUTHENTICATED_CALLER, type Caller } from './caller.js';
import type { Authenticator } from './caller.guard.js';
import { OidcTokenVerifier, type OidcSettings } from './oidc-token-verifier.js';

/**
 * Who may call the HTTP APIs: nobody is asked (`off`, for local development: every request acts as
 * {@link UNAUTHENTICATED_CALLER}), or callers with one of the API keys or an OIDC token of the issuer. With neither
 * configured, every request is refused.
 */
export type AuthenticationSettings =
  { mode: 'off' } | { mode: 'credentials'; apiKeys: ApiKeyEntry[]; oidc: OidcSettings | undefined };

/** The authenticator the settings ask for. */
export function authenticatorFor(settings: AuthenticationSettings): Authenticator {
  if (settings.mode === 'off') return { authenticate: () => Promise.resolve(UNAUTHENTICATED_CALLER) };
  return new CredentialAuthenticator(settings.apiKeys, settings.oidc);
}

/** A compact JWS (`header.payload.signature`, base64url): what an OIDC access token looks like, and an API key does not. */
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * Authenticates a request by its `Authorization` header:
 * - `Bearer <API key>` or `Bearer <OIDC access token>` (a JWT, when an issuer is configured);
 * - `Basic base64(<any user name>:<API key>)`, which is how camunda-external-task-client-js's BasicAuthInterceptor
 *   and Camunda Modeler send credentials. The user name is not checked: the key alone says who calls (its entry's
 *   name is the caller's), so clients that insist on a user name can send any.
 * Messages never repeat the credential.
 */
export class CredentialAuthenticator implements Authenticator {
  private readonly keys: ApiKeyRegistry;
  private readonly oidc: OidcTokenVerifier | undefined;

  constructor(apiKeys: readonly ApiKeyEntry[], oidc: OidcSettings | undefined) {
    this.keys = new ApiKeyRegistry(apiKeys);
    this.oidc = oidc ? new OidcTokenVerifier(oidc) : undefined;
  }

  async authenticate(request: {
    headers: Record<string, string | string[] | undefined>;
  }): Promise<Caller | undefined> {
    if (this.keys.size === 0 && !this.oidc) {
      throw unauthenticated(
        'This server accepts no credentials: neither API keys (API_KEYS, API_KEYS_FILE) nor an OIDC issuer (OIDC_ISSUER, OIDC_JWKS_URL, OIDC_AUDIENCE) are configured. Configure one, or set AUTH=off for local development',
      );
    }
    const header = request.headers.authorization;
    if (header === undefined || header === '') return undefined;
    if (Array.isArray(header)) throw unauthenticated('Send one Authorization header, not several');
    const space = header.indexOf(' ');
    const scheme = (space < 0 ? header : header.slice(0, space)).toLowerCase();
    const credential = space < 0 ? '' : header.slice(space + 1).trim();
    if (scheme === 'bearer') return this.bearer(credential);
    if (scheme === 'basic') return this.apiKey(passwordOfBasic(credential), 'HTTP Basic password');
    throw unauthenticated(
      `The Authorization scheme '${scheme.slice(0, 20)}' is not supported: send 'Bearer <API key or token>' or HTTP Basic with the API key as the password`,
    );
  }

  private async bearer(credential: string): Promise<Caller> {
    if (this.oidc && COMPACT_JWT.test(credential)) return this.oidc.callerOf(credential);
    return this.apiKey(credential, 'bearer token');
  }

  private apiKey(key: string, how: string): Caller {
    const caller = key === '' ? undefined : this.keys.callerOf(key);
    if (!caller) {
      throw unauthenticated(
        `The ${how} is not a valid API key${this.oidc ? ' or OIDC token' : ''}: check the key, or ask for a new one`,
      );
    }
    return caller;
  }
}

/** The password of `Basic base64(user:password)`; the password may itself contain ':'. */
function passwordOfBasic(credential: string): string {
  const decoded = Buffer.from(credential, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    throw unauthenticated(
      'The HTTP Basic credentials are not base64 of <user>:<API key>; send the API key as the password (any user name)',
    );
  }
  return decoded.slice(colon + 1);
}

function unauthenticated(message: string): CamundaRestException {
  return new CamundaRestException(401, 'AuthenticationException', message);
}
