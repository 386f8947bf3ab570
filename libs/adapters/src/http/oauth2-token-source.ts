import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import type { TenantConnectorConfig } from '../tenant/tenant-connector-config.js';
import type { OAuth2Auth } from './http-settings.js';

/** Renew a token this long before it expires unless the settings say otherwise (at most half its lifetime). */
export const DEFAULT_TOKEN_RENEW_BEFORE_MS = 60_000;

/** A token as the token endpoint answered it. */
export interface IssuedToken {
  readonly accessToken: string;
  /** Its lifetime in seconds (`expires_in`); a token without one is kept for 5 minutes. */
  readonly expiresInSeconds: number;
}

/** Makes the token request: a form POST to `tokenUrl`. The HTTP client supplies it, so its timeouts apply. */
export type TokenRequester = (
  tokenUrl: string,
  form: URLSearchParams,
  signal: AbortSignal,
) => Promise<{ status: number; body: string }>;

interface CachedToken {
  readonly accessToken: string;
  /** When to stop using it and fetch a new one (the expiry minus the renewal margin). */
  readonly renewAt: number;
}

const DEFAULT_LIFETIME_SECONDS = 300;

/**
 * OAuth2 access tokens (client credentials or resource owner password grant), cached per tenant, connector and
 * the settings the token is requested with (token URL, client, user, secret references): a token is reused until
 * shortly before it expires, one request fetches it for every call waiting at that moment, and {@link invalidate}
 * drops it when the API answers 401 (the caller then retries once with a fresh one).
 */
export class OAuth2TokenSource {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly requestToken: TokenRequester,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * The cache key of the token these settings get for this tenant's connector: every setting the token request is
   * made from, the secret references included, so a token got with a rotated credential (reloaded settings naming
   * a new client secret or password) is never served again.
   */
  keyOf(config: TenantConnectorConfig, auth: OAuth2Auth): string {
    return JSON.stringify([
      config.tenantId,
      config.connectorId,
      auth.grant,
      auth.tokenUrl,
      auth.clientId,
      auth.clientSecret?.secretRef ?? '',
      auth.username ?? '',
      auth.password?.secretRef ?? '',
      auth.scope ?? '',
      auth.audience ?? '',
    ]);
  }

  /** A valid access token, from the cache or fetched now. */
  async token(
    config: TenantConnectorConfig,
    auth: OAuth2Auth,
    signal: AbortSignal,
    settingsPath = 'auth',
  ): Promise<string> {
    const key = this.keyOf(config, auth);
    const cached = this.tokens.get(key);
    if (cached && this.now() < cached.renewAt) return cached.accessToken;
    let fetching = this.pending.get(key);
    if (!fetching) {
      fetching = this.fetch(config, auth, signal, settingsPath).finally(() => this.pending.delete(key));
      this.pending.set(key, fetching);
    }
    const fresh = await fetching;
    this.tokens.set(key, fresh);
    return fresh.accessToken;
  }

  /** Forgets the token (the API refused it): the next {@link token} fetches a new one. */
  invalidate(config: TenantConnectorConfig, auth: OAuth2Auth): void {
    this.tokens.delete(this.keyOf(config, auth));
  }

  private async fetch(
    config: TenantConnectorConfig,
    auth: OAuth2Auth,
    signal: AbortSignal,
    settingsPath: string,
  ): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: auth.grant, client_id: auth.clientId });
    if (auth.clientSecret !== undefined)
      form.set('client_secret', await config.secret(`${settingsPath}.clientSecret`));
    if (auth.grant === 'password') {
      form.set('username', auth.username ?? '');
      form.set('password', await config.secret(`${settingsPath}.password`));
    }
    if (auth.scope) form.set('scope', auth.scope);
    if (auth.audience) form.set('audience', auth.audience);
    const host = new URL(auth.tokenUrl).host;
    const started = this.now();
    const response = await this.requestToken(auth.tokenUrl, form, signal);
    if (response.status >= 500 || response.status === 429) {
      throw new RetryableConnectorError(`The token endpoint at ${host} answered ${response.status}`);
    }
    if (response.status !== 200) {
      throw new PermanentConnectorError(
        `The token endpoint at ${host} refused the ${auth.grant} grant for client '${auth.clientId}' (${response.status}): check ${settingsPath}.clientId and the credentials`,
        { details: { status: response.status } },
      );
    }
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(response.body) as typeof body;
    } catch {
      throw new PermanentConnectorError(`The token endpoint at ${host} answered something that is not JSON`);
    }
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new PermanentConnectorError(`The token endpoint at ${host} answered no access_token`);
    }
    const lifetimeMs =
      (typeof body.expires_in === 'number' && body.expires_in > 0
        ? body.expires_in
        : typeof body.expires_in === 'string' && /^\d+$/.test(body.expires_in)
          ? Number(body.expires_in)
          : DEFAULT_LIFETIME_SECONDS) * 1000;
    const margin = Math.min(auth.renewBeforeMs ?? DEFAULT_TOKEN_RENEW_BEFORE_MS, lifetimeMs / 2);
    return { accessToken: body.access_token, renewAt: started + lifetimeMs - margin };
  }
}
