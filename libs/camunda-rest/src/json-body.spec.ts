import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readJsonBody } from './json-body.js';

/** readJsonBody on a real HTTP server: what it leaves on the request, or the error it hands on. */
const LIMIT = 64;
let server: Server;
let port: number;

beforeAll(async () => {
  const middleware = readJsonBody(LIMIT);
  server = createServer((request, response) => {
    middleware(request, response, (error?: unknown) => {
      const read = request as typeof request & { body?: unknown; rawBody?: Buffer; _body?: boolean };
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify(
          error
            ? { error: { ...(error as object), message: (error as Error).message } }
            : {
                read: read._body === true,
                body: read.body ?? null,
                raw: read.rawBody?.toString('utf8') ?? null,
              },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function send(
  body: string | undefined,
  headers: Record<string, string>,
  chunked = false,
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port, method: 'POST', path: '/', headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      },
    );
    request.on('error', reject);
    if (body !== undefined) {
      if (!chunked) request.setHeader('content-length', Buffer.byteLength(body));
      request.write(body);
    }
    request.end();
  });
}

describe('readJsonBody', () => {
  it('parses a UTF-8 JSON object and keeps the bytes as they arrived', async () => {
    const text = '{"navn": "Søren", "n": [1, 2]}';
    expect(await send(text, { 'content-type': 'application/json; charset=UTF-8' })).toEqual({
      read: true,
      body: { navn: 'Søren', n: [1, 2] },
      raw: text,
    });
  });

  it('reads a chunked body too, and an empty one as {}', async () => {
    expect(await send('[true]', { 'content-type': 'application/json' }, true)).toMatchObject({
      body: [true],
    });
    expect(await send('', { 'content-type': 'application/json' })).toMatchObject({ read: true, body: {} });
  });

  it('refuses text that is not JSON, or JSON that is not an object or array, as entity.parse.failed', async () => {
    expect(await send('{"a":', { 'content-type': 'application/json' })).toMatchObject({
      error: { status: 400, type: 'entity.parse.failed' },
    });
    expect(await send(' "text"', { 'content-type': 'application/json' })).toMatchObject({
      error: { status: 400, type: 'entity.parse.failed' },
    });
  });

  it('refuses a body over the limit as entity.too.large, by Content-Length or while reading', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(LIMIT) });
    expect(await send(big, { 'content-type': 'application/json' })).toMatchObject({
      error: { status: 413, type: 'entity.too.large', limit: LIMIT, length: big.length },
    });
    expect(await send(big, { 'content-type': 'application/json' }, true)).toMatchObject({
      error: { status: 413, type: 'entity.too.large', limit: LIMIT },
    });
  });

  it('leaves other media types, charsets and compressed bodies to the parsers behind it', async () => {
    for (const headers of <Array<Record<string, string>>>[
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/json; charset=iso-8859-1' },
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    ]) {
      expect(await send('{"a":1}', headers)).toEqual({ read: false, body: null, raw: null });
    }
  });
});
