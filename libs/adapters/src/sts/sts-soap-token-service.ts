import { createHash, randomUUID, type KeyObject } from 'node:crypto';
import type { ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { httpSettingsOf } from '../http/http-settings.js';
import { resolveTlsCredentials } from '../http/tls-credentials.js';
import { httpsXmlTransport, type ClientTls, type XmlHttpTransport } from '../soap/https-xml-transport.js';
import { exchangeSoap } from '../soap/soap-call.js';
import { isSenderFault } from '../soap/soap-envelope.js';
import { functionCertificateKeyOf, securedSoapEnvelope } from '../soap/ws-security.js';
import { useKeyOf } from './function-certificate.js';
import { DEFAULT_STS_RENEW_BEFORE_MS, stsSettingsOf, type StsSettings } from './sts-settings.js';
import type { StsToken } from './sts-response.js';
import { requestSecurityTokenOf, WS_TRUST_ISSUE_ACTION } from './sts-soap-request.js';
import { stsSoapTokenOf } from './sts-soap-response.js';
import { StsTokenCache, type StsTokenSource } from './sts-token-cache.js';

export interface StsSoapTokenServiceOptions {
  /** How the request travels (default: HTTPS with the tenant's function certificate). */
  readonly transport?: XmlHttpTransport;
  /** The clock for the cache and the request's Timestamp (default `Date.now`). */
  readonly now?: () => number;
}

/** What one tenant's call needs: its settings, its function certificate (TLS, UseKey, signing key), the cache key. */
interface SoapIssuer {
  readonly sts: StsSettings;
  readonly issueUrl: string;
  readonly tls: ClientTls;
  readonly certificateDerBase64: string;
  readonly privateKey: KeyObject;
  readonly key: string;
}

/**
 * Tokens from KOMBIT's security token service (SF1514) through its SOAP WS-Trust 1.3 variant, for services that
 * want a holder-of-key SAML assertion in a WS-Security header (the SOAP services of the støttesystemer, such as
 * Sags- og Dokumentindeks): a RequestSecurityToken for the service's entity id (`AppliesTo`) and the municipality's
 * CVR (the AnvenderKontekst claim), bound to the function certificate (`UseKey`), signed with that certificate's
 * key and sent over mutual TLS with it. The answer is the STS's assertion, passed on unchanged.
 *
 * Caching, renewal and {@link invalidate} work as for the REST variant ({@link StsTokenCache}): per tenant, STS,
 * CVR, service and certificate. Certificates, keys and tokens are never logged.
 *
 * @example
 * const { token: assertion } = await sts.token(context, 'http://stoettesystemerne.dk/service/sagdokumentindeks/6');
 */
export class StsSoapTokenService implements StsTokenSource {
  private readonly tokens: StsTokenCache;
  private readonly transport: XmlHttpTransport;
  private readonly now: () => number;

  constructor(options: StsSoapTokenServiceOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.transport = options.transport ?? httpsXmlTransport;
    this.tokens = new StsTokenCache(this.now);
  }

  async token(context: ConnectorContext, entityId: string): Promise<StsToken> {
    const issuer = await this.issuerFor(context, entityId);
    return this.tokens.token(issuer.key, issuer.sts.renewBeforeMs ?? DEFAULT_STS_RENEW_BEFORE_MS, () =>
      this.issue(context, issuer, entityId),
    );
  }

  async invalidate(context: ConnectorContext, entityId: string): Promise<void> {
    this.tokens.invalidate((await this.issuerFor(context, entityId)).key);
  }

  private async issuerFor(context: ConnectorContext, entityId: string): Promise<SoapIssuer> {
    const config = context.tenant.config;
    const where = `Tenant '${context.tenant.id}', connector '${config.connectorId}' settings`;
    if (entityId.trim() === '')
      throw new PermanentConnectorError('The service entity id (AppliesTo) is empty');
    const sts = stsSettingsOf(config.settings, where);
    if (sts.soapIssueUrl === undefined) {
      throw new PermanentConnectorError(
        `${where}: sts.soapIssueUrl is missing (the STS's SOAP WS-Trust endpoint, for services that want a SAML assertion)`,
      );
    }
    const { tls } = httpSettingsOf(config.settings, where);
    if (!tls || !('certificate' in tls)) {
      throw new PermanentConnectorError(
        `${where}: tls.certificate and tls.privateKey (PEM) must hold the function certificate that signs the STS request`,
      );
    }
    const credentials = await resolveTlsCredentials(config, tls);
    const certificateDerBase64 = useKeyOf(String(credentials.options.cert), where);
    const passphrase =
      credentials.options.passphrase === undefined ? undefined : String(credentials.options.passphrase);
    const privateKey = functionCertificateKeyOf(String(credentials.options.key), passphrase, where);
    const certificate = createHash('sha256').update(certificateDerBase64).digest('hex');
    return {
      sts,
      issueUrl: sts.soapIssueUrl,
      tls: credentials.options,
      certificateDerBase64,
      privateKey,
      key: JSON.stringify(['soap', context.tenant.id, sts.soapIssueUrl, sts.cvr, entityId, certificate]),
    };
  }

  private async issue(context: ConnectorContext, issuer: SoapIssuer, entityId: string): Promise<StsToken> {
    const host = new URL(issuer.issueUrl).host;
    const service = `KOMBIT STS (SF1514 WS-Trust) at ${host}`;
    const envelope = securedSoapEnvelope({
      action: WS_TRUST_ISSUE_ACTION,
      to: issuer.issueUrl,
      messageId: `urn:uuid:${randomUUID()}`,
      payload: requestSecurityTokenOf({
        entityId,
        cvr: issuer.sts.cvr,
        certificateDerBase64: issuer.certificateDerBase64,
      }),
      token: { kind: 'x509', certificateDerBase64: issuer.certificateDerBase64 },
      privateKey: issuer.privateKey,
      now: new Date(this.now()),
    });
    // The assertion is passed on byte for byte, so its text is taken from the answer as it came.
    let responseXml = '';
    const capturing: XmlHttpTransport = async (request) => {
      const response = await this.transport(request);
      responseXml = response.body;
      return response;
    };
    const answer = await exchangeSoap(capturing, {
      version: '1.1',
      action: WS_TRUST_ISSUE_ACTION,
      url: issuer.issueUrl,
      tls: issuer.tls,
      signal: context.signal,
      service,
      envelope,
    });
    if (answer.kind === 'fault') {
      if (!isSenderFault(answer.fault)) {
        throw new RetryableConnectorError(`${service} failed (${answer.fault.code}): ${answer.fault.reason}`);
      }
      throw new PermanentConnectorError(
        `${service} refused a token for '${entityId}' (${answer.fault.reason}): check sts.cvr, the function certificate and the service agreement for the service`,
        { details: { faultCode: answer.fault.code, subcodes: answer.fault.subcodes } },
      );
    }
    return stsSoapTokenOf(answer.payload, answer.name, responseXml, host);
  }
}
