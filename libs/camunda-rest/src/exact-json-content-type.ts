import type { IncomingMessage, OutgoingHttpHeader, ServerResponse } from 'node:http';

/**
 * Express middleware: every JSON response says `content-type: application/json` exactly, as Camunda 7 does.
 * Express appends `; charset=utf-8`, and camunda-external-task-client-js then hands its workers a Buffer instead of
 * parsed tasks. JSON is UTF-8 by definition (RFC 8259), so the parameter says nothing a client needs.
 */
export function exactJsonContentType(
  _request: IncomingMessage,
  response: ServerResponse,
  next: () => void,
): void {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name: string, value: number | string | readonly string[]) =>
    setHeader(name, isJsonContentType(name, value) ? 'application/json' : (value as OutgoingHttpHeader));
  next();
}

function isJsonContentType(name: string, value: unknown): boolean {
  return (
    name.toLowerCase() === 'content-type' &&
    typeof value === 'string' &&
    /^application\/json\s*(;|$)/i.test(value)
  );
}
