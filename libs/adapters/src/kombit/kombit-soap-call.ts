import { randomUUID } from 'node:crypto';
import type { ConnectorContext } from '../contract/connector.js';
import { PermanentConnectorError } from '../contract/connector-errors.js';
import { maskSensitiveText } from '../contract/sensitive-text.js';
import { clientTlsOf } from '../serviceplatformen/serviceplatformen-settings.js';
import type { XmlHttpTransport } from '../soap/https-xml-transport.js';
import type { SoapAnswer, SoapFault } from '../soap/soap-envelope.js';
import { functionCertificateKeyOf, isExpiredTokenFault, securedSoapEnvelope } from '../soap/ws-security.js';
import type { StsTokenSource } from '../sts/sts-token-cache.js';
import type { CanonicalElement } from '../xml/canonical-xml.js';
import { backboneSettingsWhere } from './kombit-settings-section.js';
import { exchangeSoapWithToken, TOKEN_EXPIRED, withStsToken } from './kombit-token-call.js';

/** How a støttesystem's SOAP calls travel: the holder-of-key assertions' source and the HTTPS transport. */
export interface KombitSoapChannel {
  /** SF1514's SOAP WS-Trust variant (`StsSoapTokenService`), or a stand-in. */
  readonly sts: StsTokenSource;
  readonly transport: XmlHttpTransport;
}

/** One operation of one of the støttesystemer's SOAP services. */
export interface KombitSoapRequest {
  /** Names the service in messages: "Klassifikation (SF1510)". */
  readonly service: string;
  /** The service's entity id: the `AppliesTo` of its assertions. */
  readonly entityId: string;
  /** The service's section of the backbone settings (`klassifikation`, `sdi`): its `entityId` is named on refusal. */
  readonly settingsSection: string;
  readonly url: string;
  readonly action: string;
  /** The Body's payload, written canonically (it is signed). */
  readonly payload: CanonicalElement;
  /** Unsigned header blocks (SDI's RequestHeader), made anew for each attempt. */
  readonly extraHeaders?: () => string;
}

/**
 * One call as KOMBIT's SOAP services want it (OIO-IDWS): the tenant's holder-of-key assertion for the service, from
 * the STS's SOAP variant, in the WS-Security header of an envelope signed with the function certificate's key, sent
 * over mutual TLS with that certificate. When the service refuses the assertion as expired (a security fault or an
 * HTTP 401), the assertion is dropped and the call made once more with a fresh one ({@link withStsToken}).
 *
 * Answers the service's payload or its fault — any fault not about the token, for the service to classify; HTTP
 * failures are classified as `exchangeSoap` does. A function certificate without a PEM key is a permanent failure
 * naming `tls.certificate` and `tls.privateKey`; a missing `sts.soapIssueUrl` is named by the STS client. An
 * assertion the service refuses as not its own (`InvalidSecurityToken`: issued for another entity id) is a permanent
 * failure naming `<settingsSection>.entityId`: a fresh assertion for the same entity id would be refused again.
 */
export async function callKombitSoap(
  channel: KombitSoapChannel,
  context: ConnectorContext,
  request: KombitSoapRequest,
): Promise<SoapAnswer> {
  const where = backboneSettingsWhere(context);
  const tls = await clientTlsOf(context.tenant.config);
  if (tls.key === undefined || tls.cert === undefined) {
    throw new PermanentConnectorError(
      `${where}: tls.certificate and tls.privateKey (PEM) must hold the function certificate that signs ${request.service} requests`,
    );
  }
  const passphrase = tls.passphrase === undefined ? undefined : String(tls.passphrase);
  const privateKey = functionCertificateKeyOf(String(tls.key), passphrase, where);
  return withStsToken(channel.sts, context, request.entityId, request.service, async (assertion) => {
    const envelope = securedSoapEnvelope({
      action: request.action,
      to: request.url,
      messageId: `urn:uuid:${randomUUID()}`,
      payload: request.payload,
      token: { kind: 'saml', assertionXml: assertion },
      privateKey,
      now: context.now(),
      ...(request.extraHeaders === undefined ? {} : { extraHeaders: request.extraHeaders() }),
    });
    const answer = await exchangeSoapWithToken(channel.transport, {
      version: '1.1',
      action: request.action,
      url: request.url,
      tls,
      signal: context.signal,
      service: request.service,
      envelope,
    });
    if (answer === TOKEN_EXPIRED) return TOKEN_EXPIRED;
    if (answer.kind === 'fault' && isExpiredTokenFault(answer.fault)) return TOKEN_EXPIRED;
    if (answer.kind === 'fault' && isInvalidTokenFault(answer.fault)) {
      throw new PermanentConnectorError(
        `${where}: ${request.service} refused the assertion issued for '${request.entityId}' ` +
          `(${answer.fault.code}: ${maskSensitiveText(answer.fault.reason)}); check ${request.settingsSection}.entityId`,
        { details: { faultCode: answer.fault.code } },
      );
    }
    return answer;
  });
}

/** The service's answer to an assertion that is not for it (its audience is another entity id). */
function isInvalidTokenFault(fault: SoapFault): boolean {
  return [fault.code, ...fault.subcodes].some((code) => /(^|:)InvalidSecurityToken$/.test(code));
}
