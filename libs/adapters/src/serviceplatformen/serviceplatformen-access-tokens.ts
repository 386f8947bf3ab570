import { createHash } from 'node:crypto';
import type { ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import { httpSettingsOf } from '../http/http-settings.js';
import { StsTokenService } from '../sts/sts-token-service.js';

/** Where Serviceplatformen exchanges an STS token for an access token, under the service endpoint's origin. */
export const ACCESS_TOKEN_SERVICE_PATH = '/service/AccessTokenService_1/token';

/** Stop handing out an access token this long before it expires (at most half its lifetime). */
const RENEW_BEFORE_MS = 60_000;

/** What the REST services of Serviceplatformen read from a tenant's settings to authorise a call. */
export interface AccessTokenRequest {
  /** The service's entity id: the STS token's `AppliesTo` (`http://entityid.kombit.dk/service/kombipostafsend/1`). */
  readonly entityId: string;
  /** Serviceplatformen's AccessTokenService (`https://prod.serviceplatformen.dk/service/AccessTokenService_1/token`). */
  readonly accessTokenUrl: string;
}

interface CachedAccessToken {
  /** The `Authorization` header's value: `<token_type> <access_token>` (`Holder-of-key …`). */
  readonly authorization: string;
  readonly renewAt: number;
}

/**
 * The `Authorization` header for a REST service on Serviceplatformen (SF1601 KombiPostAfsend, PostForespoerg): a
 * SAML token from KOMBIT's STS (SF1514, through {@link StsTokenService}) for the service's entity id, exchanged at
 * Serviceplatformen's AccessTokenService for an access token of type `Holder-of-key`. The token is bound to the
 * function certificate, so the exchange and the service call both go over mutual TLS with the tenant's `tls`.
 *
 * Access tokens are cached per tenant, service and SAML token until shortly before `expires_in` runs out;
 * {@link invalidate} forgets both tokens after the service refused one (401), so the caller retries once with a
 * fresh pair. Neither token is ever logged.
 *
 * @example
 * const authorization = await tokens.authorization(context, { entityId, accessTokenUrl });
 * // headers.authorization = authorization  →  'Holder-of-key eyJhbGciOi…'
 */
export class ServiceplatformenAccessTokens {
  private readonly http: HttpClient;
  private readonly cache = new Map<string, CachedAccessToken>();
  private readonly now: () => number;

  constructor(
    private readonly sts: StsTokenService = new StsTokenService(),
    options: HttpClientOptions = {},
  ) {
    this.now = options.now ?? (() => Date.now());
    this.http = new HttpClient({ ...options, idempotencyKeyHeader: false });
  }

  /** The header value for a call of the tenant in `context` to the service `request.entityId`. */
  async authorization(context: ConnectorContext, request: AccessTokenRequest): Promise<string> {
    const saml = await this.sts.token(context, request.entityId);
    const key = cacheKey(context, request, saml.token);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.renewAt) return cached.authorization;
    const fresh = await this.exchange(context, request.accessTokenUrl, saml.token);
    this.cache.set(key, fresh);
    return fresh.authorization;
  }

  /** Forgets the tenant's tokens for the service (it answered 401): the next {@link authorization} gets new ones. */
  async invalidate(context: ConnectorContext, request: AccessTokenRequest): Promise<void> {
    const prefix = JSON.stringify([context.tenant.id, request.entityId, request.accessTokenUrl]);
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
    await this.sts.invalidate(context, request.entityId);
  }

  /** Closes the pooled mTLS connections (the STS's too). */
  close(): void {
    this.http.close();
    this.sts.close();
  }

  private async exchange(
    context: ConnectorContext,
    accessTokenUrl: string,
    samlToken: string,
  ): Promise<CachedAccessToken> {
    const host = new URL(accessTokenUrl).host;
    const where = `Tenant '${context.tenant.id}', connector '${context.tenant.config.connectorId}' settings`;
    const { tls } = httpSettingsOf(context.tenant.config.settings, where);
    const started = this.now();
    const response = await this.http.request(
      {
        method: 'POST',
        url: accessTokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ 'saml-token': samlToken }).toString(),
        // Exchanging the same SAML token twice yields two valid access tokens and changes nothing else.
        idempotent: true,
      },
      context,
      { auth: { type: 'none' }, ...(tls ? { tls } : {}), path: '' },
    );
    if (response.status === 429 || response.status >= 500) {
      throw new RetryableConnectorError(
        `Serviceplatformen's AccessTokenService at ${host} answered ${response.status}`,
      );
    }
    if (response.status !== 200) {
      throw new PermanentConnectorError(
        `Serviceplatformen's AccessTokenService at ${host} refused the STS token (${response.status}): check the function certificate, sts.cvr and the service agreement`,
        { details: { status: response.status } },
      );
    }
    const body = response.json() as { access_token?: unknown; token_type?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || body.access_token === '') {
      throw new PermanentConnectorError(
        `Serviceplatformen's AccessTokenService at ${host} answered no access_token`,
      );
    }
    const type =
      typeof body.token_type === 'string' && body.token_type !== '' ? body.token_type : 'Holder-of-key';
    const lifetimeMs =
      typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : 0;
    return {
      authorization: `${type} ${body.access_token}`,
      renewAt: started + lifetimeMs - Math.min(RENEW_BEFORE_MS, lifetimeMs / 2),
    };
  }
}

function cacheKey(context: ConnectorContext, request: AccessTokenRequest, samlToken: string): string {
  // The SAML token's hash: a new one (renewed, or after invalidate) never meets the access token of the old one.
  const saml = createHash('sha256').update(samlToken).digest('hex');
  return `${JSON.stringify([context.tenant.id, request.entityId, request.accessTokenUrl])}${saml}`;
}
