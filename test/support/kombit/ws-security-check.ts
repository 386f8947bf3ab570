/**
 * Test support: what KOMBIT's SOAP services check of a WS-Security request, for the fakes of SF1514 (SOAP) and SDI —
 * the signature over SignedInfo with the signer's certificate, every Reference's digest (each signed part is found by
 * its Id and taken as sent: the client writes signed parts in their canonical form), that the Body and the
 * Timestamp are signed, and that the Timestamp has not expired.
 */
import { createHash, verify, X509Certificate } from 'node:crypto';
import {
  CVR_CLAIM,
  elementSourceById,
  elementSourceOf,
  parseXmlSafely,
  SIGNATURE_ECDSA_SHA256,
  type XmlNode,
} from '#adapters';

/** Reads a path of child elements by local name (the first of repeated ones). */
export function xmlPath(node: unknown, ...path: string[]): XmlNode | undefined {
  let current: unknown = node;
  for (const name of path) {
    current = (current as Record<string, unknown> | undefined)?.[name];
    if (Array.isArray(current)) current = current[0];
  }
  return typeof current === 'object' && current !== null ? (current as XmlNode) : undefined;
}

/** The text of the element at `path` (or of an attribute `@name` as the last step). */
export function xmlText(node: unknown, ...path: string[]): string | undefined {
  const last = path[path.length - 1]!;
  const parent = path.length > 1 ? xmlPath(node, ...path.slice(0, -1)) : (node as XmlNode | undefined);
  let value: unknown = parent?.[last];
  if (Array.isArray(value)) value = value[0];
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const text = (value as XmlNode)['#text'];
    return typeof text === 'string' ? text : '';
  }
  return undefined;
}

export class WsSecurityRefusal extends Error {
  constructor(
    message: string,
    /** The WS-Security fault code the refusal is answered with. */
    readonly faultCode: 'InvalidSecurity' | 'FailedCheck' | 'MessageExpired' | 'InvalidSecurityToken',
  ) {
    super(message);
  }
}

export interface CheckedRequest {
  readonly document: XmlNode;
  readonly header: XmlNode | undefined;
  readonly body: XmlNode | undefined;
  /** The Security header's SAML assertion, as sent, when the request carries one. */
  readonly assertionXml: string | undefined;
}

/**
 * Checks the request's signature with `signer` (which the caller picks: the BinarySecurityToken, or the assertion's
 * holder-of-key certificate, which it reads from {@link CheckedRequest}). Throws {@link WsSecurityRefusal}.
 */
export function checkWsSecurity(
  xml: string,
  signerOf: (request: CheckedRequest) => X509Certificate,
  now: number,
): CheckedRequest {
  const document = parseXmlSafely(xml, 'the request');
  const header = xmlPath(document, 'Envelope', 'Header');
  const security = xmlPath(header, 'Security');
  if (!security) throw new WsSecurityRefusal('no wsse:Security header', 'InvalidSecurity');
  const request: CheckedRequest = {
    document,
    header,
    body: xmlPath(document, 'Envelope', 'Body'),
    assertionXml: xmlPath(security, 'Assertion') ? elementSourceOf(xml, 'Assertion') : undefined,
  };
  const signedInfo = xmlPath(security, 'Signature', 'SignedInfo');
  const signedInfoXml = elementSourceOf(xml, 'SignedInfo');
  if (!signedInfo || signedInfoXml === undefined)
    throw new WsSecurityRefusal('no signature', 'InvalidSecurity');
  const references = signedInfo['Reference'];
  const signedIds = (Array.isArray(references) ? references : [references]).map((reference) => {
    const id = String((reference as XmlNode)['@URI'] ?? '').replace(/^#/, '');
    const part = elementSourceById(xml, id);
    const digest = xmlText(reference, 'DigestValue');
    if (part === undefined || createHash('sha256').update(part, 'utf8').digest('base64') !== digest) {
      throw new WsSecurityRefusal(`the digest of #${id} does not match`, 'FailedCheck');
    }
    return id;
  });
  const bodyId = xmlText(request.body, '@Id');
  const timestampId = xmlText(security, 'Timestamp', '@Id');
  if (!bodyId || !signedIds.includes(bodyId) || !timestampId || !signedIds.includes(timestampId)) {
    throw new WsSecurityRefusal('the Body and the Timestamp must be signed', 'InvalidSecurity');
  }
  const signer = signerOf(request);
  const method = xmlText(signedInfo, 'SignatureMethod', '@Algorithm');
  const signatureValue = Buffer.from(xmlText(security, 'Signature', 'SignatureValue') ?? '', 'base64');
  const valid = verify(
    'sha256',
    Buffer.from(signedInfoXml, 'utf8'),
    {
      key: signer.publicKey,
      ...(method === SIGNATURE_ECDSA_SHA256 ? { dsaEncoding: 'ieee-p1363' as const } : {}),
    },
    signatureValue,
  );
  if (!valid) throw new WsSecurityRefusal('the signature does not verify', 'FailedCheck');
  const expires = Date.parse(xmlText(security, 'Timestamp', 'Expires') ?? '');
  if (!(expires > now)) throw new WsSecurityRefusal('the Timestamp has expired', 'MessageExpired');
  return request;
}

/** What the holder-of-key assertion of a checked request says: its id, the CVR, the service, until when. */
export interface HolderOfKeyAssertion {
  readonly id: string | undefined;
  /** The `dk:gov:saml:attribute:CvrNumberIdentifier` attribute's value. */
  readonly cvr: string | undefined;
  /** The entity id it was issued for (`Conditions/AudienceRestriction/Audience`). */
  readonly audience: string | undefined;
  /** `Conditions/@NotOnOrAfter` in ms (NaN when missing). */
  readonly notOnOrAfter: number;
}

/**
 * Checks a request the OIO-IDWS way, as KOMBIT's SOAP services do: signed ({@link checkWsSecurity}) with the
 * holder-of-key certificate of the SAML assertion in its Security header, which must be the certificate the TLS
 * client presented (`clientCertificateDer`). Throws {@link WsSecurityRefusal}.
 */
export function checkHolderOfKeyRequest(
  xml: string,
  clientCertificateDer: Buffer | undefined,
  now: number,
): { readonly request: CheckedRequest; readonly assertion: HolderOfKeyAssertion } {
  let assertion: XmlNode | undefined;
  const request = checkWsSecurity(
    xml,
    ({ assertionXml }) => {
      if (assertionXml === undefined)
        throw new WsSecurityRefusal('no SAML assertion', 'InvalidSecurityToken');
      assertion = xmlPath(parseXmlSafely(assertionXml, 'the assertion'), 'Assertion');
      const holder = xmlText(
        assertion,
        'Subject',
        'SubjectConfirmation',
        'SubjectConfirmationData',
        'KeyInfo',
        'X509Data',
        'X509Certificate',
      );
      const signer = holder ? certificateOfDer(holder) : undefined;
      if (!signer || !clientCertificateDer || !signer.raw.equals(clientCertificateDer)) {
        throw new WsSecurityRefusal(
          'the holder-of-key certificate is not the TLS client certificate',
          'FailedCheck',
        );
      }
      return signer;
    },
    now,
  );
  const attribute = xmlPath(assertion, 'AttributeStatement', 'Attribute');
  return {
    request,
    assertion: {
      id: xmlText(assertion, '@ID'),
      cvr: xmlText(attribute, '@Name') === CVR_CLAIM ? xmlText(attribute, 'AttributeValue') : undefined,
      audience: xmlText(assertion, 'Conditions', 'AudienceRestriction', 'Audience'),
      notOnOrAfter: Date.parse(xmlText(assertion, 'Conditions', '@NotOnOrAfter') ?? ''),
    },
  };
}

/** A certificate from base64 DER (a BinarySecurityToken, an X509Certificate element). */
export function certificateOfDer(base64: string): X509Certificate {
  return new X509Certificate(Buffer.from(base64.replace(/\s+/g, ''), 'base64'));
}

/** A SOAP 1.1 fault envelope. */
export function soapFault(code: string, reason: string, detail = ''): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>` +
    `<faultcode>${code}</faultcode><faultstring>${reason}</faultstring>${detail ? `<detail>${detail}</detail>` : ''}` +
    `</s:Fault></s:Body></s:Envelope>`
  );
}
