import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { TestCertificates } from '../test-certificates.js';

/** One request a stand-in received: its body read whole, and the client certificate it came with. */
export interface MtlsRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
  /** The client certificate's subject CN. */
  readonly clientName: string;
  /** The client certificate's DER bytes, base64 (what SF1514 calls `UseKey`). */
  readonly clientCertificate: string;
}

export interface MtlsAnswer {
  readonly status: number;
  readonly body: string;
  readonly contentType?: string;
}

export interface MtlsServer {
  /** `https://127.0.0.1:<port>`. */
  readonly origin: string;
  close(): Promise<void>;
}

/**
 * Test support: an HTTPS server on loopback that demands a client certificate from the test CA or the "stranger"
 * CA (so two tenants with different function certificates can call it), as KOMBIT's støttesystemer do.
 */
export async function startMtlsServer(
  certificates: TestCertificates,
  handle: (request: MtlsRequest) => MtlsAnswer | Promise<MtlsAnswer>,
): Promise<MtlsServer> {
  const strangerCa = readFileSync(join(certificates.directory, 'kf-stranger-ca.crt'), 'utf8');
  const server: Server = createServer({
    key: certificates.serverKey,
    cert: certificates.serverCertificate,
    ca: [certificates.ca, strangerCa],
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const peer = (request.socket as TLSSocket).getPeerCertificate();
      void Promise.resolve(
        handle({
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          clientName: String(peer.subject.CN),
          clientCertificate: peer.raw.toString('base64'),
        }),
      ).then(
        (answer) => {
          response.writeHead(answer.status, { 'content-type': answer.contentType ?? 'application/json' });
          response.end(answer.body);
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A JSON answer. */
export function jsonAnswer(status: number, body: unknown): MtlsAnswer {
  return { status, body: JSON.stringify(body), contentType: 'application/json' };
}
