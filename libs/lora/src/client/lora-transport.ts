import { randomBytes } from 'node:crypto';
import type { LoraFilePart } from './lora-client-types.js';

/** One HTTP request the client makes. */
export interface LoraHttpRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Absolute, with the query. */
  readonly url: string;
  /** The path with `{uuid}` for ids, for log lines and errors. */
  readonly pathTemplate: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export interface LoraHttpResponse {
  readonly status: number;
  header(name: string): string | undefined;
  readonly body: string;
}

/**
 * Sends one request. The default is node's `fetch` ({@link fetchTransport}); a connector hands in the shared HTTP
 * layer instead, so retries, the circuit breaker, TLS and the tenant's authentication apply.
 */
export type LoraTransport = (request: LoraHttpRequest) => Promise<LoraHttpResponse>;

/** An OIDC bearer token for each request (called per request: the provider caches and renews). */
export type LoraTokenProvider = () => string | Promise<string>;

/** Node's fetch, with a bearer token from `token` when given, aborted by `signal`. */
export function fetchTransport(
  options: { token?: LoraTokenProvider; signal?: AbortSignal } = {},
): LoraTransport {
  return async (request) => {
    const headers: Record<string, string> = { ...request.headers };
    if (options.token) headers['authorization'] = `Bearer ${await options.token()}`;
    const response = await fetch(request.url, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const body = await response.text();
    return { status: response.status, header: (name) => response.headers.get(name) ?? undefined, body };
  };
}

/** LoRA's multipart write: the object as the `json` part, and the file parts it refers to. */
export function multipartBody(
  json: unknown,
  files: readonly LoraFilePart[],
): { body: Buffer; contentType: string } {
  const boundary = `----lora-client-${randomBytes(12).toString('hex')}`;
  const quoted = (text: string) => text.replace(/["\r\n\\]/g, '_');
  const chunks: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="json"\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(json)}\r\n`,
    ),
  ];
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(file.field)}"; filename="${quoted(file.filename)}"\r\nContent-Type: ${quoted(file.mimetype)}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
