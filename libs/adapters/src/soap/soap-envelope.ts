/**
 * SOAP 1.1 and 1.2 envelopes: building a request and reading an answer, which is either the body's payload or a
 * SOAP Fault. Document/literal only — what Serviceplatformen's services use.
 */
import {
  childElement,
  childText,
  parseXmlSafely,
  UnreadableXmlError,
  type XmlNode,
} from '../xml/safe-xml.js';

export type SoapVersion = '1.1' | '1.2';

const ENVELOPE_NAMESPACE: Readonly<Record<SoapVersion, string>> = {
  '1.1': 'http://schemas.xmlsoap.org/soap/envelope/',
  '1.2': 'http://www.w3.org/2003/05/soap-envelope',
};

export interface SoapRequest {
  readonly version: SoapVersion;
  /** The operation's SOAP action (SOAP 1.1's `SOAPAction` header, SOAP 1.2's `action` parameter). */
  readonly action: string;
  /** The body's payload: one element, already serialised (escape values with `escapeXml`). */
  readonly body: string;
  /** Header blocks, already serialised. */
  readonly header?: string;
}

/** The envelope around `request.body` (and its header blocks). */
export function soapEnvelopeOf(request: SoapRequest): string {
  const header = request.header ? `<soap:Header>${request.header}</soap:Header>` : '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<soap:Envelope xmlns:soap="${ENVELOPE_NAMESPACE[request.version]}">${header}` +
    `<soap:Body>${request.body}</soap:Body></soap:Envelope>`
  );
}

/** The HTTP headers a SOAP request of this version is sent with. */
export function soapHeadersOf(request: SoapRequest): Record<string, string> {
  const action = request.action.replace(/"/g, '');
  return request.version === '1.1'
    ? { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${action}"`, accept: 'text/xml' }
    : {
        'content-type': `application/soap+xml; charset=utf-8; action="${action}"`,
        accept: 'application/soap+xml',
      };
}

/**
 * A SOAP Fault, read from either version: `code` is the local name of the fault code (`Client`/`Server` in 1.1,
 * `Sender`/`Receiver` in 1.2), `subcodes` the 1.2 subcodes' local names, `detail` the parsed detail element.
 */
export interface SoapFault {
  readonly code: string;
  readonly subcodes: readonly string[];
  readonly reason: string;
  readonly detail?: XmlNode;
}

/** Whether the fault blames the request (1.1 `Client`, 1.2 `Sender`) rather than the service. */
export function isSenderFault(fault: SoapFault): boolean {
  return fault.code === 'Client' || fault.code === 'Sender' || fault.code.startsWith('Client.');
}

/** What a SOAP answer carried: the body's payload (its single element, by local name) or a fault. */
export type SoapAnswer =
  | { readonly kind: 'payload'; readonly name: string; readonly payload: XmlNode }
  | { readonly kind: 'fault'; readonly fault: SoapFault };

/**
 * Reads a SOAP answer (either version). Throws `UnreadableXmlError` when it is no XML or has a DOCTYPE, and
 * `UnreadableXmlError` too when it is XML but no SOAP envelope with a body.
 */
export function readSoapAnswer(xml: string, what: string): SoapAnswer {
  const document = parseXmlSafely(xml, what);
  const body = childElement(childElement(document, 'Envelope'), 'Body');
  if (!body) throw new UnreadableXmlError(`${what} is no SOAP envelope with a body`);
  const fault = childElement(body, 'Fault');
  if (fault) return { kind: 'fault', fault: faultOf(fault) };
  const name = Object.keys(body).find((key) => !key.startsWith('@') && key !== '#text');
  const payload = name === undefined ? undefined : childElement(body, name);
  return { kind: 'payload', name: name ?? '', payload: payload ?? {} };
}

function localName(qualified: string): string {
  return qualified.slice(qualified.lastIndexOf(':') + 1);
}

function faultOf(fault: XmlNode): SoapFault {
  const detail11 = childElement(fault, 'detail');
  const code12 = childElement(fault, 'Code');
  if (code12) {
    const subcodes: string[] = [];
    for (let sub = childElement(code12, 'Subcode'); sub; sub = childElement(sub, 'Subcode')) {
      subcodes.push(localName(childText(sub, 'Value') ?? ''));
    }
    const detail = childElement(fault, 'Detail');
    return {
      code: localName(childText(code12, 'Value') ?? ''),
      subcodes,
      reason: childText(childElement(fault, 'Reason'), 'Text') ?? '',
      ...(detail ? { detail } : {}),
    };
  }
  return {
    code: localName(childText(fault, 'faultcode') ?? ''),
    subcodes: [],
    reason: childText(fault, 'faultstring') ?? '',
    ...(detail11 ? { detail: detail11 } : {}),
  };
}
