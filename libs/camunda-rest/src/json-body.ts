import type { IncomingMessage, ServerResponse } from 'node:http';

/** The JSON media type the fast path reads; anything else (other charsets, compressed bodies) is body-parser's. */
const PLAIN_JSON = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** A request as the JSON body reader leaves it: body-parser's conventions, so either may have read it. */
interface JsonBodyRequest extends IncomingMessage {
  body?: unknown;
  /** The bytes as they arrived (the OS2forms webhook checks a signature over them), as Nest's `rawBody: true` keeps. */
  rawBody?: Buffer;
  /** body-parser's mark that a body was read: the next parser leaves the request alone. */
  _body?: boolean;
}

/** An error in the shape of body-parser's (http-errors): the Camunda exception filter turns it into a 4xx. */
function bodyError(status: number, type: string, message: string, extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), { status, statusCode: status, expose: true, type, ...extra });
}

/**
 * Express middleware that reads the common case — an uncompressed `application/json` body in UTF-8 — itself, with
 * the same outcome as body-parser's JSON parser (which stays registered behind it for every other case): the
 * parsed value in `request.body` (`{}` for an empty body), the bytes in `request.rawBody`, a 413 `entity.too.large`
 * beyond `limit` (told by Content-Length before reading, or while reading), a 400 `entity.parse.failed` for text
 * that is not JSON or not an object or array (body-parser's strict mode). It skips content-type negotiation, charset
 * decoders and the stream plumbing body-parser brings for the cases it does not handle: on a busy engine that is a
 * tenth of the CPU a small start request costs.
 */
export function readJsonBody(limit: number) {
  return (request: JsonBodyRequest, _response: ServerResponse, next: (error?: unknown) => void): void => {
    const type = request.headers['content-type'];
    const encoding = request.headers['content-encoding'];
    if (
      request._body ||
      type === undefined ||
      !PLAIN_JSON.test(type) ||
      (encoding !== undefined && encoding.toLowerCase() !== 'identity')
    ) {
      next();
      return;
    }
    const declared = request.headers['content-length'];
    const transferEncoding = request.headers['transfer-encoding'];
    if (declared === undefined && transferEncoding === undefined) {
      next(); // no body at all: body-parser leaves request.body undefined too
      return;
    }
    const length = declared === undefined ? undefined : Number(declared);
    if (length !== undefined && length > limit) {
      request.resume();
      next(
        bodyError(413, 'entity.too.large', 'request entity too large', { limit, length, expected: length }),
      );
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let finished = false;
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      request.off('data', onData);
      request.off('end', onEnd);
      request.off('error', onError);
      next(error);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        request.resume();
        finish(bodyError(413, 'entity.too.large', 'request entity too large', { limit, length: received }));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received);
      request._body = true;
      request.rawBody = raw;
      const text = raw.toString('utf8');
      if (text.trim() === '') {
        request.body = {};
        finish();
        return;
      }
      const first = /\S/.exec(text)?.[0];
      if (first !== '{' && first !== '[') {
        finish(
          bodyError(400, 'entity.parse.failed', `Unexpected token '${first}', expected an object or array`, {
            body: text,
          }),
        );
        return;
      }
      try {
        request.body = JSON.parse(text);
      } catch (error) {
        finish(bodyError(400, 'entity.parse.failed', (error as Error).message, { body: text }));
        return;
      }
      finish();
    };
    const onError = (error: Error) =>
      finish(bodyError(400, 'request.aborted', `the request body could not be read: ${error.message}`));
    request.on('data', onData);
    request.on('end', onEnd);
    request.on('error', onError);
  };
}
