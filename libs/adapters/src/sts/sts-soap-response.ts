import { PermanentConnectorError } from '../contract/connector-errors.js';
import { elementSourceOf } from '../xml/element-source.js';
import { childElement, childText, type XmlNode } from '../xml/safe-xml.js';
import type { StsToken } from './sts-response.js';

const SAML2_ASSERTION_NAMESPACE = 'urn:oasis:names:tc:SAML:2.0:assertion';

/**
 * Reads a RequestSecurityTokenResponse (alone or in a Collection): the assertion's exact text from `responseXml`
 * (it is signed by the STS and must be passed on unchanged) and its expiry — `Lifetime/Expires`, else the
 * assertion's `Conditions/@NotOnOrAfter`. An answer without them cannot be used: a permanent failure.
 */
export function stsSoapTokenOf(
  payload: XmlNode,
  payloadName: string,
  responseXml: string,
  host: string,
): StsToken {
  const response =
    payloadName === 'RequestSecurityTokenResponseCollection'
      ? childElement(payload, 'RequestSecurityTokenResponse')
      : payload;
  const source = elementSourceOf(responseXml, 'Assertion');
  const assertion = childElement(childElement(response, 'RequestedSecurityToken'), 'Assertion');
  if (!response || !assertion || source === undefined) {
    throw new PermanentConnectorError(
      `The STS at ${host} answered no RequestedSecurityToken with a SAML assertion`,
    );
  }
  if (typeof assertion['@ID'] !== 'string' || assertion['@ID'] === '') {
    throw new PermanentConnectorError(`The STS at ${host} answered an assertion without an ID`);
  }
  const expires =
    childText(childElement(response, 'Lifetime'), 'Expires') ??
    (childElement(assertion, 'Conditions')?.['@NotOnOrAfter'] as string | undefined);
  const expiresAt = expires === undefined ? undefined : new Date(expires);
  if (!expiresAt || Number.isNaN(expiresAt.getTime())) {
    throw new PermanentConnectorError(
      `The STS at ${host} answered no usable Lifetime/Expires (expected an ISO 8601 instant)`,
    );
  }
  return { token: selfContained(source), expiresAt };
}

/**
 * The assertion declaring its own prefix: an STS may declare it on an outer element. Exc-c14n renders the
 * declaration on the assertion anyway, so adding it leaves the STS's signature intact.
 */
function selfContained(assertion: string): string {
  const prefix = /^<([\w.-]+):Assertion/.exec(assertion)?.[1];
  const startTag = assertion.slice(0, assertion.indexOf('>'));
  if (prefix === undefined || startTag.includes(`xmlns:${prefix}=`)) return assertion;
  return assertion.replace(
    `<${prefix}:Assertion`,
    `<${prefix}:Assertion xmlns:${prefix}="${SAML2_ASSERTION_NAMESPACE}"`,
  );
}
