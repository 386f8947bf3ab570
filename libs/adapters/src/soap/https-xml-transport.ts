import { request as httpsRequest } from 'node:https';
import { createSecureContext } from 'node:tls';
import type { IncomingHttpHeaders } from 'node:http';
import { PermanentConnectorError, RetryableConnectorError } from '../contract/connector-errors.js';
import type { TlsCredentials } from '../http/tls-credentials.js';

/** The client certificate (and the CA to trust) for mutual TLS, as the shared HTTP layer resolves them. */
export type ClientTls = TlsCredentials['options'];

export interface XmlHttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly tls: ClientTls;
  /** Aborts the request: the connector's timeout or the engine shutting down. */
  readonly signal: AbortSignal;
  /** Names the service in failure messages ("Serviceplatformen SF1520"). */
  readonly service: string;
}

export interface XmlHttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * Sends XML over HTTPS and returns the answer, whatever its status: the port the Serviceplatformen connectors use.
 * It does not sit on the shared `HttpClient` yet because SOAP 1.1 answers every fault — "PNR not found" too — with
 * HTTP 500, which that client retries and counts against the endpoint's circuit breaker; once it can be told which
 * answers are the service's verdict rather than its failure, an implementation over it can replace this one.
 */
export type XmlHttpTransport = (request: XmlHttpRequest) => Promise<XmlHttpResponse>;

/** Answers longer than this are refused rather than held in memory. */
export const MAX_XML_RESPONSE_BYTES = 20 * 1024 * 1024;

/** TLS failures that retrying cannot fix: the service's certificate is not one we trust. */
const UNTRUSTED_SERVER_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/**
 * {@link XmlHttpTransport} over node:https with the client certificate (mutual TLS), server certificates always
 * verified, and the request destroyed when `signal` fires. A connection that fails is a
 * {@link RetryableConnectorError}; a service certificate we do not trust, a URL that is not https, or a client
 * certificate node cannot read is a {@link PermanentConnectorError} — the tenant's configuration must change.
 */
export const httpsXmlTransport: XmlHttpTransport = (request) => {
  const url = parseServiceUrl(request.url, request.service);
  const where = `${request.service} at ${url.host}`;
  return new Promise<XmlHttpResponse>((resolve, reject) => {
    if (request.signal.aborted) return reject(request.signal.reason);
    let outgoing: ReturnType<typeof httpsRequest>;
    try {
      // Built here first so an unreadable certificate or key fails now, as a configuration error.
      createSecureContext(request.tls);
      outgoing = httpsRequest(url, {
        method: 'POST',
        headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body) },
        ...request.tls,
        rejectUnauthorized: true,
        signal: request.signal,
      });
    } catch (error) {
      return reject(
        new PermanentConnectorError(
          `${where}: the client certificate cannot be used (${(error as { code?: string }).code ?? 'unreadable'}) — check the tenant's certificate and key`,
        ),
      );
    }
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_XML_RESPONSE_BYTES) {
          incoming.destroy();
          reject(
            new RetryableConnectorError(`${where} answered with more than ${MAX_XML_RESPONSE_BYTES} bytes`),
          );
          return;
        }
        chunks.push(chunk);
      });
      incoming.on('end', () =>
        resolve({
          status: incoming.statusCode ?? 0,
          headers: incoming.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        }),
      );
      incoming.on('error', (error) => reject(connectionFailure(where, error, request.signal)));
    });
    outgoing.on('error', (error) => reject(connectionFailure(where, error, request.signal)));
    outgoing.end(request.body);
  });
};

function parseServiceUrl(text: string, service: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PermanentConnectorError(
      `${service}: the endpoint is not a URL — check the tenant's configuration`,
    );
  }
  if (url.protocol !== 'https:') {
    throw new PermanentConnectorError(
      `${service}: the endpoint must be an https:// URL (mutual TLS), not ${url.protocol}// — check the tenant's configuration`,
    );
  }
  return url;
}

function connectionFailure(where: string, error: Error, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  const code = (error as { code?: unknown }).code;
  const named = typeof code === 'string' ? code : error.name;
  if (typeof code === 'string' && UNTRUSTED_SERVER_CODES.has(code)) {
    return new PermanentConnectorError(
      `${where}: its certificate is not trusted (${code}) — check the endpoint and the CA in the tenant's configuration`,
    );
  }
  return new RetryableConnectorError(`${where} could not be reached (${named})`);
}
