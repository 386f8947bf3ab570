import { createHash } from 'node:crypto';
import type { ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import { httpSettingsOf, type HttpSettings } from '../http/http-settings.js';
import { SAML2_TOKEN_TYPE } from '../soap/ws-security.js';
import { useKeyOf } from './function-certificate.js';
import { DEFAULT_STS_RENEW_BEFORE_MS, stsSettingsOf, type StsSettings } from './sts-settings.js';
import { stsTokenOf, type StsToken } from './sts-response.js';
import { WS_TRUST_ISSUE, WS_TRUST_PUBLIC_KEY } from './sts-soap-request.js';
import { StsTokenCache, type StsTokenSource } from './sts-token-cache.js';

/** What one tenant's call needs: its settings, its certificate (for `UseKey`) and the cache key. */
interface Issuer {
  readonly sts: StsSettings;
  readonly issueUrl: string;
  readonly http: HttpSettings;
  readonly useKey: string;
  readonly key: string;
}

/**
 * Tokens from KOMBIT's security token service (SF1514, the REST variant `…/runtime/api/rest/wstrust/v1/issue`) for
 * the services of the støttesystemer: the request names the municipality's CVR (`AnvenderKontekst`), the service's
 * entity id (`AppliesTo`) and the function certificate (`UseKey`), and is sent over mutual TLS with that same
 * certificate (the tenant's `tls` settings, through the shared {@link HttpClient}: timeouts, retries of 5xx).
 *
 * Tokens are cached per tenant, service, CVR and certificate until shortly before they expire, and one request
 * fetches a token for every call waiting for it; {@link invalidate} drops one the service refused as expired, so
 * the caller retries once with a fresh one. A tenant's token and TLS agent are never handed to another tenant (both
 * are keyed by the tenant). The certificate and the token are never logged.
 *
 * The SOAP WS-Trust variant (for services that need a holder-of-key SAML token in a WS-Security header) is
 * `StsSoapTokenService`; both share {@link StsTokenCache}.
 *
 * @example
 * const { token } = await sts.token(context, 'http://stoettesystemerne.dk/service/organisation/3');
 */
export class StsTokenService implements StsTokenSource {
  private readonly http: HttpClient;
  private readonly tokens: StsTokenCache;

  constructor(options: HttpClientOptions = {}) {
    this.tokens = new StsTokenCache(options.now ?? (() => Date.now()));
    this.http = new HttpClient({ ...options, idempotencyKeyHeader: false });
  }

  /** A valid token for the service with `entityId`, for the calling tenant: from the cache or issued now. */
  async token(context: ConnectorContext, entityId: string): Promise<StsToken> {
    const issuer = await this.issuerFor(context, entityId);
    return this.tokens.token(issuer.key, issuer.sts.renewBeforeMs ?? DEFAULT_STS_RENEW_BEFORE_MS, () =>
      this.issue(context, issuer, entityId),
    );
  }

  /** Forgets the tenant's token for the service (it answered "token expired"): the next {@link token} issues one. */
  async invalidate(context: ConnectorContext, entityId: string): Promise<void> {
    this.tokens.invalidate((await this.issuerFor(context, entityId)).key);
  }

  /** Closes the pooled mTLS connections. */
  close(): void {
    this.http.close();
  }

  private async issuerFor(context: ConnectorContext, entityId: string): Promise<Issuer> {
    const config = context.tenant.config;
    const where = `Tenant '${context.tenant.id}', connector '${config.connectorId}' settings`;
    if (entityId.trim() === '')
      throw new PermanentConnectorError('The service entity id (AppliesTo) is empty');
    const sts = stsSettingsOf(config.settings, where);
    if (sts.issueUrl === undefined) {
      throw new PermanentConnectorError(
        `${where}: sts.issueUrl is missing (the REST issue endpoint …/runtime/api/rest/wstrust/v1/issue)`,
      );
    }
    const http = httpSettingsOf(config.settings, where);
    if (!http.tls || !('certificate' in http.tls)) {
      throw new PermanentConnectorError(
        `${where}: tls.certificate and tls.privateKey (PEM) must hold the function certificate the STS is called with`,
      );
    }
    const useKey = useKeyOf(await config.secret('tls.certificate'), where);
    const certificate = createHash('sha256').update(useKey).digest('hex');
    return {
      sts,
      issueUrl: sts.issueUrl,
      http: { auth: { type: 'none' }, tls: http.tls, path: '' },
      useKey,
      key: JSON.stringify([context.tenant.id, sts.issueUrl, sts.cvr, entityId, certificate]),
    };
  }

  private async issue(context: ConnectorContext, issuer: Issuer, entityId: string): Promise<StsToken> {
    const host = new URL(issuer.issueUrl).host;
    const response = await this.http.request(
      {
        method: 'POST',
        // Issuing a token twice changes nothing: a failed attempt may be repeated within the call.
        idempotent: true,
        url: issuer.issueUrl,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          TokenType: SAML2_TOKEN_TYPE,
          RequestType: WS_TRUST_ISSUE,
          KeyType: WS_TRUST_PUBLIC_KEY,
          AnvenderKontekst: { Cvr: issuer.sts.cvr },
          UseKey: issuer.useKey,
          AppliesTo: { EndpointReference: { Address: entityId } },
          OnBehalfOf: null,
        }),
      },
      context,
      issuer.http,
    );
    if (response.status === 429 || response.status >= 500) {
      throw new RetryableConnectorError(`The STS at ${host} answered ${response.status}`);
    }
    if (response.status !== 200) {
      throw new PermanentConnectorError(
        `The STS at ${host} refused a token for '${entityId}' (${response.status}): check sts.cvr, the function certificate and the service agreement for the service`,
        { details: { status: response.status } },
      );
    }
    return stsTokenOf(response.json(), host);
  }
}
