/**
 * WS-Security 1.1 for SOAP 1.1 requests, as KOMBIT's STS (SF1514, WS-Trust) and the støttesystemer's SOAP services
 * want them (OIOIDWS / the Liberty basic SOAP binding): WS-Addressing headers, a Timestamp, the caller's security
 * token — its function certificate (X.509 BinarySecurityToken) or the holder-of-key SAML assertion the STS issued —
 * and an XML signature made with the function certificate's private key over the Timestamp, the Body, the addressing
 * headers (and the certificate). Every signed part is written in its exc-c14n form ({@link canonicalXml}), so the
 * digests are computed over exactly what is sent.
 */
import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { PermanentConnectorError } from '../contract/connector-errors.js';
import type { SoapFault } from './soap-envelope.js';
import {
  canonicalXml,
  xmlElement,
  type CanonicalAttribute,
  type CanonicalElement,
} from '../xml/canonical-xml.js';

export const SOAP11_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
export const WSA_NAMESPACE = 'http://www.w3.org/2005/08/addressing';
export const WSSE_NAMESPACE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export const WSSE11_NAMESPACE = 'http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd';
export const WSU_NAMESPACE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
export const DS_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const DIGEST_SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
export const SIGNATURE_RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SIGNATURE_ECDSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256';
export const X509_TOKEN_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
export const BASE64_ENCODING =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';
export const SAML2_TOKEN_TYPE = 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0';
export const SAML_ID_VALUE_TYPE = 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLID';

/** How long a request's Timestamp says it is valid. */
const DEFAULT_TIMESTAMP_TTL_MS = 5 * 60_000;

/** The `wsu:Id` attribute a signed part is referenced by. */
export function wsuId(id: string): CanonicalAttribute {
  return { prefix: 'wsu', namespace: WSU_NAMESPACE, name: 'Id', value: id };
}

/** The token that proves who signs: the function certificate itself, or the STS's holder-of-key assertion for it. */
export type WsSecurityToken =
  | { readonly kind: 'x509'; readonly certificateDerBase64: string }
  | { readonly kind: 'saml'; readonly assertionXml: string };

export interface SecuredSoapRequest {
  readonly action: string;
  /** The endpoint (`wsa:To`). */
  readonly to: string;
  /** `urn:uuid:…`, unique per request. */
  readonly messageId: string;
  /** The body's payload element. */
  readonly payload: CanonicalElement;
  readonly token: WsSecurityToken;
  /** The function certificate's private key, which signs (see {@link functionCertificateKeyOf}). */
  readonly privateKey: KeyObject;
  readonly now: Date;
  /** Header blocks sent as they are, unsigned (already serialised). */
  readonly extraHeaders?: string;
}

/** The signed SOAP 1.1 envelope for `request`. Throws a `TypeError` when the key is neither RSA nor EC. */
export function securedSoapEnvelope(request: SecuredSoapRequest): string {
  const key = request.privateKey;
  const signatureMethod = signatureMethodOf(key);
  const addressing = [
    xmlElement(WSA_NAMESPACE, 'Action', [request.action], [wsuId('action')]),
    xmlElement(WSA_NAMESPACE, 'MessageID', [request.messageId], [wsuId('message-id')]),
    xmlElement(WSA_NAMESPACE, 'To', [request.to], [wsuId('to')]),
  ].map(canonicalXml);
  const expires = new Date(request.now.getTime() + DEFAULT_TIMESTAMP_TTL_MS);
  const timestamp = canonicalXml(
    xmlElement(
      WSU_NAMESPACE,
      'Timestamp',
      [
        xmlElement(WSU_NAMESPACE, 'Created', [request.now.toISOString()]),
        xmlElement(WSU_NAMESPACE, 'Expires', [expires.toISOString()]),
      ],
      [wsuId('timestamp')],
    ),
  );
  const body = canonicalXml(xmlElement(SOAP11_NAMESPACE, 'Body', [request.payload], [wsuId('body')]));
  const token =
    request.token.kind === 'x509'
      ? canonicalXml(
          xmlElement(
            WSSE_NAMESPACE,
            'BinarySecurityToken',
            [request.token.certificateDerBase64],
            [
              { name: 'EncodingType', value: BASE64_ENCODING },
              { name: 'ValueType', value: X509_TOKEN_TYPE },
              wsuId('function-certificate'),
            ],
          ),
        )
      : request.token.assertionXml;
  const signed: [string, string][] = [
    ['action', addressing[0]!],
    ['message-id', addressing[1]!],
    ['to', addressing[2]!],
    ['timestamp', timestamp],
    ['body', body],
  ];
  if (request.token.kind === 'x509') signed.push(['function-certificate', token]);
  const signedInfo = canonicalXml(
    xmlElement(DS_NAMESPACE, 'SignedInfo', [
      xmlElement(DS_NAMESPACE, 'CanonicalizationMethod', [], [{ name: 'Algorithm', value: EXC_C14N }]),
      xmlElement(DS_NAMESPACE, 'SignatureMethod', [], [{ name: 'Algorithm', value: signatureMethod }]),
      ...signed.map(([id, part]) => referenceTo(id, part)),
    ]),
  );
  const signatureValue = sign('sha256', Buffer.from(signedInfo, 'utf8'), {
    key,
    ...(key.asymmetricKeyType === 'ec' ? { dsaEncoding: 'ieee-p1363' as const } : {}),
  }).toString('base64');
  const signature =
    `<Signature xmlns="${DS_NAMESPACE}">${signedInfo}<SignatureValue>${signatureValue}</SignatureValue>` +
    `<KeyInfo>${canonicalXml(securityTokenReference(request.token))}</KeyInfo></Signature>`;
  const security =
    `<wsse:Security xmlns:wsse="${WSSE_NAMESPACE}" soap:mustUnderstand="1">` +
    `${timestamp}${token}${signature}</wsse:Security>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="${SOAP11_NAMESPACE}"><soap:Header>` +
    `${addressing.join('')}${request.extraHeaders ?? ''}${security}</soap:Header>${body}</soap:Envelope>`
  );
}

/**
 * The function certificate's private key from its PEM (and passphrase); a key node cannot read is a configuration
 * error, named by `where` without quoting the key.
 */
export function functionCertificateKeyOf(
  pem: string,
  passphrase: string | undefined,
  where: string,
): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey(passphrase === undefined ? pem : { key: pem, passphrase });
  } catch {
    throw new PermanentConnectorError(
      `${where}: tls.privateKey is not a readable PEM private key (or tls.passphrase is wrong)`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') {
    throw new PermanentConnectorError(
      `${where}: tls.privateKey is a ${key.asymmetricKeyType ?? 'unknown'} key; WS-Security signing needs RSA or EC`,
    );
  }
  return key;
}

/** The XML-DSig SignatureMethod for the key: RSA-SHA256 or ECDSA-SHA256. */
export function signatureMethodOf(key: KeyObject): string {
  if (key.asymmetricKeyType === 'rsa') return SIGNATURE_RSA_SHA256;
  if (key.asymmetricKeyType === 'ec') return SIGNATURE_ECDSA_SHA256;
  throw new TypeError(
    `The function certificate's key is ${key.asymmetricKeyType ?? 'unknown'}: only RSA and EC keys can sign`,
  );
}

/** SHA-256 of a canonical part, base64, as a DigestValue. */
export function digestOf(canonicalPart: string): string {
  return createHash('sha256').update(canonicalPart, 'utf8').digest('base64');
}

function referenceTo(id: string, canonicalPart: string): CanonicalElement {
  return xmlElement(
    DS_NAMESPACE,
    'Reference',
    [
      xmlElement(DS_NAMESPACE, 'Transforms', [
        xmlElement(DS_NAMESPACE, 'Transform', [], [{ name: 'Algorithm', value: EXC_C14N }]),
      ]),
      xmlElement(DS_NAMESPACE, 'DigestMethod', [], [{ name: 'Algorithm', value: DIGEST_SHA256 }]),
      xmlElement(DS_NAMESPACE, 'DigestValue', [digestOf(canonicalPart)]),
    ],
    [{ name: 'URI', value: `#${id}` }],
  );
}

/** The `ID` of a SAML assertion (its start tag's), which a signature's KeyIdentifier names. */
export function samlAssertionIdOf(assertionXml: string): string {
  const startTag = /^\s*<(?:[\w.-]+:)?Assertion\b[^>]*>/.exec(assertionXml)?.[0];
  const id = startTag === undefined ? undefined : /\sID="([^"]+)"/.exec(startTag)?.[1];
  if (id === undefined) throw new PermanentConnectorError('The STS token is no SAML assertion with an ID');
  return id;
}

function securityTokenReference(token: WsSecurityToken): CanonicalElement {
  return token.kind === 'x509'
    ? xmlElement(WSSE_NAMESPACE, 'SecurityTokenReference', [
        xmlElement(
          WSSE_NAMESPACE,
          'Reference',
          [],
          [
            { name: 'URI', value: '#function-certificate' },
            { name: 'ValueType', value: X509_TOKEN_TYPE },
          ],
        ),
      ])
    : xmlElement(
        WSSE_NAMESPACE,
        'SecurityTokenReference',
        [
          xmlElement(
            WSSE_NAMESPACE,
            'KeyIdentifier',
            [samlAssertionIdOf(token.assertionXml)],
            [{ name: 'ValueType', value: SAML_ID_VALUE_TYPE }],
          ),
        ],
        [{ prefix: 'wsse11', namespace: WSSE11_NAMESPACE, name: 'TokenType', value: SAML2_TOKEN_TYPE }],
      );
}

/**
 * WS-Security's "the token could not be authenticated" — an expired assertion — however the service spells it: a
 * `FailedAuthentication`, `MessageExpired` or `SecurityTokenExpired` code, or a reason saying the token expired.
 */
export function isExpiredTokenFault(fault: SoapFault): boolean {
  return (
    [fault.code, ...fault.subcodes].some((code) =>
      /FailedAuthentication|MessageExpired|SecurityTokenExpired/.test(code),
    ) || /token.*expired|expired.*token/i.test(fault.reason)
  );
}
