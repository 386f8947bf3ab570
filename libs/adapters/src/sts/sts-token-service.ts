import { createHash, X509Certificate } from 'node:crypto';
import type { ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import { httpSettingsOf, type HttpSettings } from '../http/http-settings.js';
import { DEFAULT_STS_RENEW_BEFORE_MS, stsSettingsOf, type StsSettings } from './sts-settings.js';
import { stsTokenOf, type StsToken } from './sts-response.js';

const TOKEN_TYPE_SAML2 = 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0';
const REQUEST_TYPE_ISSUE = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue';
const KEY_TYPE_PUBLIC_KEY = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/PublicKey';

interface CachedToken extends StsToken {
  /** When to stop handing it out and ask for a new one (the expiry minus the renewal margin). */
  readonly renewAt: number;
}

/** What one tenant's call needs: its settings, its certificate (for `UseKey`) and the cache key. */
interface Issuer {
  readonly sts: StsSettings;
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
 * The SOAP WS-Trust variant (for services that still need a holder-of-key SAML token in a WS-Security header) is
 * not built yet.
 *
 * @example
 * const { token } = await sts.token(context, 'http://stoettesystemerne.dk/service/organisation/3');
 */
export class StsTokenService {
  private readonly http: HttpClient;
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();
  private readonly now: () => number;

  constructor(options: HttpClientOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.http = new HttpClient({ ...options, idempotencyKeyHeader: false });
  }

  /** A valid token for the service with `entityId`, for the calling tenant: from the cache or issued now. */
  async token(context: ConnectorContext, entityId: string): Promise<StsToken> {
    const issuer = await this.issuerFor(context, entityId);
    const cached = this.tokens.get(issuer.key);
    if (cached && this.now() < cached.renewAt) return { token: cached.token, expiresAt: cached.expiresAt };
    let issuing = this.pending.get(issuer.key);
    if (!issuing) {
      issuing = this.issue(context, issuer, entityId).finally(() => this.pending.delete(issuer.key));
      this.pending.set(issuer.key, issuing);
    }
    const fresh = await issuing;
    this.tokens.set(issuer.key, fresh);
    return { token: fresh.token, expiresAt: fresh.expiresAt };
  }

  /** Forgets the tenant's token for the service (it answered "token expired"): the next {@link token} issues one. */
  async invalidate(context: ConnectorContext, entityId: string): Promise<void> {
    this.tokens.delete((await this.issuerFor(context, entityId)).key);
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
      http: { auth: { type: 'none' }, tls: http.tls, path: '' },
      useKey,
      key: JSON.stringify([context.tenant.id, sts.issueUrl, sts.cvr, entityId, certificate]),
    };
  }

  private async issue(context: ConnectorContext, issuer: Issuer, entityId: string): Promise<CachedToken> {
    const host = new URL(issuer.sts.issueUrl).host;
    const started = this.now();
    const response = await this.http.request(
      {
        method: 'POST',
        url: issuer.sts.issueUrl,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          TokenType: TOKEN_TYPE_SAML2,
          RequestType: REQUEST_TYPE_ISSUE,
          KeyType: KEY_TYPE_PUBLIC_KEY,
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
    const issued = stsTokenOf(response.json(), host);
    const lifetimeMs = issued.expiresAt.getTime() - started;
    const margin = Math.min(
      issuer.sts.renewBeforeMs ?? DEFAULT_STS_RENEW_BEFORE_MS,
      Math.max(lifetimeMs, 0) / 2,
    );
    return { ...issued, renewAt: issued.expiresAt.getTime() - margin };
  }
}

/** The certificate as `UseKey` wants it: its DER bytes, base64 (a PEM body on one line). */
function useKeyOf(pem: string, where: string): string {
  try {
    return new X509Certificate(pem).raw.toString('base64');
  } catch {
    throw new PermanentConnectorError(`${where}: tls.certificate is not a readable PEM certificate`);
  }
}
