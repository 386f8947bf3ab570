import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import { UnreadableXmlError } from '../xml/safe-xml.js';
import type { ClientTls, XmlHttpResponse, XmlHttpTransport } from './https-xml-transport.js';
import {
  readSoapAnswer,
  soapEnvelopeOf,
  soapHeadersOf,
  type SoapAnswer,
  type SoapRequest,
} from './soap-envelope.js';

export interface SoapCall extends SoapRequest {
  readonly url: string;
  readonly tls: ClientTls;
  readonly signal: AbortSignal;
  /** Names the service in failure messages ("Serviceplatformen SF1520"). */
  readonly service: string;
}

/** How long to wait after a 429 or 503 without a Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 30_000;

/**
 * Makes one SOAP call and returns the payload or the SOAP Fault, leaving the fault's meaning to the connector. What
 * the HTTP exchange says by itself is classified here: 408, 429, 5xx without a fault and an unreadable answer are
 * retryable (with the service's Retry-After); 401/403 (the certificate or agreement is refused) and 404 (a wrong
 * endpoint) are permanent — the tenant's configuration must change.
 */
export async function callSoap(transport: XmlHttpTransport, call: SoapCall): Promise<SoapAnswer> {
  return exchangeSoap(transport, { ...call, envelope: soapEnvelopeOf(call) });
}

/** A SOAP call whose envelope is already built (a WS-Security signed one, say). */
export interface SoapExchange extends Omit<SoapCall, 'body' | 'header'> {
  readonly envelope: string;
}

/** {@link callSoap} for an envelope built by the caller: sent as it is, the answer classified the same way. */
export async function exchangeSoap(transport: XmlHttpTransport, call: SoapExchange): Promise<SoapAnswer> {
  const response = await transport({
    url: call.url,
    headers: soapHeadersOf({ ...call, body: '' }),
    body: call.envelope,
    tls: call.tls,
    signal: call.signal,
    service: call.service,
  });
  const { status } = response;
  if (status === 401 || status === 403) {
    throw new PermanentConnectorError(
      `${call.service} refused the caller (HTTP ${status}): check the tenant's certificate and service agreement`,
      { details: { status } },
    );
  }
  if (status === 404) {
    throw new PermanentConnectorError(
      `${call.service} has no service at the configured endpoint (HTTP 404): check the tenant's endpoint`,
      { details: { status } },
    );
  }
  if (status === 408 || status === 429) throw retryableStatus(call.service, response);
  let answer: SoapAnswer;
  try {
    answer = readSoapAnswer(response.body, `The answer of ${call.service}`);
  } catch (error) {
    if (!(error instanceof UnreadableXmlError)) throw error;
    if (status >= 500) throw retryableStatus(call.service, response);
    if (status >= 400) {
      throw new PermanentConnectorError(`${call.service} refused the request (HTTP ${status})`, {
        details: { status },
      });
    }
    throw new RetryableConnectorError(`${error.message} (HTTP ${status})`);
  }
  if (answer.kind === 'payload' && status >= 300) {
    throw status >= 500
      ? retryableStatus(call.service, response)
      : new PermanentConnectorError(`${call.service} answered HTTP ${status}`, { details: { status } });
  }
  return answer;
}

/** A retryable failure for an HTTP status, honouring Retry-After (seconds or an HTTP date). */
export function retryableStatus(service: string, response: XmlHttpResponse): RetryableConnectorError {
  const header = response.headers['retry-after'];
  const retryAfterMs = retryAfterOf(typeof header === 'string' ? header : undefined, response.status);
  return new RetryableConnectorError(`${service} is not answering now (HTTP ${response.status})`, {
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

function retryAfterOf(header: string | undefined, status: number): number | undefined {
  if (header !== undefined) {
    if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  return status === 429 || status === 503 ? DEFAULT_RETRY_AFTER_MS : undefined;
}
