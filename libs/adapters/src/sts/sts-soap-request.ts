import { randomUUID } from 'node:crypto';
import { xmlElement, type CanonicalElement } from '../xml/canonical-xml.js';
import {
  BASE64_ENCODING,
  SAML2_TOKEN_TYPE,
  WSA_NAMESPACE,
  WSSE_NAMESPACE,
  X509_TOKEN_TYPE,
} from '../soap/ws-security.js';

export const WS_TRUST_NAMESPACE = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512';
export const WS_POLICY_NAMESPACE = 'http://schemas.xmlsoap.org/ws/2004/09/policy';
export const WS_TRUST_ISSUE_ACTION = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/Issue';
export const WS_TRUST_ISSUE = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue';
export const WS_TRUST_PUBLIC_KEY = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/PublicKey';
/** The claims dialect the CVR (the AnvenderKontekst) travels in. */
export const AUTHORIZATION_CLAIMS_DIALECT =
  'http://docs.oasis-open.org/wsfed/authorization/200706/authclaims';
export const AUTHORIZATION_NAMESPACE = 'http://docs.oasis-open.org/wsfed/authorization/200706';
/** The claim (and the issued assertion's attribute) that names the municipality: its CVR number. */
export const CVR_CLAIM = 'dk:gov:saml:attribute:CvrNumberIdentifier';

export interface StsSoapIssueRequest {
  /** The service's entity id (`AppliesTo`). */
  readonly entityId: string;
  /** The municipality's CVR: the AnvenderKontekst the service agreement is made for. */
  readonly cvr: string;
  /** The function certificate, DER as base64: the key the assertion is bound to (`UseKey`). */
  readonly certificateDerBase64: string;
}

/**
 * The WS-Trust 1.3 RequestSecurityToken (Issue) SF1514's SOAP variant expects: a SAML 2.0 holder-of-key token
 * (KeyType PublicKey, UseKey the function certificate) for the service in `AppliesTo`, with the municipality's CVR as
 * the AnvenderKontekst claim.
 */
export function requestSecurityTokenOf(request: StsSoapIssueRequest): CanonicalElement {
  const wst = (name: string, children: (CanonicalElement | string)[]) =>
    xmlElement(WS_TRUST_NAMESPACE, name, children);
  return xmlElement(
    WS_TRUST_NAMESPACE,
    'RequestSecurityToken',
    [
      wst('TokenType', [SAML2_TOKEN_TYPE]),
      wst('RequestType', [WS_TRUST_ISSUE]),
      xmlElement(WS_POLICY_NAMESPACE, 'AppliesTo', [
        xmlElement(WSA_NAMESPACE, 'EndpointReference', [
          xmlElement(WSA_NAMESPACE, 'Address', [request.entityId]),
        ]),
      ]),
      wst('KeyType', [WS_TRUST_PUBLIC_KEY]),
      wst('UseKey', [
        xmlElement(
          WSSE_NAMESPACE,
          'BinarySecurityToken',
          [request.certificateDerBase64],
          [
            { name: 'EncodingType', value: BASE64_ENCODING },
            { name: 'ValueType', value: X509_TOKEN_TYPE },
          ],
        ),
      ]),
      xmlElement(
        WS_TRUST_NAMESPACE,
        'Claims',
        [
          xmlElement(
            AUTHORIZATION_NAMESPACE,
            'ClaimType',
            [xmlElement(AUTHORIZATION_NAMESPACE, 'Value', [request.cvr])],
            [{ name: 'Uri', value: CVR_CLAIM }],
          ),
        ],
        [{ name: 'Dialect', value: AUTHORIZATION_CLAIMS_DIALECT }],
      ),
    ],
    [{ name: 'Context', value: `urn:uuid:${randomUUID()}` }],
  );
}
